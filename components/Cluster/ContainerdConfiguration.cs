using System.Globalization;

namespace Platform.Components.Cluster;

/// <summary>
/// Renders <c>/etc/containerd/config.toml</c>: only what Platform needs to differ from containerd's defaults, the sandbox
/// image kubeadm expects, the systemd cgroup driver kubelet uses and an OOM score that keeps the kernel from killing
/// containerd before the containers (what Flatcar's own configuration sets); containerd 1.7 also gets the unprivileged
/// ports and ICMP that containerd 2 allows by default, so a node moving between them treats pods alike. containerd 2 reads configuration version 3, whose
/// CRI plugin is split into <c>io.containerd.cri.v1.images</c> and <c>io.containerd.cri.v1.runtime</c>; containerd 1.7
/// reads version 2, with one <c>io.containerd.grpc.v1.cri</c> plugin (containerd's docs/cri/config.md).
/// </summary>
public static class ContainerdConfiguration
{
    /// <summary>The configuration version containerd 2 reads: 3.</summary>
    public const int Containerd2Version = 3;

    /// <summary>The configuration version containerd 1.7 reads: 2.</summary>
    public const int Containerd1Version = 2;

    /// <summary>The configuration for <paramref name="configVersion"/> (2 or 3) with <paramref name="sandboxImage"/>.</summary>
    /// <param name="configVersion">The configuration version: <see cref="Containerd2Version"/> or <see cref="Containerd1Version"/>.</param>
    /// <param name="sandboxImage">The pause image, e.g. <c>registry.k8s.io/pause:3.10.2</c>.</param>
    /// <returns>The TOML text, ending with a newline.</returns>
    public static string Render(int configVersion, string sandboxImage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sandboxImage);
        if (sandboxImage.Any(c => c is '"' or '\\' || char.IsControl(c) || char.IsWhiteSpace(c)))
            throw new ArgumentException($"A sandbox image is an image reference, got '{sandboxImage}'.", nameof(sandboxImage));
        var header = string.Create(CultureInfo.InvariantCulture, $"# Platform: containerd for Kubernetes; everything not set here keeps containerd defaults\nversion = {configVersion}\noom_score = -999\n");
        return configVersion switch
        {
            Containerd2Version => header + $"""

                [plugins."io.containerd.cri.v1.images".pinned_images]
                sandbox = "{sandboxImage}"

                [plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc]
                runtime_type = "io.containerd.runc.v2"

                [plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc.options]
                SystemdCgroup = true

                """,
            Containerd1Version => header + $"""

                [plugins."io.containerd.grpc.v1.cri"]
                sandbox_image = "{sandboxImage}"
                enable_unprivileged_ports = true
                enable_unprivileged_icmp = true

                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                runtime_type = "io.containerd.runc.v2"

                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                SystemdCgroup = true

                """,
            _ => throw new ArgumentOutOfRangeException(nameof(configVersion), configVersion, "containerd reads configuration version 2 (containerd 1.7) or 3 (containerd 2)."),
        };
    }
}
