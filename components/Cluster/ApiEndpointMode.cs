namespace Platform.Components.Cluster;

/// <summary>How the Kubernetes API endpoint (kubeadm's controlPlaneEndpoint) is served.</summary>
public enum ApiEndpointMode
{
    /// <summary>The endpoint is the single control-plane node itself; no failover.</summary>
    Direct,

    /// <summary>A virtual IP held by kube-vip, a static pod on every control-plane node (ARP leader election).</summary>
    KubeVip,

    /// <summary>A load balancer outside the cluster forwards the endpoint to the control-plane nodes' port 6443.</summary>
    External,
}
