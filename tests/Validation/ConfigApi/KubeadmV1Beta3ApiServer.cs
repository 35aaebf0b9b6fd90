using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeadm v1beta3 <c>APIServer</c> (<c>ClusterConfiguration.apiServer</c>): the inlined
/// <see cref="KubeadmV1Beta3ControlPlaneComponent"/> and <c>certSANs</c>: kubernetes/kubernetes
/// cmd/kubeadm/app/apis/kubeadm/v1beta3/types.go (indexed upstream version 428c3fe; a beta API version keeps its fields
/// until it is removed, in v1.37). (<c>timeoutForControlPlane</c> is
/// not written.)</summary>
public sealed record KubeadmV1Beta3ApiServer : KubeadmV1Beta3ControlPlaneComponent
{
    /// <summary><c>certSANs</c> ([]string, optional).</summary>
    [JsonPropertyName("certSANs")]
    public IReadOnlyList<string>? CertSans { get; init; }
}
