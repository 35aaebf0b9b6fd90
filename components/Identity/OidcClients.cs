namespace Platform.Components.Identity;

/// <summary>The clients of the platform's identity provider (<see cref="IdentityProvider.Clients"/>' keys), each with
/// the path of its login callback under its own host. The authentication layer registers one static client per
/// consumer that is on, with the redirect URI <c>https://&lt;consumer host&gt;&lt;path&gt;</c>.</summary>
public static class OidcClients
{
    /// <summary>kubectl through kubelogin: a public client (PKCE, no secret) redirecting to localhost.</summary>
    public const string Kubernetes = "kubernetes";

    /// <summary>Grafana (generic OAuth).</summary>
    public const string Grafana = "grafana";

    /// <summary>OpenSearch Dashboards (the security plugin's OpenID Connect).</summary>
    public const string OpenSearchDashboards = "opensearch-dashboards";

    /// <summary>Harbor (its OIDC auth mode).</summary>
    public const string Harbor = "harbor";

    /// <summary>Argo CD (its own OIDC configuration, not its bundled Dex).</summary>
    public const string ArgoCd = "argocd";

    /// <summary>Headlamp.</summary>
    public const string Headlamp = "headlamp";

    /// <summary>kubelogin's redirect URIs (its local listener; 8000 first, 18000 when 8000 is taken).</summary>
    public static IReadOnlyList<string> KubernetesRedirectUris { get; } = ["http://localhost:8000", "http://localhost:18000"];

    /// <summary>Each web consumer with the path of its login callback.</summary>
    public static IReadOnlyDictionary<string, string> CallbackPaths { get; } = new Dictionary<string, string>
    {
        [Grafana] = "/login/generic_oauth",
        [OpenSearchDashboards] = "/auth/openid/login",
        [Harbor] = "/c/oidc/callback",
        [ArgoCd] = "/auth/callback",
        [Headlamp] = "/oidc-callback",
    }.AsReadOnly();

    /// <summary>The redirect URI of web consumer <paramref name="clientName"/> served at <paramref name="host"/>, which
    /// the identity provider registers and the consumer sends: <c>https://&lt;host&gt;&lt;callback path&gt;</c>
    /// (<see cref="CallbackPaths"/>), e.g. <c>https://grafana.example.com/login/generic_oauth</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="clientName"/> is not a web consumer (it has no callback path),
    /// or <paramref name="host"/> is empty.</exception>
    public static string RedirectUri(string clientName, string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (clientName is null || !CallbackPaths.TryGetValue(clientName, out var path))
            throw new ArgumentException($"'{clientName}' is not a web consumer of {nameof(OidcClients)}.", nameof(clientName));
        return $"https://{host}{path}";
    }
}
