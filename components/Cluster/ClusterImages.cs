namespace Platform.Components.Cluster;

/// <summary>Container images the cluster core runs outside kubeadm's own set, pinned here once.</summary>
public static class ClusterImages
{
    /// <summary>kube-vip, which holds the API's virtual IP on the control-plane nodes.</summary>
    public const string KubeVip = "ghcr.io/kube-vip/kube-vip:v0.8.9";
}
