namespace Platform.Stacks.Configuration;

/// <summary>What Platform knows about one Kubernetes minor release it supports: its upstream support window, the
/// newest patch with evidence, and the per-minor facts a node needs (the pause image kubeadm expects, whether
/// containerd 1.x still works). <see cref="KubernetesVersions.Minors"/> holds one per supported minor, each fact with
/// its source.</summary>
public sealed record KubernetesMinorRelease
{
    /// <summary>The minor version, <c>MAJOR.MINOR</c>, e.g. <c>1.36</c>.</summary>
    public required string Minor { get; init; }

    /// <summary>The day upstream released <c>MINOR.0</c>.</summary>
    public required DateOnly GeneralAvailability { get; init; }

    /// <summary>The day upstream moves the minor to maintenance mode (only critical and security fixes from then).</summary>
    public required DateOnly MaintenanceModeStart { get; init; }

    /// <summary>The day upstream stops patching the minor.</summary>
    public required DateOnly EndOfLife { get; init; }

    /// <summary>The newest patch release of the minor that the sources show as released (newer ones may exist).</summary>
    public required KubernetesVersion NewestPatch { get; init; }

    /// <summary>The pause (sandbox) image kubeadm of this minor lists (<c>kubeadm config images list</c>), e.g.
    /// <c>registry.k8s.io/pause:3.10.2</c>: the sandbox image containerd should be configured with.</summary>
    public required string PauseImage { get; init; }

    /// <summary>Whether the minor needs containerd 2.0 or later: Kubernetes 1.35 is the last minor that supports
    /// containerd 1.x.</summary>
    public required bool RequiresContainerd2 { get; init; }

    /// <summary>The oldest patch of each containerd line that containerd's own support matrix lists for this minor,
    /// newest line first, e.g. <c>2.3.0</c>, <c>2.2.0</c> (where the matrix has no row for the minor yet, the previous
    /// minor's, said so at the source). Nodes must run one of these lines at or above its patch, or a newer line.</summary>
    public required IReadOnlyList<string> ContainerdReleases { get; init; }
}
