using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Components.Identity;
using Platform.Tests.Validation;

namespace Platform.Tests.Identity;

/// <summary>Dex's configuration, decoded strictly into Dex's own types: the kubernetes storage, one entry per connector
/// with the platform's callback and its secret as a <c>$VARIABLE</c> Dex expands, one static client per registration
/// (kubelogin public, the others naming their secret's variable), and no secret anywhere in it.</summary>
public class DexConfigurationTests
{
    private static DexConnector Ldap() => new()
    {
        Id = "corp-ldap",
        Name = "Corporate directory",
        Type = DexConnectorType.Ldap,
        Settings = new Dictionary<string, object>
        {
            ["host"] = "ldap.example.com:636",
            ["bindDN"] = "cn=dex,dc=example,dc=com",
            ["userSearch"] = new Dictionary<string, object>
            {
                ["baseDN"] = "ou=people,dc=example,dc=com", ["username"] = "uid", ["idAttr"] = "uid", ["emailAttr"] = "mail", ["nameAttr"] = "cn",
            },
            ["groupSearch"] = new Dictionary<string, object>
            {
                ["baseDN"] = "ou=groups,dc=example,dc=com", ["nameAttr"] = "cn",
                ["userMatchers"] = new object[] { new Dictionary<string, object> { ["userAttr"] = "DN", ["groupAttr"] = "member" } },
            },
        },
    };

    private static AuthenticationOptions Options(params DexConnector[] connectors) => new()
    {
        Host = "dex.example.com",
        Connectors = connectors.Length == 0 ? [Ldap()] : connectors,
    };

    private static readonly OidcClientRegistration[] Clients =
        [OidcClientRegistration.Kubernetes, OidcClientRegistration.Web(OidcClients.Grafana, "grafana.example.com"),
            OidcClientRegistration.Web(OidcClients.OpenSearchDashboards, "logs.example.com")];

    private static DexConfigDocument Decode(AuthenticationOptions options, IReadOnlyList<OidcClientRegistration> clients) =>
        StrictJson.Decode<DexConfigDocument>(JsonSerializer.SerializeToNode(DexConfiguration.Render(options, clients)));

    [Fact]
    public void The_configuration_decodes_as_dexs_own_with_kubernetes_storage_and_no_local_users()
    {
        var config = Decode(Options(), Clients);

        Assert.Equal("https://dex.example.com", config.Issuer);
        Assert.Equal(new DexStorage("kubernetes", new DexKubernetesStorage(true)), config.Storage);
        Assert.Equal(("0.0.0.0:5556", "0.0.0.0:5558"), (config.Web.Http, config.Telemetry.Http));
        Assert.False(config.EnablePasswordDb);
        Assert.Equal(["code"], config.OAuth2.ResponseTypes);
        Assert.Equal("1h", config.Expiry.IdTokens);
    }

    [Fact]
    public void Each_connector_gets_the_platforms_callback_and_its_secret_as_a_variable()
    {
        var config = Decode(Options(), Clients);

        var entry = Assert.Single(config.Connectors);
        Assert.Equal(("ldap", "corp-ldap", "Corporate directory"), (entry.Type, entry.Id, entry.Name));
        var ldap = StrictJson.Decode<DexLdapConfig>(entry.Config);
        Assert.Equal("$DEX_CONNECTOR_CORP_LDAP", ldap.BindPw);
        Assert.Equal("https://dex.example.com/callback", ldap.RedirectUri);
        Assert.Equal(("ldap.example.com:636", "uid"), (ldap.Host, ldap.UserSearch.Username));
        Assert.Equal(new DexLdapUserMatcher("DN", "member"), Assert.Single(ldap.GroupSearch!.UserMatchers));
    }

    [Fact]
    public void Every_connector_type_decodes_with_its_secret_field()
    {
        var connectors = new DexConnector[]
        {
            new() { Id = "corp", Type = DexConnectorType.Oidc, Settings = new Dictionary<string, object> { ["issuer"] = "https://idp.example.com", ["clientID"] = "dex" } },
            new() { Id = "sso", Type = DexConnectorType.Saml, Settings = new Dictionary<string, object>
                { ["ssoURL"] = "https://sso.example.com/saml", ["caData"] = "Q0E=", ["usernameAttr"] = "name", ["emailAttr"] = "email" } },
            new() { Id = "github", Type = DexConnectorType.GitHub, Settings = new Dictionary<string, object>
                { ["clientID"] = "app", ["orgs"] = new object[] { new Dictionary<string, object> { ["name"] = "example" } } } },
            new() { Id = "gitlab", Type = DexConnectorType.GitLab, Settings = new Dictionary<string, object> { ["clientID"] = "app", ["baseURL"] = "https://gitlab.example.com" } },
        };
        var config = Decode(Options(connectors), Clients);

        Assert.Equal(["oidc", "saml", "github", "gitlab"], config.Connectors.Select(c => c.Type));
        Assert.Equal("$DEX_CONNECTOR_CORP", StrictJson.Decode<DexOidcConfig>(config.Connectors[0].Config).ClientSecret);
        var saml = StrictJson.Decode<DexSamlConfig>(config.Connectors[1].Config);
        Assert.Equal("https://dex.example.com/callback", saml.RedirectUri);
        Assert.Equal("$DEX_CONNECTOR_GITHUB", StrictJson.Decode<DexGitHubConfig>(config.Connectors[2].Config).ClientSecret);
        Assert.Equal("$DEX_CONNECTOR_GITLAB", StrictJson.Decode<DexGitLabConfig>(config.Connectors[3].Config).ClientSecret);
        // Dex never calls a SAML IdP (the browser posts the assertion), so SAML needs no egress.
        Assert.Equal([443, null, 443, 443], connectors.Select(DexConnectors.EgressPort));
    }

    [Fact]
    public void Static_clients_are_kubelogins_public_one_and_each_web_consumer_with_its_secret_variable()
    {
        var config = Decode(Options(), Clients);

        Assert.Equal(
            [
                new DexStaticClient("kubernetes", "kubernetes", ["http://localhost:8000", "http://localhost:18000"], null, true),
                new DexStaticClient("grafana", "grafana", ["https://grafana.example.com/login/generic_oauth"], "DEX_CLIENT_GRAFANA_SECRET"),
                new DexStaticClient("opensearch-dashboards", "opensearch-dashboards", ["https://logs.example.com/auth/openid/login"], "DEX_CLIENT_OPENSEARCH_DASHBOARDS_SECRET"),
            ],
            config.StaticClients, new StaticClientComparer());
    }

    [Theory]
    [InlineData(DexConnectorType.Ldap, "ldap.example.com", false, 636)]
    [InlineData(DexConnectorType.Ldap, "ldap.example.com", true, 389)]
    [InlineData(DexConnectorType.Ldap, "ldap.example.com:3269", false, 3269)]
    public void Ldap_is_reached_on_its_port_or_dexs_default(DexConnectorType type, string host, bool noSsl, int port)
    {
        var connector = new DexConnector { Id = "x", Type = type, Settings = new Dictionary<string, object> { ["host"] = host, ["insecureNoSSL"] = noSsl } };
        Assert.Equal(port, DexConnectors.EgressPort(connector));
    }

    [Fact]
    public void An_oidc_issuer_or_gitlab_on_another_port_is_reached_there()
    {
        Assert.Equal(8443, DexConnectors.EgressPort(new DexConnector { Id = "x", Type = DexConnectorType.Oidc,
            Settings = new Dictionary<string, object> { ["issuer"] = "https://idp.example.com:8443/realms/corp" } }));
        Assert.Equal(443, DexConnectors.EgressPort(new DexConnector { Id = "x", Type = DexConnectorType.Oidc,
            Settings = new Dictionary<string, object> { ["issuer"] = "https://idp.example.com" } }));
    }

    [Fact]
    public void Invalid_options_or_clients_are_refused_before_rendering()
    {
        Assert.Throws<ArgumentException>(() => DexConfiguration.Render(Options() with { GroupsPrefix = "system:" }, Clients));
        Assert.Throws<ArgumentException>(() => DexConfiguration.Render(Options(), []));
        Assert.Throws<ArgumentException>(() => DexConfiguration.Render(Options(), [OidcClientRegistration.Kubernetes, OidcClientRegistration.Kubernetes]));
    }

    [Fact]
    public void The_values_round_trip_through_yaml_and_the_chart_reads_every_one()
    {
        var values = DexValues.Render(Options(), new DexInputs { Clients = Clients, IngressClass = "traefik", ClusterIssuer = "internal-ca", Replicas = 2, ServiceMonitor = true });
        Harness.ValuesTree.AssertRoundTrips(values);
        Assert.Empty(Harness.ChartPaths.Unread(Components.Catalog.HelmCharts.Dex, values));
    }

    [Fact]
    public void The_rendered_configuration_holds_no_dollar_sign_but_the_secret_variables()
    {
        var text = JsonSerializer.SerializeToNode(DexConfiguration.Render(Options(), Clients))!.ToJsonString();
        var dollars = System.Text.RegularExpressions.Regex.Matches(text, @"\$[A-Z_]+").Select(m => m.Value).ToList();
        Assert.Equal(["$DEX_CONNECTOR_CORP_LDAP"], dollars);
        Assert.Equal(1, text.Count(c => c == '$'));
    }

    private sealed class StaticClientComparer : IEqualityComparer<DexStaticClient>
    {
        public bool Equals(DexStaticClient? x, DexStaticClient? y) =>
            x is not null && y is not null && (x.Id, x.Name, x.SecretEnv, x.Public) == (y.Id, y.Name, y.SecretEnv, y.Public) && x.RedirectUris.SequenceEqual(y.RedirectUris);

        public int GetHashCode(DexStaticClient obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
