using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeadm's <c>Networking</c> (<c>ClusterConfiguration.networking</c>), identical in v1beta3 and v1beta4:
/// kubernetes/kubernetes cmd/kubeadm/app/apis/kubeadm/v1beta3/types.go (indexed upstream version 428c3fe) and
/// v1beta4/types.go (indexed upstream version 1329935, a tree with v1beta4 as released in v1.31: Timeouts,
/// EncryptionAlgorithm, certificate validity periods).</summary>
public sealed record KubeadmNetworking
{
    /// <summary><c>serviceSubnet</c> (string, optional).</summary>
    [JsonPropertyName("serviceSubnet")]
    public string? ServiceSubnet { get; init; }

    /// <summary><c>podSubnet</c> (string, optional).</summary>
    [JsonPropertyName("podSubnet")]
    public string? PodSubnet { get; init; }

    /// <summary><c>dnsDomain</c> (string, optional).</summary>
    [JsonPropertyName("dnsDomain")]
    public string? DnsDomain { get; init; }
}
