namespace Platform.Components.Networking;

/// <summary>A namespace the platform owns: its Pod Security level and the traffic it allows.</summary>
public sealed record PlatformNamespaceArgs
{
    /// <summary>The namespace's name, a DNS-1123 label. Required.</summary>
    public required string Name { get; init; }

    /// <summary>The Pod Security level enforced. Default <see cref="PodSecurityLevel.Restricted"/>.</summary>
    public PodSecurityLevel Enforce { get; init; } = PodSecurityLevel.Restricted;

    /// <summary>Whether the pods may query the cluster DNS (kube-dns in kube-system, port 53). Default true.</summary>
    public bool AllowDns { get; init; } = true;

    /// <summary>Traffic allowed through the default-deny policy, beyond DNS. Default none.</summary>
    public IReadOnlyList<NetworkAllowance> Allowances { get; init; } = [];

    /// <summary>The (container port, protocol) pairs its pods serve metrics on, which the monitoring namespace
    /// (<see cref="PlatformNamespace.MonitoringNamespace"/>) may reach. Default none.</summary>
    public IReadOnlyList<(int Port, string Protocol)> MetricsPorts { get; init; } = [];
}
