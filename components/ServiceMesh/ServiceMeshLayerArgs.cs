using Platform.Components.Observability;
using Pulumi;

namespace Platform.Components.ServiceMesh;

/// <summary>What <see cref="ServiceMeshLayer"/> installs, and the facts of the stack it needs.</summary>
public sealed record ServiceMeshLayerArgs
{
    /// <summary>The mesh as configured. Required.</summary>
    public required ServiceMeshOptions Options { get; init; }

    /// <summary>The cluster's Gateway API CRDs (<see cref="Networking.GatewayApiCrds.Crds"/>), which istiod and Consul's
    /// API gateway controller read: their releases wait for them. Default none.</summary>
    public IReadOnlyList<Resource> GatewayApiReady { get; init; } = [];

    /// <summary>istiod's replicas. Default 1. Istio only.</summary>
    public int IstiodReplicas { get; init; } = 1;

    /// <summary>Whether Cilium is the cluster's CNI: with ambient, a CiliumClusterwideNetworkPolicy then admits the
    /// kubelet's health probes, which ambient SNATs to 169.254.7.127 and a default-deny policy would drop (Istio's
    /// platform prerequisites for Cilium). Default false.</summary>
    public bool CiliumIsTheCni { get; init; }

    /// <summary>The StorageClass of the Consul servers' volumes; required with Consul. Default null.</summary>
    public string? StorageClass { get; init; }

    /// <summary>What the Consul release waits for before it claims volumes (<c>PlatformLayers.StorageReady</c>). Default
    /// none.</summary>
    public IReadOnlyList<Resource> StorageReady { get; init; } = [];

    /// <summary>The monitoring capability's namespace and CRDs; null when monitoring is off. With Istio: a ServiceMonitor
    /// for istiod and a PodMonitor for ztunnel; with Consul: the chart's metrics switched on (the proxies serve theirs on port
    /// 20200 with Prometheus scrape annotations); no monitor is created, the servers' endpoint needs an ACL token and the
    /// proxies sit in the teams' namespaces, whose policies are the teams'. Default null.</summary>
    public MetricsScraping? Metrics { get; init; }
}
