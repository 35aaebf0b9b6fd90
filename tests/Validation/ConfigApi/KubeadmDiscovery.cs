using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeadm's <c>Discovery</c> (<c>JoinConfiguration.discovery</c>), the field the platform writes, identical
/// in
/// v1beta3 and v1beta4: kubernetes/kubernetes cmd/kubeadm/app/apis/kubeadm/v1beta3/types.go (indexed upstream version
/// 428c3fe) and v1beta4/types.go (indexed upstream version 1329935, a tree with v1beta4 as released in v1.31: Timeouts,
/// EncryptionAlgorithm, certificate validity periods). (v1beta3's <c>timeout</c>, moved to <c>timeouts.discovery</c> in
/// v1beta4, is not
/// written.)</summary>
public sealed record KubeadmDiscovery
{
    /// <summary><c>bootstrapToken</c> (<c>*BootstrapTokenDiscovery</c>, optional; exclusive with
    /// <c>file</c>).</summary>
    [JsonPropertyName("bootstrapToken")]
    public KubeadmBootstrapTokenDiscovery? BootstrapToken { get; init; }
}
