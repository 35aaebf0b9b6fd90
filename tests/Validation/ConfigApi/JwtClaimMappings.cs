using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>apiserver v1 <c>ClaimMappings</c>: <c>username</c> (<c>PrefixedClaimOrExpression json:"username"</c>,
/// required) and <c>groups</c> (<c>json:"groups,omitempty"</c>): kubernetes/kubernetes
/// staging/src/k8s.io/apiserver/pkg/apis/apiserver/v1/types.go. <c>uid</c> and <c>extra</c> are not written.</summary>
public sealed record JwtClaimMappings
{
    /// <summary><c>username</c> (required).</summary>
    [JsonPropertyName("username"), JsonRequired]
    public required JwtPrefixedClaim Username { get; init; }

    /// <summary><c>groups</c> (optional).</summary>
    [JsonPropertyName("groups")]
    public JwtPrefixedClaim? Groups { get; init; }
}
