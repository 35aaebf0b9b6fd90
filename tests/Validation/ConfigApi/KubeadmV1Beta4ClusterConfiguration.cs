using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeadm.k8s.io/v1beta4 <c>ClusterConfiguration</c>, the fields the platform writes: kubernetes/kubernetes
/// cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go (indexed upstream version 1329935; v1beta4/doc.go at bbf0c2e lists
/// every change since v1beta3, none to these fields; enabled in v1.31, kubernetes/kubernetes#125029).</summary>
public sealed record KubeadmV1Beta4ClusterConfiguration : ConfigTypeMeta, IKubeadmClusterConfiguration
{
    /// <summary><c>networking</c> (<c>Networking</c>, optional).</summary>
    [JsonPropertyName("networking")]
    public KubeadmNetworking? Networking { get; init; }

    /// <summary><c>kubernetesVersion</c> (string, optional), e.g. <c>v1.34.2</c>.</summary>
    [JsonPropertyName("kubernetesVersion")]
    public string? KubernetesVersion { get; init; }

    /// <summary><c>controlPlaneEndpoint</c> (string, optional): <c>host:port</c>.</summary>
    [JsonPropertyName("controlPlaneEndpoint")]
    public string? ControlPlaneEndpoint { get; init; }

    /// <summary><c>apiServer</c> (<c>APIServer</c>, optional).</summary>
    [JsonPropertyName("apiServer")]
    public KubeadmV1Beta4ApiServer? ApiServer { get; init; }

    /// <summary><c>controllerManager</c> (<c>ControlPlaneComponent</c>, optional).</summary>
    [JsonPropertyName("controllerManager")]
    public KubeadmV1Beta4ControlPlaneComponent? ControllerManager { get; init; }

    /// <summary><c>scheduler</c> (<c>ControlPlaneComponent</c>, optional).</summary>
    [JsonPropertyName("scheduler")]
    public KubeadmV1Beta4ControlPlaneComponent? Scheduler { get; init; }

    /// <summary><c>certificatesDir</c> (string, optional).</summary>
    [JsonPropertyName("certificatesDir")]
    public string? CertificatesDir { get; init; }

    /// <summary><c>clusterName</c> (string, optional).</summary>
    [JsonPropertyName("clusterName")]
    public string? ClusterName { get; init; }

    IReadOnlyList<string> IKubeadmClusterConfiguration.CertSans => ApiServer?.CertSans ?? [];

    IReadOnlyList<KubeadmHostPathMount> IKubeadmClusterConfiguration.ApiServerVolumes => ApiServer?.ExtraVolumes ?? [];

    IReadOnlyDictionary<string, string> IKubeadmClusterConfiguration.ExtraArgs(string component) => (component switch
    {
        "apiServer" => ApiServer?.ExtraArgs,
        "controllerManager" => ControllerManager?.ExtraArgs,
        "scheduler" => Scheduler?.ExtraArgs,
        _ => throw new ArgumentException($"Unknown control-plane component '{component}'.", nameof(component)),
    } ?? []).ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
}
