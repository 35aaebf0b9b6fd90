using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>EventRateLimit v1alpha1 <c>LimitType</c>: the constants <c>Server</c>, <c>Namespace</c>, <c>User</c> and
/// <c>SourceAndObject</c> of kubernetes/kubernetes
/// plugin/pkg/admission/eventratelimit/apis/eventratelimit/v1alpha1/types.go (indexed upstream version aed8047; the
/// file has three versions in all since 2017, none changing these fields).</summary>
[JsonConverter(typeof(ExactStringEnumConverter<EventRateLimitType>))]
public enum EventRateLimitType
{
    /// <summary><c>Server</c>: one bucket for the whole API server.</summary>
    Server,

    /// <summary><c>Namespace</c>: one bucket per namespace.</summary>
    Namespace,

    /// <summary><c>User</c>: one bucket per user.</summary>
    User,

    /// <summary><c>SourceAndObject</c>: one bucket per event source and involved object.</summary>
    SourceAndObject,
}
