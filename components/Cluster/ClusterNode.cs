using System.Collections.ObjectModel;

namespace Platform.Components.Cluster;

/// <summary>One host of the cluster inventory: how to reach it over SSH and how it joins Kubernetes.</summary>
public sealed record ClusterNode
{
    /// <summary>The default SSH port: 22.</summary>
    public const int DefaultSshPort = 22;

    private readonly string? sshUser;

    /// <summary>The Kubernetes node name (a DNS-1123 label, unique in the cluster), e.g. <c>cp-1</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The IPv4 address or DNS name Platform connects to over SSH and the node advertises to the cluster.</summary>
    public required string Address { get; init; }

    /// <summary>Whether the node runs the control plane (and an etcd member) or workloads only.</summary>
    public required NodeRole Role { get; init; }

    /// <summary>The node's operating system; defaults to <see cref="NodeOperatingSystem.Ubuntu2404"/>.</summary>
    public NodeOperatingSystem OperatingSystem { get; init; } = NodeOperatingSystem.Ubuntu2404;

    /// <summary>The user Platform logs in as; defaults to the operating system's default user
    /// (see <see cref="DefaultSshUserFor"/>: <c>ubuntu</c> on Ubuntu, <c>core</c> on Flatcar).</summary>
    public string SshUser
    {
        get => sshUser ?? DefaultSshUserFor(OperatingSystem);
        init => sshUser = value;
    }

    /// <summary>The node's SSH port; defaults to 22.</summary>
    public int SshPort { get; init; } = DefaultSshPort;

    /// <summary>The node's SSH host public key, pinned: Platform's commands connect only when the node presents this key.
    /// In the form Pulumi.Command takes, <c>ssh-ed25519 AAAA…</c> (see <see cref="SshHostKey"/>: a line of
    /// <c>ssh-keyscan</c> or <c>known_hosts</c>, with its host field, is read too). Null (the default) accepts whatever key
    /// the host presents, so a host that takes over the node's address receives the files the node is sent, the cluster's
    /// CA keys among them; the stack warns about every node and bastion without one. A public key: not a secret.</summary>
    public string? HostKey { get; init; }

    /// <summary>Kubernetes labels applied to the node; empty by default.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Taints registered on the node; empty by default.</summary>
    public IReadOnlyList<NodeTaint> Taints { get; init; } = [];

    /// <summary>The address kubelet reports as the node's (its <c>--node-ip</c>): <see cref="Address"/> when it is an IP
    /// address, null for a DNS name (kubelet chooses then).</summary>
    public string? KubeletNodeIp => CanonicalIp.Is(Address) ? Address : null;

    /// <summary>Whether the host is gone for good (default false). A dead node never runs a step again: its own steps keep
    /// what they are and are dropped from the state without a command when it leaves the inventory (no drain, no
    /// reset); a dead control-plane node's etcd member is removed, from a healthy control-plane node, on the update that
    /// marks it; and it is never the node the cluster's admin steps run on. Set it, run <c>pulumi up</c>, then remove the
    /// node from the inventory.</summary>
    public bool Dead { get; init; }

    /// <summary>The jump host used to reach the node, or null (the default) to connect directly.</summary>
    public SshBastion? Bastion { get; init; }

    /// <summary>The user an operating system image lets you log in as: <c>ubuntu</c> on Ubuntu, <c>core</c> on Flatcar.</summary>
    /// <param name="operatingSystem">The node's operating system.</param>
    /// <returns>The default SSH user for that operating system.</returns>
    public static string DefaultSshUserFor(NodeOperatingSystem operatingSystem) => operatingSystem switch
    {
        NodeOperatingSystem.Flatcar => "core",
        _ => "ubuntu",
    };
}
