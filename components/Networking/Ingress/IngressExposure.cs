namespace Platform.Components.Networking.Ingress;

/// <summary>How an ingress controller is reached from outside the cluster.</summary>
public enum IngressExposure
{
    /// <summary>A Service of type LoadBalancer; needs something that hands out addresses (MetalLB or Cilium LB IPAM).</summary>
    LoadBalancer,

    /// <summary>A Service of type NodePort: the fallback when no load balancer provider runs; clients (or an external
    /// balancer) use any node's address and the allocated node ports.</summary>
    NodePort,

    /// <summary>Host ports 80 and 443 on the nodes that run a controller pod, behind a ClusterIP Service: the fallback
    /// for clusters where clients must use the standard ports without a load balancer.</summary>
    HostPort,
}
