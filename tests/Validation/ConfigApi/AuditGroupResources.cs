using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>audit v1 <c>GroupResources</c> (<c>rules[].resources[]</c>), the fields the platform writes:
/// kubernetes/apiserver pkg/apis/audit/v1/types.go (staging/src/k8s.io/apiserver), fields, Go types and json tags
/// identical at tags kubernetes-1.30.0 through kubernetes-1.36.0 and kubernetes-1.37.0-beta.0 (where only the inlined
/// TypeMeta tag changes, decoding the same).
/// <c>group</c> <c>""</c> is the core group.</summary>
public sealed record AuditGroupResources
{
    /// <summary><c>group</c> (string, optional).</summary>
    [JsonPropertyName("group")]
    public string? Group { get; init; }

    /// <summary><c>resources</c> ([]string, optional; none means every resource of the group).</summary>
    [JsonPropertyName("resources")]
    public IReadOnlyList<string>? Resources { get; init; }
}
