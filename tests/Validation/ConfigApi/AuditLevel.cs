using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>audit v1 <c>Level</c>: the constants <c>None</c>, <c>Metadata</c>, <c>Request</c> and
/// <c>RequestResponse</c> of kubernetes/apiserver pkg/apis/audit/v1/types.go (staging/src/k8s.io/apiserver), fields, Go
/// types and json tags identical at tags kubernetes-1.30.0 through kubernetes-1.36.0 and kubernetes-1.37.0-beta.0
/// (where only the inlined TypeMeta tag changes, decoding the same).</summary>
[JsonConverter(typeof(ExactStringEnumConverter<AuditLevel>))]
public enum AuditLevel
{
    /// <summary><c>None</c>: not logged.</summary>
    None,

    /// <summary><c>Metadata</c>: request metadata only.</summary>
    Metadata,

    /// <summary><c>Request</c>: metadata and request body.</summary>
    Request,

    /// <summary><c>RequestResponse</c>: metadata, request and response bodies.</summary>
    RequestResponse,
}
