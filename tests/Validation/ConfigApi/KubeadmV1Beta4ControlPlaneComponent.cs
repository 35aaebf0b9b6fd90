using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeadm v1beta4 <c>ControlPlaneComponent</c> (<c>controllerManager</c>, <c>scheduler</c>; inlined into
/// <c>apiServer</c>): kubernetes/kubernetes cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go (indexed upstream version
/// 1329935; v1beta4/doc.go at bbf0c2e lists every change since v1beta3, none to these fields; enabled in v1.31,
/// kubernetes/kubernetes#125029). <c>extraArgs</c> is a list of <c>{name, value}</c> (<c>[]Arg</c>), no longer
/// v1beta3's map,
/// so a map here fails. <c>extraEnvs</c> is a list of core/v1 <c>EnvVar</c>s.</summary>
public record KubeadmV1Beta4ControlPlaneComponent
{
    /// <summary><c>extraArgs</c> (<c>[]Arg</c>, optional).</summary>
    [JsonPropertyName("extraArgs")]
    public IReadOnlyList<KubeadmV1Beta4Arg>? ExtraArgs { get; init; }

    /// <summary><c>extraVolumes</c> (<c>[]HostPathMount</c>, optional).</summary>
    [JsonPropertyName("extraVolumes")]
    public IReadOnlyList<KubeadmHostPathMount>? ExtraVolumes { get; init; }

    /// <summary><c>extraEnvs</c> (<c>[]EnvVar</c>, optional).</summary>
    [JsonPropertyName("extraEnvs")]
    public IReadOnlyList<KubeadmV1Beta4EnvVar>? ExtraEnvs { get; init; }
}
