namespace Platform.Components.Cluster;

/// <summary>Container images the cluster core runs outside kubeadm's own set, pinned here once.</summary>
public static class ClusterImages
{
    /// <summary>kube-vip, which holds the API's virtual IP on the control-plane nodes. v1.2.3 is the newest release
    /// (github.com/kube-vip/kube-vip/releases/tag/v1.2.3, August 2026); its settings are read in
    /// pkg/kubevip/config_envvar.go at that tag (the VIP's prefix length is <c>vip_subnet</c>; 0.8's <c>vip_cidr</c> is
    /// gone).</summary>
    public const string KubeVip = "ghcr.io/kube-vip/kube-vip:v1.2.3";
}
