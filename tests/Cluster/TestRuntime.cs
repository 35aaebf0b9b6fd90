using Platform.Components.Cluster;
using Platform.Stacks.Configuration;

namespace Platform.Tests.Cluster;

/// <summary>The container runtime the node script tests render with: the example version's (containerd 2.3.0+ or
/// 2.2.0+, pause 3.10.2).</summary>
internal static class TestRuntime
{
    /// <summary>The runtime of <see cref="KubernetesVersions.ExampleVersion"/>.</summary>
    public static ContainerRuntime Current => KubernetesVersions.ContainerRuntimeFor(KubernetesVersions.ExampleVersion);
}
