using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>apiserver v1 <c>Issuer</c>: <c>url</c> (<c>json:"url"</c>, required), <c>certificateAuthority</c>
/// (<c>json:"certificateAuthority,omitempty"</c>), <c>audiences</c> (<c>json:"audiences"</c>, required, non-empty) and
/// <c>audienceMatchPolicy</c> (<c>json:"audienceMatchPolicy,omitempty"</c>): kubernetes/kubernetes
/// staging/src/k8s.io/apiserver/pkg/apis/apiserver/v1/types.go. <c>discoveryURL</c> and <c>egressSelectorType</c>
/// are not written, so they fail here.</summary>
public sealed record JwtIssuer
{
    /// <summary><c>url</c> (string, required).</summary>
    [JsonPropertyName("url"), JsonRequired]
    public required string Url { get; init; }

    /// <summary><c>certificateAuthority</c> (string, PEM, optional).</summary>
    [JsonPropertyName("certificateAuthority")]
    public string? CertificateAuthority { get; init; }

    /// <summary><c>audiences</c> ([]string, required).</summary>
    [JsonPropertyName("audiences"), JsonRequired]
    public required IReadOnlyList<string> Audiences { get; init; }

    /// <summary><c>audienceMatchPolicy</c> (<c>AudienceMatchPolicyType</c>, optional).</summary>
    [JsonPropertyName("audienceMatchPolicy")]
    public JwtAudienceMatchPolicy? AudienceMatchPolicy { get; init; }
}
