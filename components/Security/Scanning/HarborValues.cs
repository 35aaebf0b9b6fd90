using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Security.Scanning;

/// <summary>Helm values for Harbor (<see cref="Catalog.HelmCharts.Harbor"/>). Every key is one the chart of the pinned
/// version reads (checked against its values-paths by the tests and chart-check). Nothing secret is in the tree: the
/// admin password and every internal key are in <see cref="SecretName"/>, which the chart only names, and the internal
/// database's password in <see cref="DatabaseSecretName"/>, which the chart reads back (its <c>lookup</c>) when
/// <c>database.internal.password</c> is empty.</summary>
/// <remarks>Choices that are not options: exposed through an Ingress of the default IngressClass with TLS from the
/// cert-manager certificate <see cref="TlsSecretName"/> (<c>expose.tls.certSource</c> secret); the chart's internal
/// PostgreSQL and Redis, their volumes and the registry's, job logs' and Trivy cache's on the platform's StorageClass,
/// kept when the release goes (<c>persistence.resourcePolicy</c> keep); the built-in Trivy scanner with the same
/// database repositories as the Trivy operator; IPv4 only, like the cluster.</remarks>
public static class HarborValues
{
    /// <summary>The Secret of Harbor's admin password and internal keys (key names as the chart reads them:
    /// <see cref="SecretKeys"/>).</summary>
    public const string SecretName = "harbor-platform-secrets";

    /// <summary>The Secret of the internal PostgreSQL's password, named as the chart's own (<c>&lt;release&gt;-database</c>)
    /// so the chart adopts it and reads the password back from it.</summary>
    public const string DatabaseSecretName = "harbor-database";

    /// <summary>The key of <see cref="DatabaseSecretName"/> with the password.</summary>
    public const string DatabasePasswordKey = "POSTGRES_PASSWORD";

    /// <summary>The key of <see cref="SecretName"/> with the admin password.</summary>
    public const string AdminPasswordKey = "HARBOR_ADMIN_PASSWORD";

    /// <summary>The Secret of Harbor's OIDC client secret (<see cref="OidcClientSecretKey"/>) and, with the internal CA,
    /// the CA bundle (<c>ca.crt</c>) the chart adds to the trust store of core and the other components
    /// (<c>caBundleSecretName</c>), so Harbor verifies the identity provider.</summary>
    public const string OidcSecretName = "harbor-oidc";

    /// <summary>The key of the client secret in <see cref="OidcSecretName"/>.</summary>
    public const string OidcClientSecretKey = "OIDC_CLIENT_SECRET";

    /// <summary>The TLS Secret of Harbor's Ingress, written by cert-manager.</summary>
    public const string TlsSecretName = "harbor-tls";

    /// <summary>The admin user.</summary>
    public const string AdminUser = "admin";

    /// <summary>The internal registry's user (the chart's default <c>registry.credentials.username</c>).</summary>
    public const string RegistryUser = "harbor_registry_user";

    /// <summary>The port core and the portal serve HTTP on (without internal TLS), behind their Services' port 80.</summary>
    public const int HttpPort = 8080;

    /// <summary>The port the components serve metrics on.</summary>
    public const int MetricsPort = 8001;

    /// <summary>The in-cluster URL of Harbor's API (core's Service), for the setup Job.</summary>
    public const string CoreUrl = "http://harbor-core";

    /// <summary>The keys of <see cref="SecretName"/> and how many random characters each holds (the chart's rules:
    /// secretKey exactly 16, CSRF_KEY exactly 32); REGISTRY_HTPASSWD is the bcrypt line of REGISTRY_PASSWD.</summary>
    public static IReadOnlyDictionary<string, int> SecretKeys { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["secretKey"] = 16,
        ["secret"] = 16,
        ["CSRF_KEY"] = 32,
        ["JOBSERVICE_SECRET"] = 16,
        ["REGISTRY_HTTP_SECRET"] = 16,
        ["REGISTRY_PASSWD"] = 32,
        [AdminPasswordKey] = 32,
    };

    /// <summary>The values. <paramref name="ingressClass"/> and <paramref name="clusterIssuer"/>: the default
    /// IngressClass and the cert-manager ClusterIssuer of Harbor's certificate; <paramref name="storageClass"/>: the
    /// platform's StorageClass; <paramref name="monitoring"/>: metrics and a ServiceMonitor; <paramref name="issuerCaBundle"/>:
    /// the identity provider's CA is the internal one, which Harbor then trusts from <see cref="OidcSecretName"/>.</summary>
    public static IReadOnlyDictionary<string, object> Render(ImageScanningOptions options, string ingressClass, string clusterIssuer, string storageClass, bool monitoring,
        bool issuerCaBundle = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(ingressClass);
        ArgumentException.ThrowIfNullOrEmpty(clusterIssuer);
        ArgumentException.ThrowIfNullOrEmpty(storageClass);
        if (options.Registry != ImageRegistry.Harbor || options.Harbor is not { } harbor)
            throw new ArgumentException("Harbor's values need registry harbor and its options.", nameof(options));
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException($"Image scanning: {string.Join(" ", problems)}", nameof(options));
        Dictionary<string, object> Claim(string size) => Map(("storageClass", storageClass), ("accessMode", "ReadWriteOnce"), ("size", size));
        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["expose"] = Map(
                ("type", "ingress"),
                ("tls", Map(("enabled", true), ("certSource", "secret"), ("secret", Map(("secretName", TlsSecretName))))),
                ("ingress", Map(
                    ("hosts", Map(("core", harbor.Host))),
                    ("className", ingressClass),
                    ("annotations", Map(("cert-manager.io/cluster-issuer", clusterIssuer)))))),
            ["externalURL"] = $"https://{harbor.Host}",
            ["ipFamily"] = Map(("ipv6", Map(("enabled", false))), ("ipv4", Map(("enabled", true)))),
            ["persistence"] = Map(
                ("enabled", true),
                ("resourcePolicy", "keep"),
                ("persistentVolumeClaim", Map(
                    ("registry", Claim(harbor.StorageSize)),
                    ("jobservice", Map(("jobLog", Claim("1Gi")))),
                    ("database", Claim("5Gi")),
                    ("redis", Claim("1Gi")),
                    ("trivy", Claim("5Gi"))))),
            ["existingSecretAdminPassword"] = SecretName,
            ["existingSecretAdminPasswordKey"] = AdminPasswordKey,
            ["existingSecretSecretKey"] = SecretName,
            ["core"] = Map(
                ("existingSecret", SecretName),
                ("existingXsrfSecret", SecretName),
                ("existingXsrfSecretKey", "CSRF_KEY")),
            ["jobservice"] = Map(
                ("existingSecret", SecretName),
                ("existingSecretKey", "JOBSERVICE_SECRET")),
            ["registry"] = Map(
                ("existingSecret", SecretName),
                ("existingSecretKey", "REGISTRY_HTTP_SECRET"),
                ("credentials", Map(("username", RegistryUser), ("existingSecret", SecretName)))),
            ["database"] = Map(("type", "internal"), ("internal", Map(("password", "")))),
            ["redis"] = Map(("type", "internal")),
            ["trivy"] = Map(
                ("enabled", true),
                ("dbRepository", new object[] { options.DbRepository }),
                ("javaDBRepository", new object[] { options.JavaDbRepository })),
            ["metrics"] = Map(("enabled", true), ("serviceMonitor", Map(("enabled", monitoring)))),
        };
        if (issuerCaBundle) values["caBundleSecretName"] = OidcSecretName;
        return values;
    }

    /// <summary>Harbor's URL.</summary>
    public static string Url(HarborOptions harbor)
    {
        ArgumentNullException.ThrowIfNull(harbor);
        return $"https://{harbor.Host}";
    }
}
