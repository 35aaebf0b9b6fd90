using Pulumi;

namespace Platform.Components.Observability;

/// <summary>What a layer needs to have its metrics scraped once the monitoring layer runs Prometheus: the namespace
/// Prometheus runs in (the peer of every namespace's metrics allowance) and the release that holds the Prometheus
/// Operator's CRDs (ServiceMonitor, PodMonitor, PrometheusRule), which every release creating such objects waits for.
/// Layers get it as their Args' <c>Metrics</c>; null there means monitoring is off and nothing about metrics changes.</summary>
public sealed record MetricsScraping
{
    /// <summary>The namespace Prometheus runs in. Default <c>monitoring</c>.</summary>
    public string Namespace { get; init; } = "monitoring";

    /// <summary>The release holding the Prometheus Operator's CRDs, installed before the CNI and every other layer.
    /// Required.</summary>
    public required Resource CrdsReady { get; init; }
}
