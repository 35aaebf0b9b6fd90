using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>core/v1 <c>TaintEffect</c> (kubernetes/api core/v1/types.go, checked at tags kubernetes-1.30.0 to
/// kubernetes-1.36.0): the values the API server's validation accepts for a node taint.</summary>
[JsonConverter(typeof(ExactStringEnumConverter<CoreTaintEffect>))]
public enum CoreTaintEffect
{
    /// <summary><c>NoSchedule</c>.</summary>
    NoSchedule,

    /// <summary><c>PreferNoSchedule</c>.</summary>
    PreferNoSchedule,

    /// <summary><c>NoExecute</c>.</summary>
    NoExecute,
}
