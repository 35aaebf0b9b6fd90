using Platform.Components.Cluster;

namespace Platform.Components.Storage;

/// <summary>What <see cref="StorageLayer"/> installs.</summary>
public sealed record StorageLayerArgs
{
    /// <summary>The provider and, for Rook-Ceph, the node, device and replica choices. Required.</summary>
    public required StorageOptions Options { get; init; }

    /// <summary>The cluster's inventory; Rook-Ceph runs on the nodes with <see cref="StorageOptions.NodeLabel"/>.
    /// Required.</summary>
    public required IReadOnlyList<ClusterNode> Nodes { get; init; }

    /// <summary>How Ceph is scraped; null (the default) when monitoring is off. With it the charts create ServiceMonitors
    /// for Ceph and the CSI drivers and Ceph's PrometheusRules, and both releases wait for the Prometheus Operator's
    /// CRDs.</summary>
    public Observability.MetricsScraping? Metrics { get; init; }
}
