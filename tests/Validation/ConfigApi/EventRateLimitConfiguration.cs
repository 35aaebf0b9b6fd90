using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>eventratelimit.admission.k8s.io/v1alpha1 <c>Configuration</c> (the EventRateLimit admission plugin's
/// configuration file): kubernetes/kubernetes plugin/pkg/admission/eventratelimit/apis/eventratelimit/v1alpha1/types.go
/// (indexed upstream version aed8047; the file has three versions in all since 2017, none changing these fields).
/// <c>limits</c> is required (at least one).</summary>
public sealed record EventRateLimitConfiguration : ConfigTypeMeta
{
    /// <summary><c>limits</c> (<c>[]Limit</c>, <c>json:"limits"</c>, required).</summary>
    [JsonPropertyName("limits"), JsonRequired]
    public required IReadOnlyList<EventRateLimitLimit> Limits { get; init; }
}
