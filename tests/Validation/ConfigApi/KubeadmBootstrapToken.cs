using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>
/// kubeadm's <c>BootstrapToken</c> (<c>InitConfiguration.bootstrapTokens[]</c>), shared by v1beta3 and v1beta4:
/// kubernetes/kubernetes cmd/kubeadm/app/apis/bootstraptoken/v1/types.go (indexed upstream version 2d350a3; the file
/// has not changed shape since kubeadm v1beta3, v1.22). <c>token</c> is a <c>*BootstrapTokenString</c> that marshals as
/// the string <c>id.secret</c>; <c>ttl</c> is a <c>*metav1.Duration</c>, a JSON string.
/// </summary>
public sealed record KubeadmBootstrapToken
{
    /// <summary><c>token</c> (<c>*BootstrapTokenString</c>, <c>json:"token"</c>):
    /// <c>[a-z0-9]{6}.[a-z0-9]{16}</c>.</summary>
    [JsonPropertyName("token"), JsonRequired]
    public required string Token { get; init; }

    /// <summary><c>description</c> (string, optional).</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary><c>ttl</c> (<c>*metav1.Duration</c>, a Go duration string such as <c>2h0m0s</c>, optional).</summary>
    [JsonPropertyName("ttl")]
    public string? Ttl { get; init; }

    /// <summary><c>usages</c> ([]string, optional): <c>signing</c>, <c>authentication</c>.</summary>
    [JsonPropertyName("usages")]
    public IReadOnlyList<string>? Usages { get; init; }

    /// <summary><c>groups</c> ([]string, optional): extra groups the token authenticates as.</summary>
    [JsonPropertyName("groups")]
    public IReadOnlyList<string>? Groups { get; init; }
}
