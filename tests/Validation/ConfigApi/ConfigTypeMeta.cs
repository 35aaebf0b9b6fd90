using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>
/// The <c>apiVersion</c> and <c>kind</c> every configuration document carries: <c>metav1.TypeMeta</c>, inlined into
/// each upstream configuration type (k8s.io/apimachinery pkg/apis/meta/v1/types.go: <c>json:"apiVersion,omitempty"</c>,
/// <c>json:"kind,omitempty"</c>). Optional in Go, but every loader the platform's files reach dispatches on them, so
/// the
/// records require both.
/// </summary>
public abstract record ConfigTypeMeta
{
    /// <summary><c>apiVersion</c>: group/version, e.g. <c>kubeadm.k8s.io/v1beta4</c>.</summary>
    [JsonPropertyName("apiVersion"), JsonRequired]
    public required string ApiVersion { get; init; }

    /// <summary><c>kind</c>: the type's name, e.g. <c>ClusterConfiguration</c>.</summary>
    [JsonPropertyName("kind"), JsonRequired]
    public required string Kind { get; init; }
}
