using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeadm's <c>HostPathMount</c> (<c>extraVolumes[]</c>), identical in v1beta3 and v1beta4:
/// kubernetes/kubernetes cmd/kubeadm/app/apis/kubeadm/v1beta3/types.go (indexed upstream version 428c3fe) and
/// v1beta4/types.go (indexed upstream version 1329935, a tree with v1beta4 as released in v1.31: Timeouts,
/// EncryptionAlgorithm, certificate validity periods).
/// <c>name</c>, <c>hostPath</c> and <c>mountPath</c> are required; <c>readOnly</c> is a bool, <c>pathType</c> a
/// <c>corev1.HostPathType</c>.</summary>
public sealed record KubeadmHostPathMount
{
    /// <summary><c>name</c> (string, required): the volume's name in the static pod.</summary>
    [JsonPropertyName("name"), JsonRequired]
    public required string Name { get; init; }

    /// <summary><c>hostPath</c> (string, required).</summary>
    [JsonPropertyName("hostPath"), JsonRequired]
    public required string HostPath { get; init; }

    /// <summary><c>mountPath</c> (string, required).</summary>
    [JsonPropertyName("mountPath"), JsonRequired]
    public required string MountPath { get; init; }

    /// <summary><c>readOnly</c> (bool, a JSON boolean, optional).</summary>
    [JsonPropertyName("readOnly")]
    public bool? ReadOnly { get; init; }

    /// <summary><c>pathType</c> (<c>corev1.HostPathType</c>, optional).</summary>
    [JsonPropertyName("pathType")]
    public CoreHostPathType? PathType { get; init; }
}
