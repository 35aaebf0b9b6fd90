namespace Platform.Components.Cluster;

/// <summary>What a node does in the kubeadm bring-up.</summary>
public enum KubernetesNodeRole
{
    /// <summary>The first control-plane node of the inventory that is not dead: it runs <c>kubeadm init</c> when it has
    /// not joined the cluster (initialising is a one-time fact: a node that joined is never initialised), and admin
    /// commands for the others run here too.</summary>
    FirstControlPlane,

    /// <summary>A further control-plane node: <c>kubeadm join --control-plane</c> with the shared PKI.</summary>
    ControlPlane,

    /// <summary>A worker: <c>kubeadm join</c>.</summary>
    Worker,
}
