using Platform.Components.Cluster.ServingCertificates;

namespace Platform.Components.Cluster;

/// <summary>What <see cref="KubeletServingCertificateApprover"/> approves, and how it runs.</summary>
public sealed record KubeletServingCertificateApproverArgs
{
    /// <summary>The cluster's nodes, as in the inventory: a kubelet serving certificate is approved only for one of their
    /// names and only for their addresses, which must therefore be IP addresses (a DNS-named node's kubelet asks for an
    /// IP address nobody knows in advance). Required, at least one.</summary>
    public required IReadOnlyList<ClusterNode> Nodes { get; init; }

    /// <summary>The longest certificate lifetime a kubelet may ask for, in seconds, 1 to 367 days. Default
    /// <see cref="KubeletCsrApproverValues.DefaultMaxExpirationSeconds"/> (365 days, the signer's default lifetime).</summary>
    public int MaxExpirationSeconds { get; init; } = KubeletCsrApproverValues.DefaultMaxExpirationSeconds;

    /// <summary>The approver's replicas (leader election picks the one that approves). Default null: 2, or 1 on a
    /// single-node cluster.</summary>
    public int? Replicas { get; init; }

    /// <summary>How the approver is scraped; null (the default) when monitoring is off. With it the chart creates its
    /// ServiceMonitor and the release waits for the Prometheus Operator's CRDs.</summary>
    public Observability.MetricsScraping? Metrics { get; init; }
}
