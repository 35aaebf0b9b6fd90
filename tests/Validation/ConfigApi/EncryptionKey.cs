using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>apiserver v1 <c>Key</c> (<c>keys[]</c>): kubernetes/apiserver pkg/apis/apiserver/v1/types_encryption.go
/// (staging/src/k8s.io/apiserver), fields, Go types and json tags identical at tags kubernetes-1.30.0 through
/// kubernetes-1.36.0 and kubernetes-1.37.0-beta.0. Both fields are required strings.</summary>
public sealed record EncryptionKey
{
    /// <summary><c>name</c> (string, required).</summary>
    [JsonPropertyName("name"), JsonRequired]
    public required string Name { get; init; }

    /// <summary><c>secret</c> (string, required): base64 of the key (32 bytes for aescbc and secretbox).</summary>
    [JsonPropertyName("secret"), JsonRequired]
    public required string Secret { get; init; }
}
