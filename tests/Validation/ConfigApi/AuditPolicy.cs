using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>audit.k8s.io/v1 <c>Policy</c> (<c>--audit-policy-file</c>), the fields the platform writes:
/// kubernetes/apiserver pkg/apis/audit/v1/types.go (staging/src/k8s.io/apiserver), fields, Go types and json tags
/// identical at tags kubernetes-1.30.0 through kubernetes-1.36.0 and kubernetes-1.37.0-beta.0 (where only the inlined
/// TypeMeta tag changes, decoding the same).
/// <c>rules</c> is required.</summary>
public sealed record AuditPolicy : ConfigTypeMeta
{
    /// <summary><c>rules</c> (<c>[]PolicyRule</c>, <c>json:"rules"</c>, required): the first match decides.</summary>
    [JsonPropertyName("rules"), JsonRequired]
    public required IReadOnlyList<AuditPolicyRule> Rules { get; init; }

    /// <summary><c>omitStages</c> (<c>[]Stage</c>, optional).</summary>
    [JsonPropertyName("omitStages")]
    public IReadOnlyList<AuditStage>? OmitStages { get; init; }
}
