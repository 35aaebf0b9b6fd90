using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.Kubeconfig;

/// <summary>A kubeconfig user authenticating with a client certificate.</summary>
/// <param name="ClientCertificateData">The client certificate (PEM), base64.</param>
/// <param name="ClientKeyData">The client's private key (PEM), base64.</param>
public sealed record KubeconfigUser(
    [property: JsonPropertyName("client-certificate-data")] string ClientCertificateData,
    [property: JsonPropertyName("client-key-data")] string ClientKeyData);
