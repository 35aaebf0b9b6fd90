using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeadm's <c>BootstrapTokenDiscovery</c> (<c>JoinConfiguration.discovery.bootstrapToken</c>), identical in
/// v1beta3 and v1beta4: kubernetes/kubernetes cmd/kubeadm/app/apis/kubeadm/v1beta3/types.go (indexed upstream version
/// 428c3fe) and v1beta4/types.go (indexed upstream version 1329935, a tree with v1beta4 as released in v1.31: Timeouts,
/// EncryptionAlgorithm, certificate validity periods). <c>token</c> is required.</summary>
public sealed record KubeadmBootstrapTokenDiscovery
{
    /// <summary><c>token</c> (string, <c>json:"token"</c>, required).</summary>
    [JsonPropertyName("token"), JsonRequired]
    public required string Token { get; init; }

    /// <summary><c>apiServerEndpoint</c> (string, optional): <c>host:port</c>.</summary>
    [JsonPropertyName("apiServerEndpoint")]
    public string? ApiServerEndpoint { get; init; }

    /// <summary><c>caCertHashes</c> ([]string, optional): <c>sha256:</c> pins of the cluster CA's public key.</summary>
    [JsonPropertyName("caCertHashes")]
    public IReadOnlyList<string>? CaCertHashes { get; init; }
}
