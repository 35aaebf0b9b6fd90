using Platform.Components.Catalog;
using Platform.Components.Identity;
using Platform.Components.UserInterface;
using Platform.Tests.Harness;

namespace Platform.Tests.UserInterface;

/// <summary>Headlamp's values: valid against the pinned chart's values.schema.json and read by its templates; its
/// service account bound to nothing; its OpenID Connect settings as Headlamp reads them from its environment, the client
/// secret from a Secret only.</summary>
public class HeadlampValuesTests
{
    private static readonly UserInterfaceOptions Options = new() { Host = "headlamp.example.com", Replicas = 2 };

    // Headlamp 0.45.0's configuration keys for OpenID Connect (koanf tags of backend/pkg/config/config.go), which it also
    // reads from HEADLAMP_CONFIG_<KEY> with dashes as underscores.
    private static readonly HashSet<string> OidcKeys =
    [
        "oidc-client-id", "oidc-validator-client-id", "oidc-client-secret", "oidc-idp-issuer-url", "oidc-callback-url",
        "oidc-validator-idp-issuer-url", "oidc-scopes", "oidc-use-access-token", "oidc-use-cookie", "oidc-skip-tls-verify",
        "oidc-ca-file", "oidc-use-pkce",
    ];

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static Dictionary<string, IReadOnlyDictionary<string, object>> Env(IReadOnlyDictionary<string, object> values) =>
        ((IEnumerable<object>)values["env"]).Select(Map).ToDictionary(e => (string)e["name"], e => e, StringComparer.Ordinal);

    [Fact]
    public void Every_value_fits_the_charts_schema_and_is_read_by_its_templates()
    {
        foreach (var values in new[]
        {
            HeadlampValues.Render(Options, "contour", "letsencrypt-production", FakeIdentity.Login(OidcClients.Headlamp)),
            HeadlampValues.Render(Options with { Replicas = 1 }, "traefik", null, null),
        })
        {
            ValuesTree.AssertRoundTrips(values);
            Assert.Empty(ChartSchema.Errors(HelmCharts.Headlamp, values));
            Assert.Empty(ChartPaths.Unread(HelmCharts.Headlamp, values));
        }
    }

    [Fact]
    public void The_service_account_is_bound_to_nothing_and_without_a_login_users_bring_their_own_tokens()
    {
        var values = HeadlampValues.Render(Options, "contour", "internal-ca", null);

        // The chart's default binds Headlamp's account to cluster-admin.
        Assert.Equal(false, ValuesTree.At(values, "clusterRoleBinding.create"));
        Assert.Equal(false, ValuesTree.At(values, "config.unsafeUseServiceAccountToken"));
        Assert.Equal(false, ValuesTree.At(values, "config.oidc.secret.create"));
        Assert.False(values.ContainsKey("env"));
        Assert.Equal(true, ValuesTree.At(values, "securityContext.readOnlyRootFilesystem"));
        Assert.Equal(["ALL"], ((IEnumerable<object>)ValuesTree.At(values, "securityContext.capabilities.drop")).Cast<string>());
        Assert.Equal("RuntimeDefault", ValuesTree.At(values, "podSecurityContext.seccompProfile.type"));
        Assert.Equal(true, ValuesTree.At(values, "config.staticPlugins.enabled"));
        Assert.Equal(true, ValuesTree.At(values, "podDisruptionBudget.enabled"));
        var tls = Map(Assert.Single((IEnumerable<object>)ValuesTree.At(values, "ingress.tls")));
        Assert.Equal((HeadlampValues.TlsSecret, "headlamp.example.com"), ((string)tls["secretName"], (string)Assert.Single((IEnumerable<object>)tls["hosts"])));
        Assert.Equal("internal-ca", Map(ValuesTree.At(values, "ingress.annotations"))["cert-manager.io/cluster-issuer"]);
    }

    [Fact]
    public void With_a_login_headlamp_reads_its_oidc_settings_from_its_environment_and_the_client_secret_from_its_secret()
    {
        var values = HeadlampValues.Render(Options, "contour", "letsencrypt-production", FakeIdentity.Login(OidcClients.Headlamp));
        var env = Env(values);

        // Every variable is one of Headlamp's own keys.
        Assert.All(env.Keys, name =>
        {
            Assert.StartsWith("HEADLAMP_CONFIG_", name, StringComparison.Ordinal);
            Assert.Contains(name["HEADLAMP_CONFIG_".Length..].ToLowerInvariant().Replace('_', '-'), OidcKeys);
        });
        string Value(string name) => (string)env[name]["value"];
        Assert.Equal("headlamp", Value("HEADLAMP_CONFIG_OIDC_CLIENT_ID"));
        Assert.Equal("https://dex.example.com", Value("HEADLAMP_CONFIG_OIDC_IDP_ISSUER_URL"));
        Assert.Equal("https://headlamp.example.com/oidc-callback", Value("HEADLAMP_CONFIG_OIDC_CALLBACK_URL"));
        // Headlamp puts openid first itself and splits the list at commas.
        Assert.Equal(["email", "profile", "groups", "offline_access"], Value("HEADLAMP_CONFIG_OIDC_SCOPES").Split(','));
        Assert.Equal("/etc/headlamp/oidc/ca.crt", Value("HEADLAMP_CONFIG_OIDC_CA_FILE"));
        var secret = Map(Map(env["HEADLAMP_CONFIG_OIDC_CLIENT_SECRET"]["valueFrom"])["secretKeyRef"]);
        Assert.Equal((HeadlampValues.OidcSecret, HeadlampValues.OidcSecretKey), ((string)secret["name"], (string)secret["key"]));
        Assert.False(env["HEADLAMP_CONFIG_OIDC_CLIENT_SECRET"].ContainsKey("value"));
        // The chart's own settings stay empty: they would put the secret in the values and on the command line.
        Assert.False(Map(ValuesTree.At(values, "config.oidc")).ContainsKey("clientSecret"));
        var mount = Map(Assert.Single((IEnumerable<object>)values["volumeMounts"]));
        Assert.Equal(("oidc", "/etc/headlamp/oidc"), ((string)mount["name"], (string)mount["mountPath"]));
        Assert.Equal(HeadlampValues.OidcSecret, ValuesTree.At(Map(Assert.Single((IEnumerable<object>)values["volumes"])), "secret.secretName"));

        // A publicly trusted issuer needs no CA file.
        var publicCa = Env(HeadlampValues.Render(Options, "contour", "letsencrypt-production", FakeIdentity.Login(OidcClients.Headlamp, privateCa: false)));
        Assert.DoesNotContain("HEADLAMP_CONFIG_OIDC_CA_FILE", publicCa.Keys);
    }

    [Fact]
    public void A_login_over_plain_http_a_missing_host_or_undecided_replicas_are_refused()
    {
        var http = Assert.Throws<ArgumentException>(() => HeadlampValues.Render(Options, "contour", null, FakeIdentity.Login(OidcClients.Headlamp)));
        Assert.Contains("https", http.Message, StringComparison.Ordinal);
        Assert.Contains("host is required", Assert.Throws<ArgumentException>(() => HeadlampValues.Render(Options with { Host = null }, "contour", null, null)).Message, StringComparison.Ordinal);
        Assert.Contains("replicas", Assert.Throws<ArgumentException>(() => HeadlampValues.Render(Options with { Replicas = null }, "contour", null, null)).Message, StringComparison.Ordinal);
        Assert.Equal(false, ValuesTree.At(HeadlampValues.Render(Options with { Replicas = 1 }, "contour", null, null), "podDisruptionBudget.enabled"));
    }

    [Fact]
    public void The_redirect_uri_is_headlamps_callback_on_its_host()
    {
        Assert.Equal("https://headlamp.example.com/oidc-callback", UserInterfaceLayer.OidcRedirectUri("headlamp.example.com"));
        Assert.Equal(OidcClients.Headlamp, UserInterfaceLayer.ApiServerAudience);
    }
}
