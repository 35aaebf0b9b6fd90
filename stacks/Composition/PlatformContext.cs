using Platform.Components.Cluster;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Configuration;

namespace Platform.Stacks.Composition;

/// <summary>What every platform layer is built from: the validated settings, the capability decisions and the cluster.</summary>
public sealed record PlatformContext
{
    /// <summary>The validated configuration.</summary>
    public required PlatformSettings Settings { get; init; }

    /// <summary>Every capability's decision for this stack.</summary>
    public required IReadOnlyList<CapabilityDecision> Capabilities { get; init; }

    /// <summary>The StorageClass every layer's volumes use, and whether the platform deploys it: the one place a layer
    /// learns its storage.</summary>
    public required PlatformStorage Storage { get; init; }

    /// <summary>The cluster: its PKI, nodes, admin kubeconfig and the Kubernetes provider every layer uses.</summary>
    public required Cluster Cluster { get; init; }

    /// <summary>How layers have their metrics scraped: Prometheus' namespace and the release of the Prometheus Operator's
    /// CRDs. Null when the monitoring capability is off; layers then create no ServiceMonitor, PodMonitor or rule.</summary>
    public Components.Observability.MetricsScraping? Monitoring { get; init; }

    /// <summary>The core's components that run on the cluster (<see cref="PlatformLayers.CoreOnCluster"/>), once
    /// registered: the layers after them can wait for them.</summary>
    public List<Pulumi.ComponentResource> CoreOnCluster { get; } = [];

    /// <summary>The layers deployed so far, by capability id (a later layer can wait for an earlier one).</summary>
    public Dictionary<string, Pulumi.ComponentResource> Layers { get; } = new(StringComparer.Ordinal);
}
