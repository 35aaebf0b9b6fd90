using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.Kubeconfig;

/// <summary>A kubeconfig cluster: the API server's URL and the CA that signed its certificate.</summary>
/// <param name="Server">The API server's https URL.</param>
/// <param name="CertificateAuthorityData">The CA certificate (PEM), base64.</param>
public sealed record KubeconfigCluster(
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("certificate-authority-data")] string CertificateAuthorityData);
