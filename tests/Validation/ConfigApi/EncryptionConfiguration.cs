using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>apiserver.config.k8s.io/v1 <c>EncryptionConfiguration</c> (<c>--encryption-provider-config</c>):
/// kubernetes/apiserver pkg/apis/apiserver/v1/types_encryption.go (staging/src/k8s.io/apiserver), fields, Go types and
/// json tags identical at tags kubernetes-1.30.0 through kubernetes-1.36.0 and kubernetes-1.37.0-beta.0.
/// <c>resources</c> is required.</summary>
public sealed record EncryptionConfiguration : ConfigTypeMeta
{
    /// <summary><c>resources</c> (<c>[]ResourceConfiguration</c>, required).</summary>
    [JsonPropertyName("resources"), JsonRequired]
    public required IReadOnlyList<EncryptionResourceConfiguration> Resources { get; init; }
}
