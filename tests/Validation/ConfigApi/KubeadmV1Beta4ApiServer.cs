using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeadm v1beta4 <c>APIServer</c> (<c>ClusterConfiguration.apiServer</c>): the inlined
/// <see cref="KubeadmV1Beta4ControlPlaneComponent"/> and <c>certSANs</c>: kubernetes/kubernetes
/// cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go (indexed upstream version 1329935; v1beta4/doc.go at bbf0c2e lists
/// every change since v1beta3, none to these fields; enabled in v1.31, kubernetes/kubernetes#125029). v1beta4 dropped
/// <c>timeoutForControlPlane</c>, so writing it fails here.</summary>
public sealed record KubeadmV1Beta4ApiServer : KubeadmV1Beta4ControlPlaneComponent
{
    /// <summary><c>certSANs</c> ([]string, optional).</summary>
    [JsonPropertyName("certSANs")]
    public IReadOnlyList<string>? CertSans { get; init; }
}
