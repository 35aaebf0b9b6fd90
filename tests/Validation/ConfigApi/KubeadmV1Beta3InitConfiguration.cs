using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeadm.k8s.io/v1beta3 <c>InitConfiguration</c>, the fields the platform writes: kubernetes/kubernetes
/// cmd/kubeadm/app/apis/kubeadm/v1beta3/types.go (indexed upstream version 428c3fe; a beta API version keeps its fields
/// until it is removed, in v1.37).
/// v1beta3 has no <c>dryRun</c> or <c>timeouts</c> (v1beta4 only), so writing them fails here.</summary>
public sealed record KubeadmV1Beta3InitConfiguration : ConfigTypeMeta, IKubeadmInitConfiguration
{
    /// <summary><c>bootstrapTokens</c> (<c>[]bootstraptokenv1.BootstrapToken</c>, optional).</summary>
    [JsonPropertyName("bootstrapTokens")]
    public IReadOnlyList<KubeadmBootstrapToken>? BootstrapTokens { get; init; }

    /// <summary><c>nodeRegistration</c> (<c>NodeRegistrationOptions</c>, optional).</summary>
    [JsonPropertyName("nodeRegistration")]
    public KubeadmNodeRegistrationOptions? NodeRegistration { get; init; }

    /// <summary><c>localAPIEndpoint</c> (<c>APIEndpoint</c>, optional).</summary>
    [JsonPropertyName("localAPIEndpoint")]
    public KubeadmApiEndpoint? LocalApiEndpoint { get; init; }

    /// <summary><c>skipPhases</c> ([]string, optional), e.g. <c>addon/kube-proxy</c>.</summary>
    [JsonPropertyName("skipPhases")]
    public IReadOnlyList<string>? SkipPhases { get; init; }

    IReadOnlyList<KubeadmBootstrapToken> IKubeadmInitConfiguration.BootstrapTokens => BootstrapTokens ?? [];

    IReadOnlyList<string> IKubeadmInitConfiguration.SkipPhases => SkipPhases ?? [];
}
