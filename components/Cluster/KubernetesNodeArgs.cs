using Pulumi;

namespace Platform.Components.Cluster;

/// <summary>What <see cref="KubernetesNode"/> needs to bring one host into the cluster.</summary>
public sealed record KubernetesNodeArgs
{
    /// <summary>The host. Required.</summary>
    public required ClusterNode Node { get; init; }

    /// <summary>Its part in the bring-up. Required.</summary>
    public required KubernetesNodeRole Role { get; init; }

    /// <summary>The Kubernetes version (MAJOR.MINOR.PATCH); changing it upgrades the node. Required.</summary>
    public required string KubernetesVersion { get; init; }

    /// <summary>The container runtime the node needs for <see cref="KubernetesVersion"/>. Required.</summary>
    public required ContainerRuntime ContainerRuntime { get; init; }

    /// <summary>The SSH private key; kept secret. Required.</summary>
    public required Input<string> SshPrivateKey { get; init; }

    /// <summary>The files the node needs (kubeadm configuration, PKI, hardening files) as a
    /// <see cref="Scripts.ShellScript.FilePayload"/>; sent on standard input and kept secret. Required.</summary>
    public required Input<string> Files { get; init; }

    /// <summary>Every taint the node has (the inventory's, and on a control-plane node the control-plane taint when the
    /// cluster has workers): kubeadm sets them when the node registers, the register step when they change later.
    /// Default none.</summary>
    public IReadOnlyList<NodeTaint> Taints { get; init; } = [];

    /// <summary>The first control-plane node of the inventory that is not dead, where admin commands about this node run
    /// (its registration, bootstrap token, upgrade drain and uncordon, and its removal). Required unless this is it.</summary>
    public ClusterNode? FirstControlPlane { get; init; }

    /// <summary>Where this node's removal runs (its leave and node-object steps): a healthy control-plane node other than
    /// this one. Default <see cref="FirstControlPlane"/>; for the first control-plane node itself, the next control-plane
    /// node of the inventory that is not dead (itself when there is none).</summary>
    public ClusterNode? RemovalHost { get; init; }

    /// <summary>What the node-object step (created before the node's init or join, deleted after its reset) waits for:
    /// the init of the first control-plane node, whose reset must come after this node's Node is deleted from it.
    /// Empty for the first control-plane node. Default empty.</summary>
    public IReadOnlyList<Resource> NodeObjectAfter { get; init; } = [];

    /// <summary>What the join waits for: the first control-plane node's init, and for a control-plane node the previous
    /// control-plane join (etcd members join one at a time). Empty by default.</summary>
    public IReadOnlyList<Resource> JoinAfter { get; init; } = [];

    /// <summary>The bootstrap token, made valid on the first control-plane node before this node joins; kept secret.
    /// Required (the first control-plane node's bootstrap-token step has nothing to do, but carries it too, so its inputs
    /// change only by its script when another node comes first).</summary>
    public Input<string>? BootstrapToken { get; init; }

    /// <summary>The API's virtual IP when kube-vip serves it (control-plane nodes run kube-vip); null otherwise.</summary>
    public string? KubeVipAddress { get; init; }

    /// <summary>Whether the cluster runs kube-proxy (see <see cref="ClusterArgs.KubeProxy"/>). When it does not, the
    /// control-plane upgrades skip kubeadm's kube-proxy addon, which kubeadm 1.32 and later would otherwise install
    /// again. Default true.</summary>
    public bool KubeProxy { get; init; } = true;

    /// <summary>What the node's upgrade waits for besides its own registration: the previous control-plane node's
    /// upgrade, or for a worker every worker of the previous upgrade wave (the last control-plane node's upgrade for the
    /// first wave). Default none.</summary>
    public IReadOnlyList<Resource> UpgradeAfter { get; init; } = [];
}
