using Platform.Components.Networking.Cni;

namespace Platform.Components.Networking;

/// <summary>What <see cref="ContainerNetwork"/> installs: the plugin and its options, and the cluster facts it needs.</summary>
public sealed record ContainerNetworkArgs
{
    /// <summary>The plugin and its options. Default: Cilium without encryption, kube-proxy replacement or Hubble.</summary>
    public CniOptions Options { get; init; } = new();

    /// <summary>The cluster's name, pod CIDR and API endpoint. Required.</summary>
    public required CniClusterFacts Cluster { get; init; }
}
