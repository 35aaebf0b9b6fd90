using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>apiserver v1 <c>JWTAuthenticator</c>: <c>issuer</c> (required), <c>claimMappings</c> (required) and
/// <c>userValidationRules</c> (optional), the fields the platform writes (kubernetes/kubernetes
/// staging/src/k8s.io/apiserver/pkg/apis/apiserver/v1/types.go; <c>claimValidationRules</c> is not written, so it fails
/// here).</summary>
public sealed record JwtAuthenticator
{
    /// <summary><c>issuer</c> (<c>Issuer</c>, required).</summary>
    [JsonPropertyName("issuer"), JsonRequired]
    public required JwtIssuer Issuer { get; init; }

    /// <summary><c>claimMappings</c> (<c>ClaimMappings</c>, required).</summary>
    [JsonPropertyName("claimMappings"), JsonRequired]
    public required JwtClaimMappings ClaimMappings { get; init; }

    /// <summary><c>userValidationRules</c> (<c>[]UserValidationRule</c>, optional).</summary>
    [JsonPropertyName("userValidationRules")]
    public IReadOnlyList<JwtUserValidationRule>? UserValidationRules { get; init; }
}
