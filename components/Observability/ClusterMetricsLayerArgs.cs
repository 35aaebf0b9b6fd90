using Platform.Components.Observability.ClusterMetrics;
using Pulumi;

namespace Platform.Components.Observability;

/// <summary>What <see cref="ClusterMetricsLayer"/> installs.</summary>
public sealed record ClusterMetricsLayerArgs
{
    /// <summary>Replicas, the serving certificate's issuer, kube-state-metrics. Default: <see cref="ClusterMetricsOptions"/>'s defaults.</summary>
    public ClusterMetricsOptions Options { get; init; } = new();

    /// <summary>cert-manager's release (and what else its Issuer and Certificate need), which metrics-server's release
    /// waits for when <see cref="ClusterMetricsOptions.ServingCertificateFromCertManager"/> is on. Default none.</summary>
    public IReadOnlyList<Resource> CertManager { get; init; } = [];

    /// <summary>The kubelet serving-certificate approver's release, which metrics-server's release waits for:
    /// metrics-server becomes ready only once it has scraped kubelets, which serve only with an approved certificate.
    /// Default none.</summary>
    public IReadOnlyList<Resource> ServingCertificateApprover { get; init; } = [];

    /// <summary>How kube-state-metrics is scraped; null (the default) when monitoring is off. With it the chart creates
    /// its ServiceMonitor and the release waits for the Prometheus Operator's CRDs. metrics-server keeps no
    /// ServiceMonitor: its chart's needs <c>metrics.enabled</c>, which lets anyone read <c>/metrics</c>, and skips TLS
    /// verification.</summary>
    public MetricsScraping? Metrics { get; init; }
}
