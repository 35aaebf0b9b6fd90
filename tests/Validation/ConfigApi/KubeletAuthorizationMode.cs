using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubelet v1beta1 <c>KubeletAuthorizationMode</c>: the constants <c>AlwaysAllow</c> and <c>Webhook</c>,
/// kubernetes/kubelet config/v1beta1/types.go (staging/src/k8s.io/kubelet/config/v1beta1/types.go), fields, Go types
/// and json tags identical at tags kubernetes-1.30.0, -1.31.0, -1.32.0, -1.33.0, -1.34.0, -1.35.0, -1.36.0 and
/// -1.37.0-beta.0.</summary>
[JsonConverter(typeof(ExactStringEnumConverter<KubeletAuthorizationMode>))]
public enum KubeletAuthorizationMode
{
    /// <summary><c>AlwaysAllow</c>.</summary>
    AlwaysAllow,

    /// <summary><c>Webhook</c>: ask the API server (SubjectAccessReview).</summary>
    Webhook,
}
