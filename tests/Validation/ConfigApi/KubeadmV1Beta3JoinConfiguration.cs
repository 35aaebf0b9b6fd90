using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeadm.k8s.io/v1beta3 <c>JoinConfiguration</c>, the fields the platform writes: kubernetes/kubernetes
/// cmd/kubeadm/app/apis/kubeadm/v1beta3/types.go (indexed upstream version 428c3fe; a beta API version keeps its fields
/// until it is removed, in v1.37).
/// <c>discovery</c> is required (<c>json:"discovery"</c>, no omitempty).</summary>
public sealed record KubeadmV1Beta3JoinConfiguration : ConfigTypeMeta, IKubeadmJoinConfiguration
{
    /// <summary><c>nodeRegistration</c> (<c>NodeRegistrationOptions</c>, optional).</summary>
    [JsonPropertyName("nodeRegistration")]
    public KubeadmNodeRegistrationOptions? NodeRegistration { get; init; }

    /// <summary><c>discovery</c> (<c>Discovery</c>, required).</summary>
    [JsonPropertyName("discovery"), JsonRequired]
    public required KubeadmDiscovery Discovery { get; init; }

    /// <summary><c>controlPlane</c> (<c>*JoinControlPlane</c>, optional): only on a joining control-plane
    /// node.</summary>
    [JsonPropertyName("controlPlane")]
    public KubeadmJoinControlPlane? ControlPlane { get; init; }
}
