using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>apiserver v1 <c>UserValidationRule</c>: <c>expression</c> (<c>json:"expression"</c>, a CEL expression on
/// <c>user</c>, required) and <c>message</c> (<c>json:"message,omitempty"</c>): kubernetes/kubernetes
/// staging/src/k8s.io/apiserver/pkg/apis/apiserver/v1/types.go.</summary>
public sealed record JwtUserValidationRule
{
    /// <summary><c>expression</c> (string, required).</summary>
    [JsonPropertyName("expression"), JsonRequired]
    public required string Expression { get; init; }

    /// <summary><c>message</c> (string, optional).</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
