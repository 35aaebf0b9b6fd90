namespace Platform.Components.Cluster;

/// <summary>What a node does in the kubeadm bring-up.</summary>
public enum KubernetesNodeRole
{
    /// <summary>The control-plane node that runs <c>kubeadm init</c>; admin commands for the others run here too.</summary>
    FirstControlPlane,

    /// <summary>A further control-plane node: <c>kubeadm join --control-plane</c> with the shared PKI.</summary>
    ControlPlane,

    /// <summary>A worker: <c>kubeadm join</c>.</summary>
    Worker,
}
