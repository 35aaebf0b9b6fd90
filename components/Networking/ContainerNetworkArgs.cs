using Platform.Components.Networking.Cni;

namespace Platform.Components.Networking;

/// <summary>What <see cref="ContainerNetwork"/> installs: the plugin and its options, and the cluster facts it needs.</summary>
public sealed record ContainerNetworkArgs
{
    /// <summary>The plugin and its options. Default: Cilium without encryption, kube-proxy replacement or Hubble.</summary>
    public CniOptions Options { get; init; } = new();

    /// <summary>Values merged over Cilium's (e.g. what L2 load-balancer announcements need). Default none.</summary>
    public IReadOnlyDictionary<string, object> ExtraCiliumValues { get; init; } = new Dictionary<string, object>();

    /// <summary>The cluster's name, pod CIDR and API endpoint. Required.</summary>
    public required CniClusterFacts Cluster { get; init; }

    /// <summary>What the plugin's Helm releases wait for, e.g. the cluster's Service proxy step when kube-proxy must
    /// run before Cilium stops replacing it. A component's own DependsOn does not reach its children, so this does.
    /// Default none.</summary>
    public IReadOnlyList<Pulumi.Resource> InstallAfter { get; init; } = [];
}
