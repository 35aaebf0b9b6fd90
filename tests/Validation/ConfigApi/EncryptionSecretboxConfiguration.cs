using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>apiserver v1 <c>SecretboxConfiguration</c> (<c>secretbox</c>): kubernetes/apiserver
/// pkg/apis/apiserver/v1/types_encryption.go (staging/src/k8s.io/apiserver), fields, Go types and json tags identical
/// at tags kubernetes-1.30.0 through kubernetes-1.36.0 and kubernetes-1.37.0-beta.0. <c>keys</c> is required; the
/// API server's validation (pkg/apis/apiserver/validation/validation_encryption.go, <c>secretBoxKeySizes</c>) accepts
/// only 32-byte keys.</summary>
public sealed record EncryptionSecretboxConfiguration
{
    /// <summary><c>keys</c> (<c>[]Key</c>, required): the first encrypts.</summary>
    [JsonPropertyName("keys"), JsonRequired]
    public required IReadOnlyList<EncryptionKey> Keys { get; init; }
}
