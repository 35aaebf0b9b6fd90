namespace Platform.Components.Networking.LoadBalancing;

/// <summary>What hands out addresses to Services of type LoadBalancer on bare metal.</summary>
public enum LoadBalancerProvider
{
    /// <summary>Nothing: LoadBalancer Services stay pending, so ingress controllers must use NodePort or host ports.</summary>
    None,

    /// <summary>MetalLB in L2 mode (ARP/NDP), from address pools in config. Works with either CNI.</summary>
    MetalLb,

    /// <summary>Cilium's LB IPAM with L2 announcements. Needs Cilium as the CNI with kube-proxy replacement on.</summary>
    CiliumL2,
}
