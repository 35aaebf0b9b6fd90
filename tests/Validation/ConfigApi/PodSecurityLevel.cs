using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>A Pod Security Standards level, the values PodSecurity's validation accepts for <c>enforce</c>,
/// <c>audit</c> and <c>warn</c> (kubernetes/pod-security-admission api/constants.go: <c>privileged</c>,
/// <c>baseline</c>, <c>restricted</c>); kubernetes/pod-security-admission admission/api/v1/types.go
/// (staging/src/k8s.io/pod-security-admission), fields, Go types and json tags identical at tags kubernetes-1.30.0
/// through kubernetes-1.36.0 and kubernetes-1.37.0-alpha.2.</summary>
[JsonConverter(typeof(ExactStringEnumConverter<PodSecurityLevel>))]
public enum PodSecurityLevel
{
    /// <summary><c>privileged</c>.</summary>
    [JsonStringEnumMemberName("privileged")]
    Privileged,

    /// <summary><c>baseline</c>.</summary>
    [JsonStringEnumMemberName("baseline")]
    Baseline,

    /// <summary><c>restricted</c>.</summary>
    [JsonStringEnumMemberName("restricted")]
    Restricted,
}
