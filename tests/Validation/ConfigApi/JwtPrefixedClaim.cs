using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>apiserver v1 <c>PrefixedClaimOrExpression</c> as the platform writes it: <c>claim</c>
/// (<c>json:"claim,omitempty"</c>) and <c>prefix</c> (<c>*string json:"prefix,omitempty"</c>, required by the API
/// server whenever <c>claim</c> is set, the empty string for none): kubernetes/kubernetes
/// staging/src/k8s.io/apiserver/pkg/apis/apiserver/v1/types.go. <c>expression</c> is not written. Both are required
/// here, as the platform always writes both.</summary>
public sealed record JwtPrefixedClaim
{
    /// <summary><c>claim</c> (string).</summary>
    [JsonPropertyName("claim"), JsonRequired]
    public required string Claim { get; init; }

    /// <summary><c>prefix</c> (string).</summary>
    [JsonPropertyName("prefix"), JsonRequired]
    public required string Prefix { get; init; }
}
