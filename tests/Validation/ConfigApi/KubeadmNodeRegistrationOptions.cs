using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>
/// kubeadm's <c>NodeRegistrationOptions</c> (<c>nodeRegistration</c> of Init- and JoinConfiguration), the fields the
/// platform writes, identical in v1beta3 and v1beta4: kubernetes/kubernetes
/// cmd/kubeadm/app/apis/kubeadm/v1beta3/types.go (indexed upstream version 428c3fe) and v1beta4/types.go (indexed
/// upstream version 1329935, a tree with v1beta4 as released in v1.31: Timeouts, EncryptionAlgorithm, certificate
/// validity periods).
/// <c>kubeletExtraArgs</c> is a list of <c>{name, value}</c> in v1beta4 (modelled) and a map in v1beta3 (which Platform
/// writes only for Kubernetes before 1.31, none of the supported minors).
/// </summary>
public sealed record KubeadmNodeRegistrationOptions
{
    /// <summary><c>name</c> (string, optional): the Node object's name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary><c>criSocket</c> (string, optional): the container runtime's socket.</summary>
    [JsonPropertyName("criSocket")]
    public string? CriSocket { get; init; }

    /// <summary><c>kubeletExtraArgs</c> (<c>[]Arg</c> in v1beta4, optional): extra kubelet flags, e.g. <c>node-ip</c>.</summary>
    [JsonPropertyName("kubeletExtraArgs")]
    public IReadOnlyList<KubeadmV1Beta4Arg>? KubeletExtraArgs { get; init; }

    /// <summary><c>taints</c> (<c>[]corev1.Taint</c>, <c>json:"taints"</c>, no omitempty): absent means kubeadm's
    /// default control-plane taint, <c>[]</c> means none, so the platform always writes it.</summary>
    [JsonPropertyName("taints"), JsonRequired]
    public required IReadOnlyList<CoreTaint> Taints { get; init; }
}
