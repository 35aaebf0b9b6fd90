using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeadm v1beta4 <c>EnvVar</c> (an <c>extraEnvs</c> entry): kubernetes/kubernetes
/// cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go, which inlines core/v1 <c>EnvVar</c> (v1beta4/doc.go: "Support custom
/// environment variables in control plane components under ClusterConfiguration. Use APIServer.ExtraEnvs, ..."). The
/// platform writes <c>name</c> and <c>value</c> only; <c>valueFrom</c> is not modelled, so writing it fails.</summary>
public sealed record KubeadmV1Beta4EnvVar
{
    /// <summary><c>name</c> (string, required).</summary>
    [JsonPropertyName("name"), JsonRequired]
    public required string Name { get; init; }

    /// <summary><c>value</c> (string, optional): a JSON string, so an unquoted number fails.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }
}
