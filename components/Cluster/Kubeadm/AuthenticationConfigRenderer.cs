using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using static Platform.Components.Cluster.Kubeadm.KubeadmYaml;

namespace Platform.Components.Cluster.Kubeadm;

/// <summary>
/// Renders the API server's structured authentication configuration (<c>--authentication-config</c>,
/// <see cref="KubeadmPaths.AuthenticationConfig"/>): one JWT authenticator per trusted OIDC issuer, or none. Pure
/// functions. The checks are those the API server applies when it loads the file
/// (k8s.io/apiserver pkg/apis/apiserver/validation/validation.go, <c>ValidateAuthenticationConfiguration</c>), so a
/// file it would refuse is never written, and the platform's own: no <c>system:</c> prefix. The file sets no
/// <c>anonymous</c> field: the API server keeps its default anonymous authentication (CIS.md, 1.2.1), and it refuses a
/// reloaded file whose <c>anonymous</c> differs from the one it started with
/// (pkg/kubeapiserver/options/authentication.go), so the field could never change on a running cluster anyway.
/// </summary>
public static class AuthenticationConfigRenderer
{
    /// <summary><c>apiserver.config.k8s.io/v1</c>: the AuthenticationConfiguration's version from Kubernetes 1.34, where
    /// structured authentication configuration became GA (KEP-3331, kubernetes/enhancements#3331; v1beta1 served
    /// 1.30 to 1.33). Every supported minor (1.35 to 1.37) reads it.</summary>
    public const string V1 = "apiserver.config.k8s.io/v1";

    /// <summary>The most JWT authenticators the API server accepts in one file.</summary>
    public const int MaxAuthenticators = 64;

    /// <summary>The prefix the API server's own users and groups carry (<c>system:masters</c>, <c>system:nodes</c>,
    /// ...): no name or group from a token may have it.</summary>
    public const string SystemPrefix = "system:";

    /// <summary>Whether the API server of <paramref name="kubernetesVersion"/> reads the file: from 1.34, where
    /// <see cref="V1"/> exists. Below, the kubeadm documents set no <c>--authentication-config</c> and no file is written
    /// (the platform supports 1.35 to 1.37; older minors remain for the renderers' own tests).</summary>
    /// <exception cref="ArgumentException">The version is malformed.</exception>
    public static bool IsReadBy(string kubernetesVersion) => KubeadmApiVersion.Minor(kubernetesVersion) >= 34;

    /// <summary>The configuration's apiVersion for <paramref name="kubernetesVersion"/>: <see cref="V1"/> from 1.34.</summary>
    /// <exception cref="ArgumentException">The version is malformed or older than 1.34.</exception>
    public static string ApiVersion(string kubernetesVersion)
    {
        var minor = KubeadmApiVersion.Minor(kubernetesVersion);
        return minor >= 34
            ? V1
            : throw new ArgumentException($"Kubernetes {kubernetesVersion} is older than 1.34, the first minor whose API server reads {V1} AuthenticationConfiguration.", nameof(kubernetesVersion));
    }

    /// <summary>The service-account issuer kubeadm gives the API server (<c>--service-account-issuer</c>,
    /// <c>https://kubernetes.default.svc.&lt;dnsDomain&gt;</c>): no JWT authenticator may have it as its issuer.</summary>
    public static string ServiceAccountIssuer(string dnsDomain) => "https://kubernetes.default.svc." + dnsDomain;

    /// <summary>
    /// The AuthenticationConfiguration for <paramref name="authenticators"/>, in their order: each one's issuer URL,
    /// audiences (<c>audienceMatchPolicy: MatchAny</c> when there are several, as the API server requires), CA when
    /// given, and the username and groups claims with their prefixes; and rules that refuse a user whose name or any
    /// group starts with <c>system:</c> (upstream's own example), whatever the prefixes. With none, a file with no JWT
    /// authenticator (the API server accepts it, and authenticators can be added later by a reload).
    /// </summary>
    /// <param name="kubernetesVersion">The cluster's Kubernetes version (MAJOR.MINOR.PATCH).</param>
    /// <param name="authenticators">The issuers the API server trusts; may be empty.</param>
    /// <param name="dnsDomain">The cluster DNS domain (for the service-account issuer). Default <c>cluster.local</c>.</param>
    /// <exception cref="ArgumentException">See <see cref="Validate"/>.</exception>
    public static string Render(string kubernetesVersion, IReadOnlyList<JwtAuthenticatorSpec> authenticators, string dnsDomain = "cluster.local")
    {
        var apiVersion = ApiVersion(kubernetesVersion);
        Validate(authenticators, dnsDomain);
        var jwt = authenticators.Select(a => Map(
            ("issuer", Map(
                ("url", a.IssuerUrl),
                ("audiences", a.Audiences.ToList()),
                ("audienceMatchPolicy", a.Audiences.Count > 1 ? "MatchAny" : null),
                ("certificateAuthority", a.CertificateAuthorityPem))),
            ("claimMappings", Map(
                ("username", Map(("claim", a.UsernameClaim), ("prefix", a.UsernamePrefix))),
                ("groups", Map(("claim", a.GroupsClaim), ("prefix", a.GroupsPrefix))))),
            ("userValidationRules", new[]
            {
                Map(("expression", "!user.username.startsWith('system:')"), ("message", "username cannot use the reserved system: prefix")),
                Map(("expression", "user.groups.all(group, !group.startsWith('system:'))"), ("message", "groups cannot use the reserved system: prefix")),
            }))).ToList();
        return Serialize(Map(("apiVersion", apiVersion), ("kind", "AuthenticationConfiguration"), ("jwt", jwt)));
    }

    /// <summary>
    /// Checks <paramref name="authenticators"/> as the API server would, and the platform's rules: at most
    /// <see cref="MaxAuthenticators"/>; each issuer URL an absolute <c>https</c> URL without user, query or fragment,
    /// used once, and not the cluster's service-account issuer; at least one audience, none empty or twice; the claims
    /// named; no prefix starting with <c>system:</c>; a CA, when given, PEM with at least one certificate and no key.
    /// </summary>
    /// <exception cref="ArgumentException">The first rule broken, naming the issuer and the fix.</exception>
    public static void Validate(IReadOnlyList<JwtAuthenticatorSpec> authenticators, string dnsDomain = "cluster.local")
    {
        ArgumentNullException.ThrowIfNull(authenticators);
        ArgumentException.ThrowIfNullOrWhiteSpace(dnsDomain);
        if (authenticators.Count > MaxAuthenticators)
            throw new ArgumentException($"The API server trusts at most {MaxAuthenticators} issuers, got {authenticators.Count}.", nameof(authenticators));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in authenticators)
        {
            ArgumentNullException.ThrowIfNull(a, nameof(authenticators));
            var url = a.IssuerUrl;
            if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
                throw new ArgumentException($"An issuer URL must be an absolute https URL such as https://dex.example.com, got '{url}'.", nameof(authenticators));
            if (uri.Scheme != Uri.UriSchemeHttps)
                throw new ArgumentException($"Issuer {url}: the API server trusts https issuers only; serve the issuer over https.", nameof(authenticators));
            if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0 || url.Contains('?', StringComparison.Ordinal) || url.Contains('#', StringComparison.Ordinal))
                throw new ArgumentException($"Issuer {url}: the URL must have no user, query or fragment.", nameof(authenticators));
            if (!seen.Add(url))
                throw new ArgumentException($"Issuer {url} is given twice: each issuer URL is trusted once.", nameof(authenticators));
            if (string.Equals(url, ServiceAccountIssuer(dnsDomain), StringComparison.Ordinal))
                throw new ArgumentException($"Issuer {url} is the cluster's service-account issuer, which the API server keeps for its own tokens.", nameof(authenticators));
            if (a.Audiences is not { Count: > 0 })
                throw new ArgumentException($"Issuer {url}: name at least one audience (the client id tokens are issued to, e.g. kubernetes).", nameof(authenticators));
            if (a.Audiences.Any(string.IsNullOrWhiteSpace))
                throw new ArgumentException($"Issuer {url}: an audience is empty.", nameof(authenticators));
            if (a.Audiences.Distinct(StringComparer.Ordinal).Count() != a.Audiences.Count)
                throw new ArgumentException($"Issuer {url}: an audience is given twice.", nameof(authenticators));
            if (string.IsNullOrWhiteSpace(a.UsernameClaim) || string.IsNullOrWhiteSpace(a.GroupsClaim))
                throw new ArgumentException($"Issuer {url}: name the username claim and the groups claim (e.g. email and groups).", nameof(authenticators));
            foreach (var (what, prefix) in new[] { ("username", a.UsernamePrefix), ("groups", a.GroupsPrefix) })
            {
                if (prefix is null)
                    throw new ArgumentException($"Issuer {url}: the {what} prefix must be set (the empty string for none).", nameof(authenticators));
                if (prefix.StartsWith(SystemPrefix, StringComparison.Ordinal))
                    throw new ArgumentException($"Issuer {url}: the {what} prefix '{prefix}' starts with {SystemPrefix}, which names the API server's own users and groups; use another prefix such as oidc:.", nameof(authenticators));
            }
            if (a.CertificateAuthorityPem is { } pem) RequireCertificates(url, pem);
        }
    }

    private static void RequireCertificates(string url, string pem)
    {
        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
            throw new ArgumentException($"Issuer {url}: the CA PEM holds a private key; give the CA's certificate only.", "authenticators");
        // The PEM's structure: CERTIFICATE blocks with base64 content (the API server parses the certificates; Pulumi.Tls
        // gives real ones, the renderer's stand-ins are not DER).
        var count = 0;
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE")) count++;
            else throw new ArgumentException($"Issuer {url}: the CA PEM holds a {rest[fields.Label].ToString()} block; give certificates only.", "authenticators");
            rest = rest[fields.Location.End..];
        }
        if (count == 0)
            throw new ArgumentException($"Issuer {url}: the CA PEM holds no certificate (-----BEGIN CERTIFICATE-----).", "authenticators");
    }
}
