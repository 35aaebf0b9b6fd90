using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>pod-security.admission.config.k8s.io/v1 <c>PodSecurityConfiguration</c> (the PodSecurity admission
/// plugin's configuration): kubernetes/pod-security-admission admission/api/v1/types.go
/// (staging/src/k8s.io/pod-security-admission), fields, Go types and json tags identical at tags kubernetes-1.30.0
/// through kubernetes-1.36.0 and kubernetes-1.37.0-alpha.2. <c>defaults</c> and <c>exemptions</c> have no
/// omitempty.</summary>
public sealed record PodSecurityConfiguration : ConfigTypeMeta
{
    /// <summary><c>defaults</c> (<c>PodSecurityDefaults</c>, <c>json:"defaults"</c>).</summary>
    [JsonPropertyName("defaults"), JsonRequired]
    public required PodSecurityDefaults Defaults { get; init; }

    /// <summary><c>exemptions</c> (<c>PodSecurityExemptions</c>, <c>json:"exemptions"</c>).</summary>
    [JsonPropertyName("exemptions"), JsonRequired]
    public required PodSecurityExemptions Exemptions { get; init; }
}
