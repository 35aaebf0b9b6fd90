using Platform.Components.Identity;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.UserInterface;

/// <summary>Helm values for Headlamp (<see cref="Catalog.HelmCharts.Headlamp"/>), checked against the chart's
/// values.schema.json and the paths it reads. Headlamp runs in-cluster and proxies every request to the API server with
/// the user's own credentials: its service account is bound to nothing (<c>clusterRoleBinding.create: false</c>; the
/// chart's default binds it to cluster-admin), so a user sees exactly what their RBAC allows. With a login, Headlamp's
/// OpenID Connect settings come from <c>HEADLAMP_CONFIG_OIDC_*</c> variables (Headlamp reads its configuration from the
/// environment with that prefix, backend/pkg/config/config.go), the client secret from <see cref="OidcSecret"/>; the
/// chart's own <c>config.oidc</c> stays empty (it would put the secret in the values and on the command line).
/// Without one, Headlamp asks each user for a bearer token. Pod Security <c>restricted</c>, read-only root filesystem
/// (the chart adds a writable <c>/tmp</c>).</summary>
public static class HeadlampValues
{
    /// <summary>Headlamp's Service and Deployment (the chart's full name for the release <c>headlamp</c>).</summary>
    public const string ServiceName = "headlamp";

    /// <summary>Where Headlamp's container serves HTTP.</summary>
    public const int Port = 4466;

    /// <summary>The Secret with the OIDC client secret (<see cref="OidcSecretKey"/>) and, with the internal CA, its
    /// certificate (<see cref="OidcCaKey"/>).</summary>
    public const string OidcSecret = "headlamp-oidc";

    /// <summary>The key of the client secret in <see cref="OidcSecret"/>.</summary>
    public const string OidcSecretKey = "client-secret";

    /// <summary>The key of the identity provider's CA certificate in <see cref="OidcSecret"/>.</summary>
    public const string OidcCaKey = "ca.crt";

    /// <summary>Where <see cref="OidcSecret"/> is mounted.</summary>
    public const string OidcMountPath = "/etc/headlamp/oidc";

    /// <summary>The Secret cert-manager writes Headlamp's certificate to.</summary>
    public const string TlsSecret = "headlamp-tls";

    /// <summary>Headlamp's user and group (the image's, the chart's defaults).</summary>
    public const int User = 100;

    /// <summary>Headlamp's group.</summary>
    public const int Group = 101;

    /// <summary>Headlamp's URL: https with a cluster issuer, http without.</summary>
    public static string Url(string host, string? clusterIssuer) => $"{(clusterIssuer is null ? "http" : "https")}://{host}";

    /// <summary>The values for <paramref name="options"/> (with the replicas decided) on <paramref name="ingressClass"/>
    /// under <see cref="UserInterfaceOptions.Host"/> with a certificate from <paramref name="clusterIssuer"/> (when set),
    /// signing users in with <paramref name="login"/> (which needs https) or, without, asking for their tokens. Without
    /// an IngressClass, no Ingress: Headlamp is reached with <c>kubectl port-forward</c>.</summary>
    /// <exception cref="ArgumentException">The options are not valid, have no host (with an IngressClass) or replicas, or
    /// a login is given for plain HTTP.</exception>
    public static IReadOnlyDictionary<string, object> Render(UserInterfaceOptions options, string? ingressClass, string? clusterIssuer, OidcLogin? login)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate().ToList();
        if (options.Host is null && ingressClass is not null) problems.Add("host is required.");
        if (options.Replicas is null) problems.Add("replicas must be decided.");
        if (login is not null && (clusterIssuer is null || ingressClass is null)) problems.Add("single sign-on needs Headlamp served over https (an IngressClass and a ClusterIssuer).");
        if (problems.Count > 0)
            throw new ArgumentException($"User interface: {string.Join(" ", problems)}", nameof(options));
        var host = options.Host;
        var replicas = options.Replicas!.Value;

        var ingress = new Dictionary<string, object>(StringComparer.Ordinal) { ["enabled"] = ingressClass is not null };
        if (ingressClass is not null)
        {
            ingress["ingressClassName"] = ingressClass;
            ingress["hosts"] = new object[] { Map(("host", host!), ("paths", new object[] { Map(("path", "/"), ("type", "Prefix")) })) };
        }
        if (ingressClass is not null && clusterIssuer is { } issuer)
        {
            ingress["annotations"] = Map(("cert-manager.io/cluster-issuer", issuer));
            ingress["tls"] = new object[] { Map(("secretName", TlsSecret), ("hosts", new object[] { host! })) };
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["replicaCount"] = replicas,
            ["config"] = Map(
                ("inCluster", true),
                ("sessionTTL", options.SessionTtlSeconds),
                ("staticPlugins", Map(("enabled", options.Plugins))),
                // Never the service account's own token for users: each brings theirs (the login's, or one pasted).
                ("unsafeUseServiceAccountToken", false),
                ("oidc", Map(("secret", Map(("create", false))), ("externalSecret", Map(("enabled", false)))))),
            // The in-cluster configuration reads the token file, but the account is bound to nothing.
            ["automountServiceAccountToken"] = true,
            ["serviceAccount"] = Map(("create", true)),
            ["clusterRoleBinding"] = Map(("create", false)),
            ["podSecurityContext"] = Map(
                ("runAsNonRoot", true), ("runAsUser", User), ("runAsGroup", Group), ("fsGroup", Group),
                ("seccompProfile", Map(("type", "RuntimeDefault")))),
            ["securityContext"] = Map(
                ("runAsNonRoot", true), ("runAsUser", User), ("runAsGroup", Group), ("privileged", false),
                ("allowPrivilegeEscalation", false), ("readOnlyRootFilesystem", true),
                ("capabilities", Map(("drop", new object[] { "ALL" }))),
                ("seccompProfile", Map(("type", "RuntimeDefault")))),
            ["resources"] = Map(("requests", Map(("cpu", "50m"), ("memory", "128Mi"))), ("limits", Map(("memory", "512Mi")))),
            ["ingress"] = ingress,
            // One replica may go at a time (a drain); with one replica a budget would hold every drain.
            ["podDisruptionBudget"] = replicas > 1 ? Map(("enabled", true), ("minAvailable", 1)) : Map(("enabled", false)),
        };
        if (login is not null)
        {
            values["env"] = Environment(login, Url(host!, clusterIssuer));
            values["volumes"] = new object[] { Map(("name", "oidc"), ("secret", Map(("secretName", OidcSecret), ("defaultMode", 292)))) };
            values["volumeMounts"] = new object[] { Map(("name", "oidc"), ("mountPath", OidcMountPath), ("readOnly", true)) };
        }
        return values;
    }

    /// <summary>Headlamp's OpenID Connect settings as its environment (<c>HEADLAMP_CONFIG_</c> and the flag's name in
    /// capitals, dashes as underscores), by variable, the client secret excepted (a <c>secretKeyRef</c>).</summary>
    public static IReadOnlyDictionary<string, string> OidcSettings(OidcLogin login, string publicUrl)
    {
        ArgumentNullException.ThrowIfNull(login);
        ArgumentException.ThrowIfNullOrEmpty(publicUrl);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HEADLAMP_CONFIG_OIDC_CLIENT_ID"] = login.ClientId,
            ["HEADLAMP_CONFIG_OIDC_IDP_ISSUER_URL"] = login.IssuerUrl,
            ["HEADLAMP_CONFIG_OIDC_SCOPES"] = string.Join(',', login.Scopes.Where(s => s != "openid")),
            ["HEADLAMP_CONFIG_OIDC_CALLBACK_URL"] = publicUrl + OidcClients.CallbackPaths[OidcClients.Headlamp],
            ["HEADLAMP_CONFIG_OIDC_USE_PKCE"] = "true",
        };
        if (login.PrivateCa) settings["HEADLAMP_CONFIG_OIDC_CA_FILE"] = $"{OidcMountPath}/{OidcCaKey}";
        return settings;
    }

    private static object[] Environment(OidcLogin login, string publicUrl) =>
    [
        .. OidcSettings(login, publicUrl).Select(kv => (object)Map(("name", kv.Key), ("value", kv.Value))),
        Map(("name", "HEADLAMP_CONFIG_OIDC_CLIENT_SECRET"), ("valueFrom", Map(("secretKeyRef", Map(("name", OidcSecret), ("key", OidcSecretKey)))))),
    ];

    /// <summary>The redirect URI Headlamp's client is registered with at the identity provider:
    /// <c>https://&lt;host&gt;/oidc-callback</c>.</summary>
    public static string RedirectUri(string host)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        return $"https://{host}{OidcClients.CallbackPaths[OidcClients.Headlamp]}";
    }
}
