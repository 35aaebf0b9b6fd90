using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeadm.k8s.io/v1beta3 <c>ClusterConfiguration</c>, the fields the platform writes: kubernetes/kubernetes
/// cmd/kubeadm/app/apis/kubeadm/v1beta3/types.go (indexed upstream version 428c3fe; a beta API version keeps its fields
/// until it is removed, in v1.37).</summary>
public sealed record KubeadmV1Beta3ClusterConfiguration : ConfigTypeMeta, IKubeadmClusterConfiguration
{
    /// <summary><c>networking</c> (<c>Networking</c>, optional).</summary>
    [JsonPropertyName("networking")]
    public KubeadmNetworking? Networking { get; init; }

    /// <summary><c>kubernetesVersion</c> (string, optional), e.g. <c>v1.30.14</c>.</summary>
    [JsonPropertyName("kubernetesVersion")]
    public string? KubernetesVersion { get; init; }

    /// <summary><c>controlPlaneEndpoint</c> (string, optional): <c>host:port</c>.</summary>
    [JsonPropertyName("controlPlaneEndpoint")]
    public string? ControlPlaneEndpoint { get; init; }

    /// <summary><c>apiServer</c> (<c>APIServer</c>, optional).</summary>
    [JsonPropertyName("apiServer")]
    public KubeadmV1Beta3ApiServer? ApiServer { get; init; }

    /// <summary><c>controllerManager</c> (<c>ControlPlaneComponent</c>, optional).</summary>
    [JsonPropertyName("controllerManager")]
    public KubeadmV1Beta3ControlPlaneComponent? ControllerManager { get; init; }

    /// <summary><c>scheduler</c> (<c>ControlPlaneComponent</c>, optional).</summary>
    [JsonPropertyName("scheduler")]
    public KubeadmV1Beta3ControlPlaneComponent? Scheduler { get; init; }

    /// <summary><c>certificatesDir</c> (string, optional).</summary>
    [JsonPropertyName("certificatesDir")]
    public string? CertificatesDir { get; init; }

    /// <summary><c>clusterName</c> (string, optional).</summary>
    [JsonPropertyName("clusterName")]
    public string? ClusterName { get; init; }

    IReadOnlyList<string> IKubeadmClusterConfiguration.CertSans => ApiServer?.CertSans ?? [];

    IReadOnlyList<KubeadmHostPathMount> IKubeadmClusterConfiguration.ApiServerVolumes => ApiServer?.ExtraVolumes ?? [];

    IReadOnlyDictionary<string, string> IKubeadmClusterConfiguration.ExtraArgs(string component) => component switch
    {
        "apiServer" => ApiServer?.ExtraArgs,
        "controllerManager" => ControllerManager?.ExtraArgs,
        "scheduler" => Scheduler?.ExtraArgs,
        _ => throw new ArgumentException($"Unknown control-plane component '{component}'.", nameof(component)),
    } ?? new Dictionary<string, string>();
}
