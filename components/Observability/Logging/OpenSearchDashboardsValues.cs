using Platform.Components.Cluster.Kubeadm;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Observability.Logging;

/// <summary>Helm values for the <c>opensearch-dashboards</c> chart (<see cref="Catalog.HelmCharts.OpenSearchDashboards"/>).
/// Dashboards reaches OpenSearch's HTTP Service by its fully qualified name over TLS, verifying the certificate against
/// the logging CA (<c>verificationMode: full</c>), as its server user, whose password (and the session cookie's key)
/// come from a Secret (<c>opensearchAccount.secret</c>). Pod Security <c>restricted</c>, no service account token, no
/// RBAC. Exposed on the default IngressClass only with a hostname.</summary>
public static class OpenSearchDashboardsValues
{
    /// <summary>The Deployment and Service (the chart's full name, the release's name).</summary>
    public const string ServiceName = "opensearch-dashboards";

    /// <summary>Where Dashboards serves HTTP.</summary>
    public const int Port = 5601;

    /// <summary>The Secret with Dashboards' server user (<c>username</c>, <c>password</c>) and cookie key (<c>cookie</c>).</summary>
    public const string AccountSecret = "opensearch-dashboards-account";

    /// <summary>The Secret with the logging CA's certificate only (<c>ca.crt</c>), which Dashboards verifies OpenSearch with.</summary>
    public const string CaSecret = "opensearch-ca";

    /// <summary>The Secret cert-manager writes Dashboards' certificate to.</summary>
    public const string TlsSecret = "opensearch-dashboards-tls";

    /// <summary>Where the CA's certificate is mounted.</summary>
    public const string CaPath = "/usr/share/opensearch-dashboards/certs";

    /// <summary>The Secret with Dashboards' OpenID client secret (<c>client-secret</c>) and, with the internal CA, the CA's
    /// certificate (<c>ca.crt</c>) Dashboards verifies the identity provider with.</summary>
    public const string OidcSecret = "opensearch-dashboards-oidc";

    /// <summary>Where <see cref="OidcSecret"/> is mounted.</summary>
    public const string OidcPath = "/usr/share/opensearch-dashboards/oidc";

    /// <summary>The values for <paramref name="options"/>, OpenSearch at <paramref name="openSearchUrl"/>, exposed on
    /// <paramref name="ingressClass"/> under <see cref="LoggingOptions.DashboardsHost"/> (when both are set) with a
    /// certificate from <paramref name="clusterIssuer"/> (when set); with <paramref name="login"/> (Dashboards served over
    /// https), the OpenID Connect login beside the basic one.</summary>
    public static IReadOnlyDictionary<string, object> Render(LoggingOptions options, string openSearchUrl, string? ingressClass, string? clusterIssuer,
        Identity.OidcLogin? login = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(openSearchUrl);
        var url = Url(options, ingressClass, clusterIssuer);
        var https = url?.StartsWith("https:", StringComparison.Ordinal) == true;
        if (login is not null && !https)
            throw new ArgumentException("Dashboards' single sign-on needs Dashboards served over https (a host, an IngressClass and a ClusterIssuer).", nameof(login));
        var secretMounts = new List<object> { Map(("name", "opensearch-ca"), ("secretName", CaSecret), ("path", CaPath)) };
        if (login is not null)
            secretMounts.Add(Map(("name", "oidc"), ("secretName", OidcSecret), ("path", OidcPath)));
        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["opensearchHosts"] = openSearchUrl,
            ["replicaCount"] = options.DashboardsReplicas,
            ["opensearchAccount"] = Map(("secret", AccountSecret)),
            ["config"] = Map(("opensearch_dashboards.yml", DashboardsYml(openSearchUrl, https, login is null ? null : (login, url!.TrimEnd('/'))))),
            ["secretMounts"] = secretMounts.ToArray(),
            ["podSecurityContext"] = Map(
                ("runAsNonRoot", true), ("runAsUser", 1000), ("runAsGroup", 1000), ("fsGroup", 1000),
                ("seccompProfile", Map(("type", "RuntimeDefault")))),
            ["securityContext"] = OpenSearchValues.RestrictedContainer(),
            ["serviceAccount"] = Map(("create", true), ("automountServiceAccountToken", false)),
            ["rbac"] = Map(("create", false)),
            // Helm merges maps, so the chart's own cpu limit (100m, which starts Dashboards too slowly for its startup
            // probe) can only be replaced, not removed.
            ["resources"] = Map(("requests", Map(("cpu", "100m"), ("memory", "512Mi"))), ("limits", Map(("cpu", "1"), ("memory", "1Gi")))),
            // Recreate (the chart's default) takes Dashboards down on every change; with replicas, one at a time.
            ["updateStrategy"] = options.DashboardsReplicas > 1 ? Map(("type", "RollingUpdate")) : Map(("type", "Recreate")),
            ["serviceMonitor"] = Map(("enabled", false)),
        };
        if (login is not null)
        {
            // The client secret reaches the file through Dashboards' ${VARIABLE} substitution, from the Secret.
            values["extraEnvs"] = new object[]
            {
                Map(("name", "OIDC_CLIENT_SECRET"), ("valueFrom", Map(("secretKeyRef", Map(("name", OidcSecret), ("key", "client-secret")))))),
            };
        }
        if (url is not null)
        {
            var host = options.DashboardsHost!;
            var ingress = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["enabled"] = true,
                ["ingressClassName"] = ingressClass!,
                ["hosts"] = new object[] { Map(("host", host), ("paths", new object[] { Map(("path", "/"), ("backend", Map(("serviceName", ServiceName), ("servicePort", Port)))) })) },
            };
            if (clusterIssuer is { } issuer)
            {
                ingress["annotations"] = Map(("cert-manager.io/cluster-issuer", issuer));
                ingress["tls"] = new object[] { Map(("secretName", TlsSecret), ("hosts", new object[] { host })) };
            }
            values["ingress"] = ingress;
        }
        else
        {
            values["ingress"] = Map(("enabled", false));
        }
        return values;
    }

    /// <summary>Dashboards' URL: https with a cluster issuer, http without; null without a hostname or an ingress class.</summary>
    public static string? Url(LoggingOptions options, string? ingressClass, string? clusterIssuer)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DashboardsHost is not { } host || ingressClass is null) return null;
        return $"{(clusterIssuer is null ? "http" : "https")}://{host}/";
    }

    /// <summary><c>opensearch_dashboards.yml</c>: OpenSearch over verified TLS, the security plugin's login (basic
    /// authentication, no multi-tenancy) and its cookie marked secure when Dashboards is served over https.
    /// The server user and the cookie key are the environment's (the chart's <c>opensearchAccount</c> Secret sets
    /// <c>OPENSEARCH_USERNAME</c>, <c>OPENSEARCH_PASSWORD</c> and <c>COOKIE_PASS</c>), which the file names with
    /// Dashboards' <c>${VARIABLE}</c> substitution: nothing secret is in the ConfigMap. With <paramref name="openId"/>
    /// (the login and Dashboards' public URL), the security plugin's multiple authentication: the basic login (the
    /// admin's, break-glass) and OpenID Connect through the identity provider, whose client secret is
    /// <c>${OIDC_CLIENT_SECRET}</c> and whose CA, when it is the internal one, is <see cref="OidcPath"/>/ca.crt.</summary>
    public static string DashboardsYml(string openSearchUrl, bool https, (Identity.OidcLogin Login, string PublicUrl)? openId = null)
    {
        var settings = BaseYml(openSearchUrl, https);
        if (openId is { } o)
        {
            settings["opensearch_security.auth.type"] = new[] { "basicauth", "openid" };
            settings["opensearch_security.auth.multiple_auth_enabled"] = true;
            settings["opensearch_security.openid.connect_url"] = $"{o.Login.IssuerUrl}/.well-known/openid-configuration";
            settings["opensearch_security.openid.client_id"] = o.Login.ClientId;
            settings["opensearch_security.openid.client_secret"] = "${OIDC_CLIENT_SECRET}";
            settings["opensearch_security.openid.scope"] = string.Join(' ', o.Login.Scopes);
            settings["opensearch_security.openid.base_redirect_url"] = o.PublicUrl;
            settings["opensearch_security.openid.verify_hostnames"] = true;
            if (o.Login.PrivateCa) settings["opensearch_security.openid.root_ca"] = $"{OidcPath}/ca.crt";
            settings["opensearch_security.ui.openid.login.buttonname"] = "Platform single sign-on";
            settings["opensearch_security.readonly_mode.roles"] = new[] { OpenSearchSecurityConfig.ReadOnlyRole };
        }
        return KubeadmYaml.Serialize(settings);
    }

    private static Dictionary<string, object?> BaseYml(string openSearchUrl, bool https) => KubeadmYaml.Map(
        ("server.host", "0.0.0.0"),
        ("opensearch.hosts", new[] { openSearchUrl }),
        ("opensearch.username", "${OPENSEARCH_USERNAME}"),
        ("opensearch.password", "${OPENSEARCH_PASSWORD}"),
        ("opensearch.ssl.verificationMode", "full"),
        ("opensearch.ssl.certificateAuthorities", new[] { $"{CaPath}/ca.crt" }),
        ("opensearch.requestHeadersAllowlist", new[] { "authorization", "securitytenant" }),
        ("opensearch_security.multitenancy.enabled", false),
        ("opensearch_security.cookie.password", "${COOKIE_PASS}"),
        ("opensearch_security.cookie.secure", https));
}
