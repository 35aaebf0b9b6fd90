using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>audit v1 <c>Stage</c>: the constants <c>RequestReceived</c>, <c>ResponseStarted</c>,
/// <c>ResponseComplete</c> and <c>Panic</c> of kubernetes/apiserver pkg/apis/audit/v1/types.go
/// (staging/src/k8s.io/apiserver), fields, Go types and json tags identical at tags kubernetes-1.30.0 through
/// kubernetes-1.36.0 and kubernetes-1.37.0-beta.0 (where only the inlined TypeMeta tag changes, decoding the
/// same).</summary>
[JsonConverter(typeof(ExactStringEnumConverter<AuditStage>))]
public enum AuditStage
{
    /// <summary><c>RequestReceived</c>.</summary>
    RequestReceived,

    /// <summary><c>ResponseStarted</c>.</summary>
    ResponseStarted,

    /// <summary><c>ResponseComplete</c>.</summary>
    ResponseComplete,

    /// <summary><c>Panic</c>.</summary>
    Panic,
}
