namespace Platform.Components.Cluster.Kubeadm;

/// <summary>The node a kubeadm document is rendered for.</summary>
public sealed record KubeadmNodeSpec
{
    /// <summary>The node's name in Kubernetes (<c>nodeRegistration.name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The address the node's API server advertises and binds (control-plane nodes only).</summary>
    public required string AdvertiseAddress { get; init; }

    /// <summary>The IPv4 address kubelet reports as the node's InternalIP (kubelet's <c>--node-ip</c>, through
    /// <c>nodeRegistration.kubeletExtraArgs</c>), or null (the default) to leave it to kubelet, which takes the address
    /// of the interface with the default route. Pinned to the inventory address, so a host with several networks
    /// registers the address the network plugin and the API server use.</summary>
    public string? NodeIp { get; init; }

    /// <summary>Whether the node runs the control plane. Default <c>false</c> (a worker).</summary>
    public bool IsControlPlane { get; init; }

    /// <summary>The taints the node registers with. Default none. A control-plane node also gets
    /// <c>node-role.kubernetes.io/control-plane:NoSchedule</c> unless a taint with that key is given.</summary>
    public IReadOnlyList<NodeTaint> Taints { get; init; } = [];

    /// <summary>Whether a control-plane node keeps workloads off with kubeadm's control-plane NoSchedule taint. Default
    /// true; false for a cluster without workers, where every workload has to run on the control plane.</summary>
    public bool ControlPlaneTaint { get; init; } = true;

    /// <summary>The container runtime's CRI socket. Default <c>unix:///run/containerd/containerd.sock</c>.</summary>
    public string CriSocket { get; init; } = "unix:///run/containerd/containerd.sock";
}
