using System.Text.Json.Serialization;
using Platform.Components.Catalog;
using Platform.Components.Identity;
using Platform.Components.Observability;
using Platform.Components.Observability.Logging;
using Platform.Stacks.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Validation;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;

namespace Platform.Tests.Observability.Logging;

/// <summary>OpenSearch's and Dashboards' single sign-on: the security plugin's OpenID Connect auth domain decoded
/// strictly as the plugin reads it, the groups as backend roles, Dashboards' multiple authentication with the client
/// secret by substitution from a Secret, and the layer's Secrets and traffic.</summary>
public class OpenSearchSingleSignOnTests
{
    private sealed record Idp(
        [property: JsonPropertyName("enable_ssl")] bool EnableSsl,
        [property: JsonPropertyName("verify_hostnames")] bool VerifyHostnames,
        [property: JsonPropertyName("pemtrustedcas_content")] string? PemTrustedCasContent = null);

    private sealed record OpenIdConfig(
        [property: JsonPropertyName("subject_key")] string SubjectKey,
        [property: JsonPropertyName("roles_key")] string RolesKey,
        [property: JsonPropertyName("openid_connect_url")] string OpenIdConnectUrl,
        [property: JsonPropertyName("openid_connect_idp")] Idp OpenIdConnectIdp);

    private sealed record Authenticator(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("challenge")] bool Challenge,
        [property: JsonPropertyName("config")] OpenIdConfig? Config = null);

    private sealed record Backend([property: JsonPropertyName("type")] string Type);

    private sealed record AuthDomain(
        [property: JsonPropertyName("description")] string Description,
        [property: JsonPropertyName("http_enabled")] bool HttpEnabled,
        [property: JsonPropertyName("transport_enabled")] bool TransportEnabled,
        [property: JsonPropertyName("order")] int Order,
        [property: JsonPropertyName("http_authenticator")] Authenticator HttpAuthenticator,
        [property: JsonPropertyName("authentication_backend")] Backend AuthenticationBackend);

    private sealed record Mapping(
        [property: JsonPropertyName("reserved")] bool Reserved,
        [property: JsonPropertyName("users")] string[]? Users = null,
        [property: JsonPropertyName("backend_roles")] string[]? BackendRoles = null);

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static Dictionary<string, AuthDomain> Domains(string configYml)
    {
        var config = KubeYaml.Single(configYml)!;
        return config["config"]!["dynamic"]!["authc"]!.AsObject().ToDictionary(kv => kv.Key, kv => StrictJson.Decode<AuthDomain>(kv.Value));
    }

    [Fact]
    public void The_openid_domain_follows_the_basic_one_and_reads_dexs_tokens_verified_against_the_internal_ca()
    {
        var files = OpenSearchSecurityConfig.Render(OpenSearchSecurityConfigTests.Hashes(), FakeIdentity.Login(OidcClients.OpenSearchDashboards), FakeIdentity.CaPem);
        var domains = Domains(files["config.yml"]);

        Assert.Equal(["basic_internal_auth_domain", "openid_auth_domain"], domains.Keys);
        var basic = domains["basic_internal_auth_domain"];
        Assert.Equal((0, "basic", false, "intern"), (basic.Order, basic.HttpAuthenticator.Type, basic.HttpAuthenticator.Challenge, basic.AuthenticationBackend.Type));
        var openid = domains["openid_auth_domain"];
        Assert.Equal((1, "openid", false, "noop"), (openid.Order, openid.HttpAuthenticator.Type, openid.HttpAuthenticator.Challenge, openid.AuthenticationBackend.Type));
        Assert.Equal(new OpenIdConfig("email", "groups", "https://dex.example.com/.well-known/openid-configuration", new Idp(true, true, FakeIdentity.CaPem)),
            openid.HttpAuthenticator.Config);

        // A publicly trusted issuer: the JVM's trust store, no CA inline.
        var publicCa = Domains(OpenSearchSecurityConfig.Render(OpenSearchSecurityConfigTests.Hashes(), FakeIdentity.Login(OidcClients.OpenSearchDashboards, privateCa: false))["config.yml"]);
        Assert.Null(publicCa["openid_auth_domain"].HttpAuthenticator.Config!.OpenIdConnectIdp.PemTrustedCasContent);
        // Without a login, basic authentication alone, challenging.
        var alone = Domains(OpenSearchSecurityConfig.Render(OpenSearchSecurityConfigTests.Hashes())["config.yml"]);
        Assert.True(Assert.Single(alone).Value.HttpAuthenticator.Challenge);
    }

    [Fact]
    public void The_groups_become_backend_roles_of_the_admin_reader_and_read_only_roles()
    {
        var files = OpenSearchSecurityConfig.Render(OpenSearchSecurityConfigTests.Hashes(), FakeIdentity.Login(OidcClients.OpenSearchDashboards), FakeIdentity.CaPem);
        var mapping = KubeYaml.Single(files["roles_mapping.yml"])!.AsObject().Where(kv => kv.Key != "_meta")
            .ToDictionary(kv => kv.Key, kv => StrictJson.Decode<Mapping>(kv.Value));

        Assert.Equal(["admin", "platform-admins"], mapping["all_access"].BackendRoles!);
        Assert.Equal(["admin"], mapping["all_access"].Users!);
        Assert.Equal(["platform-admins"], mapping["security_rest_api_access"].BackendRoles!);
        Assert.Equal(["developers", "auditors", "support"], mapping["kibana_user"].BackendRoles!);
        Assert.Equal(["developers", "auditors", "support"], mapping["readall"].BackendRoles!);
        Assert.Equal(["auditors", "support"], mapping[OpenSearchSecurityConfig.ReadOnlyRole].BackendRoles!);
        Assert.NotNull(KubeYaml.Single(files["roles.yml"])![OpenSearchSecurityConfig.ReadOnlyRole]);
        // The platform's own clients keep exactly their users.
        Assert.Equal(["grafana"], mapping["platform_grafana"].Users!);

        var error = Assert.Throws<ArgumentException>(() => OpenSearchSecurityConfig.Render(OpenSearchSecurityConfigTests.Hashes(), FakeIdentity.Login(OidcClients.OpenSearchDashboards)));
        Assert.Contains("internal CA", error.Message, StringComparison.Ordinal);
    }

    private static LoggingOptions Options() => LoggingTierSizing.For(PlatformTier.Medium) with { Ephemeral = true, DashboardsHost = "logs.example.com" };

    [Fact]
    public void Dashboards_offers_the_basic_and_the_openid_login_with_the_secret_by_substitution()
    {
        var values = OpenSearchDashboardsValues.Render(Options(), "https://opensearch-cluster-master.logging.svc:9200", "contour", "internal-ca",
            FakeIdentity.Login(OidcClients.OpenSearchDashboards));
        var yml = KubeYaml.Single((string)Map(values["config"])["opensearch_dashboards.yml"])!.AsObject();

        Assert.Equal(["basicauth", "openid"], yml["opensearch_security.auth.type"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(yml["opensearch_security.auth.multiple_auth_enabled"]!.GetValue<bool>());
        Assert.Equal("https://dex.example.com/.well-known/openid-configuration", yml["opensearch_security.openid.connect_url"]!.GetValue<string>());
        Assert.Equal("opensearch-dashboards", yml["opensearch_security.openid.client_id"]!.GetValue<string>());
        Assert.Equal("${OIDC_CLIENT_SECRET}", yml["opensearch_security.openid.client_secret"]!.GetValue<string>());
        Assert.Equal("https://logs.example.com", yml["opensearch_security.openid.base_redirect_url"]!.GetValue<string>());
        Assert.Equal("/usr/share/opensearch-dashboards/oidc/ca.crt", yml["opensearch_security.openid.root_ca"]!.GetValue<string>());
        Assert.Equal([OpenSearchSecurityConfig.ReadOnlyRole], yml["opensearch_security.readonly_mode.roles"]!.AsArray().Select(n => n!.GetValue<string>()));
        var env = Map(Assert.Single((IEnumerable<object>)values["extraEnvs"]));
        Assert.Equal("OIDC_CLIENT_SECRET", env["name"]);
        Assert.Equal(OpenSearchDashboardsValues.OidcSecret, ValuesTree.At(Map(env["valueFrom"]), "secretKeyRef.name"));
        Assert.Equal([OpenSearchDashboardsValues.CaSecret, OpenSearchDashboardsValues.OidcSecret],
            ((IEnumerable<object>)values["secretMounts"]).Select(m => (string)Map(m)["secretName"]));
        Assert.Empty(ChartPaths.Unread(HelmCharts.OpenSearchDashboards, values));

        // Over plain HTTP there is no login through the identity provider.
        Assert.Throws<ArgumentException>(() => OpenSearchDashboardsValues.Render(Options(), "https://x.logging.svc:9200", "contour", null,
            FakeIdentity.Login(OidcClients.OpenSearchDashboards)));
    }

    private static LoggingLayerArgs Args(Resource dex) => new()
    {
        Options = Options(),
        Ingress = ("contour", "projectcontour"),
        ClusterIssuer = "internal-ca",
        Identity = FakeIdentity.Create(dex),
        IssuerRoute = FakeIdentity.Route,
    };

    [Fact]
    public async Task The_layer_keeps_the_client_secret_secret_and_lets_the_namespace_reach_the_issuer()
    {
        var run = await ComponentRun.RunAsync(() => new Pulumi.Kubernetes.Core.V1.Namespace("dex"), (dex, options) => _ = new LoggingLayer("logging", Args(dex), options));

        var secret = (SecretArgs)run.Args["logging-dashboards-oidc"];
        Assert.True(await Outputs.IsSecretAsync(secret.StringData.ToOutput()));
        var data = await Outputs.SecretValueAsync(secret.StringData.ToOutput());
        Assert.Equal((FakeIdentity.Secret(OidcClients.OpenSearchDashboards), FakeIdentity.CaPem), (data["client-secret"], data["ca.crt"]));
        Assert.Contains("logging-dashboards-oidc", run.DependsOn["logging-opensearch-dashboards"]);
        Assert.DoesNotContain(FakeIdentity.Secret(OidcClients.OpenSearchDashboards),
            System.Text.Json.JsonSerializer.Serialize(run.Registration("kubernetes:helm.sh/v3:Release", "logging-opensearch-dashboards").Inputs), StringComparison.Ordinal);
        Assert.Contains(run.Of("kubernetes:networking.k8s.io/v1:NetworkPolicy"), p => (string)Map(p.Inputs["metadata"])["name"] == "allow-identity-provider");

        // The security configuration the nodes load carries the OpenID domain with the internal CA.
        var mocks = new PlatformMocks();
        await Deployment.TestAsync(mocks.Mock.Object, new Pulumi.Testing.TestOptions { IsPreview = false, ProjectName = "platform", StackName = "test" },
            () => { _ = new LoggingLayer("logging", Args(new Pulumi.Kubernetes.Core.V1.Namespace("dex"))); });
        var security = Assert.Single(mocks.Registrations, r => r.Type == "kubernetes:core/v1:Secret" && r.Name == "logging-security-config");
        var openid = Domains((string)Map(security.Inputs["stringData"])["config.yml"])["openid_auth_domain"];
        Assert.Equal(FakeIdentity.CaPem, openid.HttpAuthenticator.Config!.OpenIdConnectIdp.PemTrustedCasContent);
    }
}
