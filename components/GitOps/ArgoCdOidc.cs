using Platform.Components.Cluster.Kubeadm;

namespace Platform.Components.GitOps;

/// <summary>Argo CD's own OpenID Connect login (<c>oidc.config</c> of <c>argocd-cm</c>) against the platform's identity
/// provider, instead of the chart's bundled Dex. The client secret is never in the ConfigMap: <c>oidc.config</c> names it
/// as <c>$&lt;Secret&gt;:&lt;key&gt;</c>, which Argo CD resolves from that Secret in its namespace when it carries the
/// label <c>app.kubernetes.io/part-of: argocd</c> (<see cref="SecretLabels"/>).
/// Source: <c>https://argo-cd.readthedocs.io/en/stable/operator-manual/user-management/#sensitive-data-and-sso-client-secrets</c>
/// (argoproj/argo-cd#4188, implemented in #4342).</summary>
public static class ArgoCdOidc
{
    /// <summary>The Secret that holds the client secret.</summary>
    public const string SecretName = "argocd-oidc";

    /// <summary>The client secret's key in <see cref="SecretName"/>.</summary>
    public const string SecretKey = "clientSecret";

    /// <summary>The labels without which Argo CD does not read <see cref="SecretName"/>.</summary>
    public static IReadOnlyDictionary<string, string> SecretLabels { get; } =
        new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "argocd" }.AsReadOnly();

    /// <summary>The reference to the client secret that <c>oidc.config</c> carries.</summary>
    public static string ClientSecretReference => $"${SecretName}:{SecretKey}";

    /// <summary>The <c>oidc.config</c> document: the issuer, client id, the secret's reference, the scopes, and the CA
    /// that signs the issuer's certificate when it is not publicly trusted (<paramref name="rootCaPem"/>; null for a
    /// publicly trusted one).</summary>
    public static string Config(string issuerUrl, string clientId, IReadOnlyList<string> scopes, string? rootCaPem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuerUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentNullException.ThrowIfNull(scopes);
        if (!issuerUrl.StartsWith("https://", StringComparison.Ordinal))
            throw new ArgumentException($"Argo CD OIDC: the issuer {issuerUrl} is not https.", nameof(issuerUrl));
        if (rootCaPem is not null && !rootCaPem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            throw new ArgumentException("Argo CD OIDC: the root CA is not a PEM certificate.", nameof(rootCaPem));
        return KubeadmYaml.Serialize(KubeadmYaml.Map(
            ("name", "Platform SSO"),
            ("issuer", issuerUrl),
            ("clientID", clientId),
            ("clientSecret", ClientSecretReference),
            // Argo CD asks for openid itself; the groups scope makes Dex put the groups claim in the ID token.
            ("requestedScopes", scopes.ToList()),
            ("rootCA", rootCaPem)));
    }
}
