using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>core/v1 <c>Taint</c> (<c>nodeRegistration.taints[]</c>): kubernetes/api core/v1/types.go (staging
/// k8s.io/api), fields and tags identical at tags kubernetes-1.30.0 through kubernetes-1.36.0: <c>key</c> and
/// <c>effect</c> required, <c>value</c> optional (<c>timeAdded</c> is not written).</summary>
public sealed record CoreTaint
{
    /// <summary><c>key</c> (string, <c>json:"key"</c>, required).</summary>
    [JsonPropertyName("key"), JsonRequired]
    public required string Key { get; init; }

    /// <summary><c>value</c> (string, <c>json:"value,omitempty"</c>).</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }

    /// <summary><c>effect</c> (<c>TaintEffect</c>, <c>json:"effect"</c>, required).</summary>
    [JsonPropertyName("effect"), JsonRequired]
    public required CoreTaintEffect Effect { get; init; }
}
