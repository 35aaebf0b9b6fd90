using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>apiserver v1 <c>AudienceMatchPolicyType</c>: its one value, <c>MatchAny</c>
/// (<c>AudienceMatchPolicyMatchAny</c>, kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/apis/apiserver/v1/types.go).</summary>
[JsonConverter(typeof(ExactStringEnumConverter<JwtAudienceMatchPolicy>))]
public enum JwtAudienceMatchPolicy
{
    /// <summary><c>MatchAny</c>: the token's <c>aud</c> names at least one of the audiences.</summary>
    MatchAny,
}
