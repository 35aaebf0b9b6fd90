using System.Text;
using Platform.Components.Cluster.Kubeadm;

namespace Platform.Components.Cluster;

/// <summary>Renders a kubeconfig with embedded (base64) certificate data for one cluster, user and context. Names that
/// a YAML 1.1 reader (kubectl's, client-go's) would take for a boolean, null or number (a cluster called <c>on</c> or
/// <c>123</c>) are written quoted, so they stay strings.</summary>
public static class KubeconfigRenderer
{
    /// <summary>
    /// A kubeconfig for <paramref name="clusterName"/> at <paramref name="serverUrl"/>, authenticating
    /// <paramref name="userName"/> with a client certificate. The result holds a private key: treat it as a secret.
    /// </summary>
    public static string Render(string clusterName, string serverUrl, string caCertPem, string clientCertPem, string clientKeyPem,
        string userName = "kubernetes-admin")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterName);
        ArgumentException.ThrowIfNullOrWhiteSpace(serverUrl);
        if (!serverUrl.StartsWith("https://", StringComparison.Ordinal))
            throw new ArgumentException($"The API server URL must use https, got '{serverUrl}'.", nameof(serverUrl));
        var context = $"{userName}@{clusterName}";
        var document = new Dictionary<string, object>
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Config",
            ["clusters"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["name"] = clusterName,
                    ["cluster"] = new Dictionary<string, object>
                    {
                        ["server"] = serverUrl,
                        ["certificate-authority-data"] = Base64(caCertPem),
                    },
                },
            },
            ["users"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["name"] = userName,
                    ["user"] = new Dictionary<string, object>
                    {
                        ["client-certificate-data"] = Base64(clientCertPem),
                        ["client-key-data"] = Base64(clientKeyPem),
                    },
                },
            },
            ["contexts"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["name"] = context,
                    ["context"] = new Dictionary<string, object> { ["cluster"] = clusterName, ["user"] = userName },
                },
            },
            ["current-context"] = context,
            ["preferences"] = new Dictionary<string, object>(),
        };
        return KubeadmYaml.Serialize(document);
    }

    private static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
}
