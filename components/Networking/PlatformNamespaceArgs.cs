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

    /// <summary>Labels on the namespace beside the Pod Security and <c>app.kubernetes.io/managed-by</c> labels, which
    /// they may not repeat (e.g. a team's labels that policies select). Default none.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Annotations on the namespace (e.g. its owner's contact). Default none.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the Namespace resource is protected (Pulumi <c>protect</c>): removing it from the program, or a
    /// destroy, fails until it is unprotected, as deleting a namespace deletes everything in it. Default false.</summary>
    public bool Protect { get; init; }

    /// <summary>Whether the Namespace stays in the cluster when it leaves the stack (Pulumi <c>retainOnDelete</c>), for a
    /// namespace holding what must outlive the layer (e.g. the claim of a backup bucket). Default false.</summary>
    public bool RetainOnDelete { get; init; }
}
