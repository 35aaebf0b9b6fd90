using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>apiserver v1 <c>ProviderConfiguration</c> (one of <c>aesgcm</c>, <c>aescbc</c>, <c>secretbox</c>,
/// <c>identity</c>, <c>kms</c>), the providers the platform writes: kubernetes/apiserver
/// pkg/apis/apiserver/v1/types_encryption.go (staging/src/k8s.io/apiserver), fields, Go types and json tags identical
/// at tags kubernetes-1.30.0 through kubernetes-1.36.0 and kubernetes-1.37.0-beta.0.</summary>
public sealed record EncryptionProviderConfiguration
{
    /// <summary><c>aescbc</c> (<c>*AESConfiguration</c>, optional).</summary>
    [JsonPropertyName("aescbc")]
    public EncryptionAesConfiguration? AesCbc { get; init; }

    /// <summary><c>secretbox</c> (<c>*SecretboxConfiguration</c>, optional).</summary>
    [JsonPropertyName("secretbox")]
    public EncryptionSecretboxConfiguration? Secretbox { get; init; }

    /// <summary><c>identity</c> (<c>*IdentityConfiguration</c>, an empty struct, optional).</summary>
    [JsonPropertyName("identity")]
    public EncryptionIdentityConfiguration? Identity { get; init; }
}
