using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>EventRateLimit v1alpha1 <c>Limit</c> (<c>limits[]</c>): kubernetes/kubernetes
/// plugin/pkg/admission/eventratelimit/apis/eventratelimit/v1alpha1/types.go (indexed upstream version aed8047; the
/// file has three versions in all since 2017, none changing these fields). <c>type</c>, <c>qps</c> and
/// <c>burst</c> are required; the numbers are int32, JSON numbers.</summary>
public sealed record EventRateLimitLimit
{
    /// <summary><c>type</c> (<c>LimitType</c>, required).</summary>
    [JsonPropertyName("type"), JsonRequired]
    public required EventRateLimitType Type { get; init; }

    /// <summary><c>qps</c> (int32, required).</summary>
    [JsonPropertyName("qps"), JsonRequired]
    public required int Qps { get; init; }

    /// <summary><c>burst</c> (int32, required).</summary>
    [JsonPropertyName("burst"), JsonRequired]
    public required int Burst { get; init; }

    /// <summary><c>cacheSize</c> (int32, optional; ignored for <c>Server</c>).</summary>
    [JsonPropertyName("cacheSize")]
    public int? CacheSize { get; init; }
}
