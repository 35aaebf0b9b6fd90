using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeadm v1beta3 <c>ControlPlaneComponent</c> (<c>controllerManager</c>, <c>scheduler</c>; inlined into
/// <c>apiServer</c>): kubernetes/kubernetes cmd/kubeadm/app/apis/kubeadm/v1beta3/types.go (indexed upstream version
/// 428c3fe; a beta API version keeps its fields until it is removed, in v1.37). <c>extraArgs</c> is a
/// <c>map[string]string</c>: every value must be a JSON string, so an
/// unquoted <c>false</c> or <c>1000</c> fails as it does in kubeadm.</summary>
public record KubeadmV1Beta3ControlPlaneComponent
{
    /// <summary><c>extraArgs</c> (<c>map[string]string</c>, optional): flag name (without dashes) to value.</summary>
    [JsonPropertyName("extraArgs")]
    public IReadOnlyDictionary<string, string>? ExtraArgs { get; init; }

    /// <summary><c>extraVolumes</c> (<c>[]HostPathMount</c>, optional).</summary>
    [JsonPropertyName("extraVolumes")]
    public IReadOnlyList<KubeadmHostPathMount>? ExtraVolumes { get; init; }
}
