using Platform.Components.Cluster;

namespace Platform.Components.Observability.Scraping;

/// <summary>What <see cref="ControlPlaneMetricsProxy"/> needs.</summary>
public sealed record ControlPlaneMetricsProxyArgs
{
    /// <summary>The cluster CA, which signs the proxies' serving and client certificates. Required.</summary>
    public required CertificateAuthority ClusterCa { get; init; }

    /// <summary>Prometheus' namespace and the release of the Prometheus Operator's CRDs (the kube-proxy ServiceMonitor
    /// waits for it). Required.</summary>
    public required MetricsScraping Metrics { get; init; }

    /// <summary>Whether kube-proxy runs (false when Cilium replaces it): then every node gets a proxy for its metrics.
    /// Default true.</summary>
    public bool KubeProxy { get; init; } = true;

    /// <summary>Whether Calico is the CNI with Felix's metrics on the loopback address: then every node's proxy serves
    /// them too. Default false.</summary>
    public bool CalicoFelix { get; init; }

    /// <summary>Validity of the proxies' certificates, in hours. Default 8760 (1 year).</summary>
    public int CertificateValidityHours { get; init; } = 8_760;

    /// <summary>How many hours before they expire a <c>pulumi up</c> renews the certificates. Default 2880 (120 days,
    /// as the cluster's admin certificate); the proxies read renewed files within a minute.</summary>
    public int CertificateEarlyRenewalHours { get; init; } = 2_880;
}
