using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>pod-security v1 <c>PodSecurityExemptions</c> (<c>exemptions</c>): kubernetes/pod-security-admission
/// admission/api/v1/types.go (staging/src/k8s.io/pod-security-admission), fields, Go types and json tags identical at
/// tags kubernetes-1.30.0 through kubernetes-1.36.0 and kubernetes-1.37.0-alpha.2.</summary>
public sealed record PodSecurityExemptions
{
    /// <summary><c>usernames</c> ([]string, optional).</summary>
    [JsonPropertyName("usernames")]
    public IReadOnlyList<string>? Usernames { get; init; }

    /// <summary><c>namespaces</c> ([]string, optional).</summary>
    [JsonPropertyName("namespaces")]
    public IReadOnlyList<string>? Namespaces { get; init; }

    /// <summary><c>runtimeClasses</c> ([]string, optional).</summary>
    [JsonPropertyName("runtimeClasses")]
    public IReadOnlyList<string>? RuntimeClasses { get; init; }
}
