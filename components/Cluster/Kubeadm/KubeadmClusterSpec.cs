namespace Platform.Components.Cluster.Kubeadm;

/// <summary>The cluster-wide settings the kubeadm documents are rendered from.</summary>
public sealed record KubeadmClusterSpec
{
    /// <summary>The cluster's name, as kubeadm records it (<c>clusterName</c>) and kubeconfigs show it.</summary>
    public required string ClusterName { get; init; }

    /// <summary>The Kubernetes version without a leading <c>v</c>, e.g. <c>1.33.5</c>. It also selects the kubeadm API
    /// version (see <see cref="KubeadmApiVersion.For"/>).</summary>
    public required string KubernetesVersion { get; init; }

    /// <summary>The stable API endpoint every node and client uses, <c>host:port</c> (e.g. <c>10.0.0.10:6443</c>, or
    /// <c>[fd00::10]:6443</c> for IPv6). Its host is always added to the API server certificate's SANs.</summary>
    public required string ControlPlaneEndpoint { get; init; }

    /// <summary>The pod network CIDR, e.g. <c>10.244.0.0/16</c>; also kube-proxy's <c>clusterCIDR</c>.</summary>
    public required string PodSubnet { get; init; }

    /// <summary>The service network CIDR, e.g. <c>10.96.0.0/12</c>.</summary>
    public required string ServiceSubnet { get; init; }

    /// <summary>The cluster DNS domain. Defaults to <c>cluster.local</c>.</summary>
    public string DnsDomain { get; init; } = "cluster.local";

    /// <summary>Extra subject alternative names for the API server certificate (DNS names or IP addresses). Defaults
    /// to none; the endpoint host is added in any case, and kubeadm adds the node's own names and addresses.</summary>
    public IReadOnlyList<string> ApiServerCertSans { get; init; } = [];

    /// <summary>The CIS hardening switches. Defaults to fully hardened (every switch on).</summary>
    public KubeadmHardening Hardening { get; init; } = new();

    /// <summary>Whether kubeadm installs kube-proxy. Default true; false when the CNI replaces it (Cilium's kube-proxy
    /// replacement), which skips kubeadm's <c>addon/kube-proxy</c> phase. Only <c>kubeadm init</c> reads it.</summary>
    public bool KubeProxy { get; init; } = true;

    /// <summary>Whether Secrets are still written with aescbc while the API servers learn to read secretbox (see
    /// <see cref="KubeadmConfigRenderer.RenderEncryptionConfig"/>). Default false.</summary>
    public bool SecretsEncryptionMigration { get; init; }

    /// <summary>Whether the controller manager and the scheduler serve <see cref="KubeadmPaths.ControlPlaneServingCert"/>,
    /// signed by the cluster CA, instead of the self-signed certificate each generates in memory at start, so a client
    /// on the node (the metrics proxy) can verify them. Their bind address stays <c>127.0.0.1</c>. Default false.</summary>
    public bool ControlPlaneServingCertificates { get; init; }
}
