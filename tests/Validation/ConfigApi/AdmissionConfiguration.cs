using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>apiserver.config.k8s.io/v1 <c>AdmissionConfiguration</c> (<c>--admission-control-config-file</c>):
/// kubernetes/apiserver pkg/apis/apiserver/v1/types.go (staging/src/k8s.io/apiserver), fields, Go types and json tags
/// identical at tags kubernetes-1.30.0 through kubernetes-1.36.0 and kubernetes-1.37.0-beta.0 (where only the inlined
/// TypeMeta tag changes from ",inline" to "", which decodes the same).</summary>
public sealed record AdmissionConfiguration : ConfigTypeMeta
{
    /// <summary><c>plugins</c> (<c>[]AdmissionPluginConfiguration</c>, <c>json:"plugins"</c>, optional).</summary>
    [JsonPropertyName("plugins")]
    public IReadOnlyList<AdmissionPluginConfiguration>? Plugins { get; init; }
}
