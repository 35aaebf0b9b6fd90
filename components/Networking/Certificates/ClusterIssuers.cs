using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Networking.Certificates;

/// <summary>The platform's cert-manager ClusterIssuers: names, the Secrets they read, and their <c>spec</c> trees
/// (cert-manager.io/v1). Each spec is a tree of string, bool, int, nested <see cref="Dictionary{TKey, TValue}"/> and
/// <c>object[]</c>, never null, keys in a fixed order; the stack wraps it in a ClusterIssuer ordered after the
/// cert-manager release that brings the CRDs.</summary>
/// <remarks>A ClusterIssuer reads its Secrets from cert-manager's cluster resource namespace, which is the namespace
/// cert-manager is installed in (the chart's <c>clusterResourceNamespace</c> is left empty). So
/// <see cref="InternalCaSecretName"/> and <see cref="Rfc2136SecretName"/> must be created there.</remarks>
public static class ClusterIssuers
{
    /// <summary>The API version of ClusterIssuer objects.</summary>
    public const string ApiVersion = "cert-manager.io/v1";

    /// <summary>The kind of ClusterIssuer objects.</summary>
    public const string Kind = "ClusterIssuer";

    /// <summary>The Let's Encrypt staging issuer: same flow as production, generous rate limits, certificates signed by
    /// an untrusted staging root. Use it to test a new Ingress before asking production.</summary>
    public const string LetsEncryptStaging = "letsencrypt-staging";

    /// <summary>The Let's Encrypt production issuer: publicly trusted certificates, strict rate limits.</summary>
    public const string LetsEncryptProduction = "letsencrypt-production";

    /// <summary>The issuer that signs with the platform's internal CA.</summary>
    public const string InternalCa = "platform-internal-ca";

    /// <summary>The <c>kubernetes.io/tls</c> Secret (keys <c>tls.crt</c> and <c>tls.key</c>) holding the internal CA
    /// certificate and private key, which the stack creates from a Pulumi.Tls CA in cert-manager's namespace.</summary>
    public const string InternalCaSecretName = "platform-internal-ca";

    /// <summary>The Secret, in cert-manager's namespace, holding the base64 TSIG secret for RFC 2136 DNS-01 under
    /// <see cref="Rfc2136SecretKey"/>. The stack creates it from a Pulumi secret.</summary>
    public const string Rfc2136SecretName = "platform-rfc2136-tsig";

    /// <summary>The key of the TSIG secret in <see cref="Rfc2136SecretName"/>.</summary>
    public const string Rfc2136SecretKey = "tsig-secret";

    /// <summary>The Let's Encrypt staging ACME directory.</summary>
    public const string LetsEncryptStagingServer = "https://acme-staging-v02.api.letsencrypt.org/directory";

    /// <summary>The Let's Encrypt production ACME directory.</summary>
    public const string LetsEncryptProductionServer = "https://acme-v02.api.letsencrypt.org/directory";

    /// <summary>The Secret in which cert-manager stores the ACME account key of the issuer named
    /// <paramref name="issuerName"/>: <c>&lt;issuer&gt;-account-key</c>. cert-manager creates it on first use.</summary>
    /// <param name="issuerName">The ClusterIssuer's name.</param>
    /// <returns>The Secret's name.</returns>
    public static string AccountKeySecretName(string issuerName) => issuerName + "-account-key";

    /// <summary>The spec of a Let's Encrypt ClusterIssuer: ACME server, contact email, account key Secret and one solver
    /// (HTTP-01 through <paramref name="defaultIngressClass"/>, or DNS-01 via RFC 2136 with the TSIG secret read from
    /// <see cref="Rfc2136SecretName"/>).</summary>
    /// <param name="options">Valid options with <see cref="CertificateOptions.LetsEncrypt"/> true.</param>
    /// <param name="production">True for <see cref="LetsEncryptProduction"/>, false for
    /// <see cref="LetsEncryptStaging"/>.</param>
    /// <param name="defaultIngressClass">The name of the cluster's default IngressClass; the HTTP-01 solver creates its
    /// temporary Ingress with that class. Checked only for <see cref="AcmeChallenge.Http01"/>.</param>
    /// <exception cref="ArgumentException">The options are not valid, do not enable Let's Encrypt, or the ingress class
    /// is not a valid name.</exception>
    public static IReadOnlyDictionary<string, object> AcmeSpec(CertificateOptions options, bool production, string defaultIngressClass)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException($"Certificate options are not valid: {string.Join(" ", problems)}", nameof(options));
        if (!options.LetsEncrypt)
            throw new ArgumentException("Let's Encrypt is not enabled in these options, so there is no ACME issuer to render.", nameof(options));

        object solver = options.Challenge switch
        {
            AcmeChallenge.Dns01Rfc2136 => Map(("dns01", Map(("rfc2136", Rfc2136(options.Rfc2136!))))),
            _ => Map(("http01", Map(("ingress", Map(("ingressClassName", IngressClass(defaultIngressClass))))))),
        };

        var name = production ? LetsEncryptProduction : LetsEncryptStaging;
        return Map(("acme", Map(
            ("server", production ? LetsEncryptProductionServer : LetsEncryptStagingServer),
            ("email", options.AcmeEmail!),
            ("privateKeySecretRef", Map(("name", AccountKeySecretName(name)))),
            ("solvers", new[] { solver }))));
    }

    /// <summary>The spec of the <see cref="InternalCa"/> ClusterIssuer: a CA issuer signing with the key pair in
    /// <see cref="InternalCaSecretName"/>.</summary>
    public static IReadOnlyDictionary<string, object> InternalCaSpec() =>
        Map(("ca", Map(("secretName", InternalCaSecretName))));

    private static Dictionary<string, object> Rfc2136(Rfc2136Settings settings) =>
        Map(
            ("nameserver", settings.Nameserver),
            ("tsigKeyName", settings.TsigKeyName),
            ("tsigAlgorithm", settings.TsigAlgorithm),
            ("tsigSecretSecretRef", Map(("name", Rfc2136SecretName), ("key", Rfc2136SecretKey))));

    private static string IngressClass(string defaultIngressClass)
    {
        // IngressClass names are DNS subdomains.
        if (!DnsSyntax.IsDomainName(defaultIngressClass) || defaultIngressClass.Any(char.IsUpper))
            throw new ArgumentException($"The default ingress class '{defaultIngressClass}' is not a valid IngressClass name (a lower-case DNS subdomain).", nameof(defaultIngressClass));
        return defaultIngressClass;
    }
}
