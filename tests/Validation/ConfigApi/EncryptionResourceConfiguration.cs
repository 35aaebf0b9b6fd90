using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>apiserver v1 <c>ResourceConfiguration</c> (<c>resources[]</c> of an EncryptionConfiguration):
/// kubernetes/apiserver pkg/apis/apiserver/v1/types_encryption.go (staging/src/k8s.io/apiserver), fields, Go types and
/// json tags identical at tags kubernetes-1.30.0 through kubernetes-1.36.0 and kubernetes-1.37.0-beta.0.
/// Both fields are required.</summary>
public sealed record EncryptionResourceConfiguration
{
    /// <summary><c>resources</c> ([]string, required): e.g. <c>secrets</c>.</summary>
    [JsonPropertyName("resources"), JsonRequired]
    public required IReadOnlyList<string> Resources { get; init; }

    /// <summary><c>providers</c> (<c>[]ProviderConfiguration</c>, required): the first encrypts, all decrypt.</summary>
    [JsonPropertyName("providers"), JsonRequired]
    public required IReadOnlyList<EncryptionProviderConfiguration> Providers { get; init; }
}
