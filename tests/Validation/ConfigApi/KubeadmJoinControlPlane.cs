using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeadm's <c>JoinControlPlane</c> (<c>JoinConfiguration.controlPlane</c>), the field the platform writes,
/// identical in v1beta3 and v1beta4: kubernetes/kubernetes cmd/kubeadm/app/apis/kubeadm/v1beta3/types.go (indexed
/// upstream version 428c3fe) and v1beta4/types.go (indexed upstream version 1329935, a tree with v1beta4 as released in
/// v1.31: Timeouts, EncryptionAlgorithm, certificate validity periods). (<c>certificateKey</c> is not written: the PKI
/// is copied before the join.)</summary>
public sealed record KubeadmJoinControlPlane
{
    /// <summary><c>localAPIEndpoint</c> (<c>APIEndpoint</c>, optional).</summary>
    [JsonPropertyName("localAPIEndpoint")]
    public KubeadmApiEndpoint? LocalApiEndpoint { get; init; }
}
