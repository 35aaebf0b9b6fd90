using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>pod-security v1 <c>PodSecurityDefaults</c> (<c>defaults</c>): kubernetes/pod-security-admission
/// admission/api/v1/types.go (staging/src/k8s.io/pod-security-admission), fields, Go types and json tags identical at
/// tags kubernetes-1.30.0 through kubernetes-1.36.0 and kubernetes-1.37.0-alpha.2. Levels are strings of
/// <see cref="PodSecurityLevel"/>; versions are <c>latest</c> or <c>v1.N</c>.</summary>
public sealed record PodSecurityDefaults
{
    /// <summary><c>enforce</c> (string, optional).</summary>
    [JsonPropertyName("enforce")]
    public PodSecurityLevel? Enforce { get; init; }

    /// <summary><c>enforce-version</c> (string, optional).</summary>
    [JsonPropertyName("enforce-version")]
    public string? EnforceVersion { get; init; }

    /// <summary><c>audit</c> (string, optional).</summary>
    [JsonPropertyName("audit")]
    public PodSecurityLevel? Audit { get; init; }

    /// <summary><c>audit-version</c> (string, optional).</summary>
    [JsonPropertyName("audit-version")]
    public string? AuditVersion { get; init; }

    /// <summary><c>warn</c> (string, optional).</summary>
    [JsonPropertyName("warn")]
    public PodSecurityLevel? Warn { get; init; }

    /// <summary><c>warn-version</c> (string, optional).</summary>
    [JsonPropertyName("warn-version")]
    public string? WarnVersion { get; init; }
}
