using System.Text;
using Platform.Components.Cluster.Kubeadm;

namespace Platform.Components.Identity;

/// <summary>The kubeconfig a user logs in with (the seed's Gangway, replaced by kubelogin): the cluster with its CA
/// inline, and a user whose credentials come from kubelogin's exec plugin (<c>kubectl oidc-login get-token</c>, from
/// int128/kubelogin). kubelogin opens the browser at Dex, runs the code flow with PKCE as the public client
/// <see cref="OidcClients.Kubernetes"/> on a localhost listener (<see cref="OidcClients.KubernetesRedirectUris"/>), and
/// caches the ID and refresh tokens in <c>~/.kube/cache/oidc-login</c>. Nothing in it is secret.</summary>
public static class UserKubeconfig
{
    /// <summary>The exec credential API the plugin speaks (kubectl 1.35 to 1.37 accept it; kubelogin answers in it).</summary>
    public const string ExecApiVersion = "client.authentication.k8s.io/v1beta1";

    /// <summary>The kubeconfig's user name.</summary>
    public const string UserName = "oidc";

    /// <summary>The scopes kubelogin asks for beyond <c>openid</c>: the claims the API server maps, and a refresh token.</summary>
    public static IReadOnlyList<string> ExtraScopes { get; } = ["email", "profile", "groups", "offline_access"];

    /// <summary>The kubeconfig of <paramref name="clusterName"/> at <paramref name="serverUrl"/> (verified against
    /// <paramref name="clusterCaPem"/>), logging in at <paramref name="issuerUrl"/>; <paramref name="issuerCaPem"/> is the
    /// CA of the issuer's certificate when it is the platform's internal CA (kubelogin's
    /// <c>--certificate-authority-data</c>), null when it is publicly trusted.</summary>
    public static string Render(string clusterName, string serverUrl, string clusterCaPem, string issuerUrl, string? issuerCaPem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterName);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterCaPem);
        if (!serverUrl.StartsWith("https://", StringComparison.Ordinal))
            throw new ArgumentException($"The API server URL must use https, got '{serverUrl}'.", nameof(serverUrl));
        if (!issuerUrl.StartsWith("https://", StringComparison.Ordinal))
            throw new ArgumentException($"The issuer URL must use https, got '{issuerUrl}'.", nameof(issuerUrl));
        var args = new List<object>
        {
            "oidc-login",
            "get-token",
            $"--oidc-issuer-url={issuerUrl}",
            $"--oidc-client-id={OidcClients.Kubernetes}",
        };
        args.AddRange(ExtraScopes.Select(s => (object)$"--oidc-extra-scope={s}"));
        if (issuerCaPem is { Length: > 0 }) args.Add($"--certificate-authority-data={Base64(issuerCaPem)}");
        var context = $"{UserName}@{clusterName}";
        var document = new Dictionary<string, object>
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Config",
            ["clusters"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["name"] = clusterName,
                    ["cluster"] = new Dictionary<string, object> { ["server"] = serverUrl, ["certificate-authority-data"] = Base64(clusterCaPem) },
                },
            },
            ["users"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["name"] = UserName,
                    ["user"] = new Dictionary<string, object>
                    {
                        ["exec"] = new Dictionary<string, object>
                        {
                            ["apiVersion"] = ExecApiVersion,
                            ["command"] = "kubectl",
                            ["args"] = args,
                            // The browser login needs a person; kubectl in a pipeline without a terminal fails fast instead.
                            ["interactiveMode"] = "IfAvailable",
                            ["provideClusterInfo"] = false,
                        },
                    },
                },
            },
            ["contexts"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["name"] = context,
                    ["context"] = new Dictionary<string, object> { ["cluster"] = clusterName, ["user"] = UserName },
                },
            },
            ["current-context"] = context,
            ["preferences"] = new Dictionary<string, object>(),
        };
        return KubeadmYaml.Serialize(document);
    }

    private static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
}
