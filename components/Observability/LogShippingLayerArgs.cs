using Platform.Components.Cluster;
using Platform.Components.Observability.LogShipping;

namespace Platform.Components.Observability;

/// <summary>What <see cref="LogShippingLayer"/> installs, and where it ships to.</summary>
public sealed record LogShippingLayerArgs
{
    /// <summary>The buffer bound, resources, excluded namespaces and pod labels. Default: <see cref="LogShippingOptions"/>'s
    /// defaults.</summary>
    public LogShippingOptions Options { get; init; } = new();

    /// <summary>The logging layer's OpenSearch: endpoint, CA, the <see cref="LoggingClients.FluentBit"/> user and the
    /// resource the release waits for. Required.</summary>
    public required LoggingBackend Logging { get; init; }

    /// <summary>The taints of the cluster's nodes (the inventory's), every one of which the DaemonSet tolerates beside
    /// the control-plane taint, so that it runs on every node. Default none.</summary>
    public IReadOnlyList<NodeTaint> NodeTaints { get; init; } = [];

    /// <summary>Whether the API servers write their audit log (the hardening switch <c>auditLog</c>, on by default): it
    /// is then shipped from the control planes. Default true.</summary>
    public bool AuditLog { get; init; } = true;

    /// <summary>How Fluent Bit is scraped; null (the default) when monitoring is off. With it the chart creates its
    /// ServiceMonitor and the release waits for the Prometheus Operator's CRDs.</summary>
    public MetricsScraping? Metrics { get; init; }
}
