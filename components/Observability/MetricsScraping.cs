using Pulumi;

namespace Platform.Components.Observability;

/// <summary>What the other layers need from the monitoring capability: where Prometheus runs and the release holding
/// the Prometheus Operator's CRDs, which any ServiceMonitor, PodMonitor, Probe or PrometheusRule waits for.</summary>
public sealed record MetricsScraping
{
    /// <summary>The monitoring namespace (<c>monitoring</c>), where Prometheus scrapes from.</summary>
    public required string Namespace { get; init; }

    /// <summary>The release holding the Prometheus Operator's CRDs.</summary>
    public required Resource CrdsReady { get; init; }
}
