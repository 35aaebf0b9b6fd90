using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeadm's <c>APIEndpoint</c> (<c>localAPIEndpoint</c>), identical in v1beta3 and v1beta4:
/// kubernetes/kubernetes cmd/kubeadm/app/apis/kubeadm/v1beta3/types.go (indexed upstream version 428c3fe) and
/// v1beta4/types.go (indexed upstream version 1329935, a tree with v1beta4 as released in v1.31: Timeouts,
/// EncryptionAlgorithm, certificate validity periods).</summary>
public sealed record KubeadmApiEndpoint
{
    /// <summary><c>advertiseAddress</c> (string, optional).</summary>
    [JsonPropertyName("advertiseAddress")]
    public string? AdvertiseAddress { get; init; }

    /// <summary><c>bindPort</c> (int32, a JSON number, optional; default 6443).</summary>
    [JsonPropertyName("bindPort")]
    public int? BindPort { get; init; }
}
