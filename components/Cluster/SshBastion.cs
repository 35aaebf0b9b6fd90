namespace Platform.Components.Cluster;

/// <summary>A jump host through which a node is reached over SSH (the equivalent of <c>ssh -J user@host:port</c>).
/// The bastion is authenticated with the same private key as the nodes.</summary>
public sealed record SshBastion
{
    /// <summary>The default SSH port: 22.</summary>
    public const int DefaultPort = 22;

    /// <summary>The bastion's IPv4 address or DNS name.</summary>
    public required string Host { get; init; }

    /// <summary>The user to log in as on the bastion. The configuration loader defaults it to the node's SSH user.</summary>
    public required string User { get; init; }

    /// <summary>The bastion's SSH port; defaults to 22.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The bastion's SSH host public key, pinned as <see cref="ClusterNode.HostKey"/> is for a node (same forms,
    /// see <see cref="SshHostKey"/>). Null (the default) accepts whatever key the host presents; the stack warns.</summary>
    public string? HostKey { get; init; }
}
