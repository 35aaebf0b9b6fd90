using Platform.Components.Networking.Cni;

namespace Platform.Tests.Networking.Cni;

/// <summary>Cluster facts and option sets the CNI tests share.</summary>
internal static class CniFixtures
{
    public static CniClusterFacts Cluster { get; } = new()
    {
        ClusterName = "prod-eu1",
        PodCidr = "10.244.0.0/16",
        ApiServerHost = "192.168.10.5",
        ApiServerPort = 6443,
    };

    public static CniOptions Cilium { get; } = new();

    public static CniOptions Calico { get; } = new() { Plugin = CniPlugin.Calico };
}
