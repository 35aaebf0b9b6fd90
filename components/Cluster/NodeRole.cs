namespace Platform.Components.Cluster;

/// <summary>The part a node plays in the cluster.</summary>
public enum NodeRole
{
    /// <summary>Runs the Kubernetes control plane (API server, scheduler, controller manager) and an etcd member.
    /// Configured as <c>control-plane</c>.</summary>
    ControlPlane,

    /// <summary>Runs workloads only. Configured as <c>worker</c>.</summary>
    Worker,
}
