using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubelet v1beta1 <c>KubeletAuthentication</c> (<c>authentication</c>): kubernetes/kubelet
/// config/v1beta1/types.go (staging/src/k8s.io/kubelet/config/v1beta1/types.go), fields, Go types and json tags
/// identical at tags kubernetes-1.30.0, -1.31.0, -1.32.0, -1.33.0, -1.34.0, -1.35.0, -1.36.0 and
/// -1.37.0-beta.0.</summary>
public sealed record KubeletAuthentication
{
    /// <summary><c>x509</c> (<c>KubeletX509Authentication</c>).</summary>
    [JsonPropertyName("x509")]
    public KubeletX509Authentication? X509 { get; init; }

    /// <summary><c>webhook</c> (<c>KubeletWebhookAuthentication</c>).</summary>
    [JsonPropertyName("webhook")]
    public KubeletWebhookAuthentication? Webhook { get; init; }

    /// <summary><c>anonymous</c> (<c>KubeletAnonymousAuthentication</c>).</summary>
    [JsonPropertyName("anonymous")]
    public KubeletAnonymousAuthentication? Anonymous { get; init; }
}
