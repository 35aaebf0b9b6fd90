using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeproxy.config.k8s.io/v1alpha1 <c>KubeProxyConfiguration</c>, the fields the platform writes:
/// kubernetes/kube-proxy config/v1alpha1/types.go (staging/src/k8s.io/kube-proxy/config/v1alpha1/types.go), fields,
/// Go types and json tags identical at tags kubernetes-1.30.0 through kubernetes-1.36.0 and kubernetes-1.37.0-beta.0
/// (where only the inlined TypeMeta tag changes from <c>",inline"</c> to <c>""</c>, which decodes the same);
/// v1alpha1 is still the only version there.</summary>
public sealed record KubeProxyConfiguration : ConfigTypeMeta
{
    /// <summary><c>mode</c> (<c>ProxyMode</c>, a string, <c>json:"mode"</c>): <c>iptables</c>, <c>ipvs</c>,
    /// <c>nftables</c> (Linux) or <c>kernelspace</c> (Windows); empty means the platform default.</summary>
    [JsonPropertyName("mode")]
    public string? Mode { get; init; }

    /// <summary><c>clusterCIDR</c> (string, <c>json:"clusterCIDR"</c>): the pod CIDR range(s).</summary>
    [JsonPropertyName("clusterCIDR")]
    public string? ClusterCidr { get; init; }
}
