namespace Platform.Components.Cluster;

/// <summary>What every node's container runtime (containerd) must be for the cluster's Kubernetes minor version: the
/// sandbox image kubeadm expects and the containerd releases containerd's own support matrix lists for that minor.
/// Node preparation sets a new host up with it; a node's upgrade step brings its runtime there, drained.</summary>
public sealed record ContainerRuntime
{
    /// <summary>The pause (sandbox) image containerd pins, e.g. <c>registry.k8s.io/pause:3.10.2</c>: the one
    /// <c>kubeadm config images list</c> names for the Kubernetes version. Required.</summary>
    public required string SandboxImage { get; init; }

    /// <summary>The oldest supported patch of each supported containerd line, newest line first, e.g. <c>2.3.0</c>,
    /// <c>2.2.0</c>; a line newer than the first is supported too. Required, at least one.</summary>
    public required IReadOnlyList<string> SupportedContainerd { get; init; }
}
