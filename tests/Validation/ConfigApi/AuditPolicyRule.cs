using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>audit v1 <c>PolicyRule</c> (<c>rules[]</c>), the fields the platform writes: kubernetes/apiserver
/// pkg/apis/audit/v1/types.go (staging/src/k8s.io/apiserver), fields, Go types and json tags identical at tags
/// kubernetes-1.30.0 through kubernetes-1.36.0 and kubernetes-1.37.0-beta.0 (where only the inlined TypeMeta tag
/// changes, decoding the same). <c>level</c> is
/// required.</summary>
public sealed record AuditPolicyRule
{
    /// <summary><c>level</c> (<c>Level</c>, required).</summary>
    [JsonPropertyName("level"), JsonRequired]
    public required AuditLevel Level { get; init; }

    /// <summary><c>users</c> ([]string, optional).</summary>
    [JsonPropertyName("users")]
    public IReadOnlyList<string>? Users { get; init; }

    /// <summary><c>userGroups</c> ([]string, optional).</summary>
    [JsonPropertyName("userGroups")]
    public IReadOnlyList<string>? UserGroups { get; init; }

    /// <summary><c>verbs</c> ([]string, optional).</summary>
    [JsonPropertyName("verbs")]
    public IReadOnlyList<string>? Verbs { get; init; }

    /// <summary><c>resources</c> (<c>[]GroupResources</c>, optional).</summary>
    [JsonPropertyName("resources")]
    public IReadOnlyList<AuditGroupResources>? Resources { get; init; }

    /// <summary><c>namespaces</c> ([]string, optional).</summary>
    [JsonPropertyName("namespaces")]
    public IReadOnlyList<string>? Namespaces { get; init; }

    /// <summary><c>nonResourceURLs</c> ([]string, optional).</summary>
    [JsonPropertyName("nonResourceURLs")]
    public IReadOnlyList<string>? NonResourceUrls { get; init; }
}
