using Platform.Components.Identity;
using Platform.Stacks.Configuration;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;

namespace Platform.Tests.Identity;

/// <summary>platform:authentication is read strictly, and what cannot work stops the run before any resource is
/// registered, naming the key and the fix: no configuration while the capability is on, Keycloak, a connector without
/// its secret, an issuer that is not https, a prefix that collides with system:, a role Platform does not bind, a secret
/// in plain configuration, a literal '$', no ingress or certificates.</summary>
public class AuthenticationConfigTests
{
    private static async Task<string> FailsBeforeAnyResource(Dictionary<string, string> config)
    {
        var mocks = new PlatformMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));
        Assert.Empty(mocks.Registrations);
        return error.Message;
    }

    private static string Problem(string authentication)
    {
        var error = ValidConfig.Problems(v => v["authentication"] = authentication);
        return Assert.Single(error.Problems).ToString();
    }

    [Fact]
    public void A_valid_configuration_reads_into_options_with_the_defaults()
    {
        var settings = ValidConfig.Load(v => v["authentication"] = AuthenticationConfig.Authentication());
        var options = Assert.IsType<AuthenticationOptions>(settings.Authentication);
        Assert.Equal(("https://" + AuthenticationConfig.Host, "email", "oidc:", "groups", "oidc:"),
            (options.IssuerUrl, options.UsernameClaim, options.UsernamePrefix, options.GroupsClaim, options.GroupsPrefix));
        var connector = Assert.Single(options.Connectors);
        Assert.Equal(("corp-ldap", DexConnectorType.Ldap, "Corporate directory"), (connector.Id, connector.Type, connector.DisplayName));
        Assert.Equal("ldap.example.com:636", connector.Settings["host"]);
        Assert.Equal(["platform-admins"], options.GroupsWith(GroupRole.ClusterAdmin));
        Assert.Equal(["developers"], options.GroupsWith(GroupRole.Edit));
        Assert.Equal(["auditors"], options.GroupsWith(GroupRole.View));
        Assert.Null(ValidConfig.Load(_ => { }).Authentication);
    }

    [Fact]
    public void Claim_mappings_and_replicas_are_read()
    {
        var options = ValidConfig.Load(v => v["authentication"] = AuthenticationConfig.Authentication(extra:
            """, "claims": {"username": {"claim": "preferred_username", "prefix": "corp:"}, "groups": {"prefix": "corp-groups:"}}, "replicas": 3""")).Authentication!;
        Assert.Equal(("preferred_username", "corp:", "corp-groups:", 3), (options.UsernameClaim, options.UsernamePrefix, options.GroupsPrefix, options.Replicas));
    }

    [Fact]
    public async Task Authentication_on_without_its_configuration_names_the_key_and_how_to_switch_it_off()
    {
        var config = ValidConfig.Values();
        config["capabilities"] = """{"certificates": true, "authentication": true}""";
        config["certificates"] = """{"letsEncrypt": false}""";
        var message = await FailsBeforeAnyResource(config);
        Assert.Contains("platform:authentication: is required: the authentication capability is mandatory in every tier", message, StringComparison.Ordinal);
        Assert.Contains("pulumi config set --path 'platform:capabilities.authentication' false", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connector_without_its_secret_stops_the_run()
    {
        var message = await FailsBeforeAnyResource(AuthenticationConfig.Values(v => v.Remove("authenticationSecrets")));
        Assert.Contains("platform:authenticationSecrets: is required for the connectors corp-ldap (bindPW)", message, StringComparison.Ordinal);
        Assert.Contains("""pulumi config set --secret platform:authenticationSecrets '{"corp-ldap": "..."}'""", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saml_connector_needs_no_secret()
    {
        var saml = """[{"id": "sso", "type": "saml", "config": {"ssoURL": "https://sso.example.com/saml", "caData": "Q0E=", "usernameAttr": "name", "emailAttr": "email"}}]""";
        var run = await StackRunner.RunAsync(AuthenticationConfig.Values(v =>
        {
            v["authentication"] = AuthenticationConfig.Authentication(saml);
            v.Remove("authenticationSecrets");
        }));
        Assert.Single(run.All<AuthenticationLayer>());
    }

    [Fact]
    public async Task Without_the_certificates_or_ingress_capability_dex_cannot_be_https()
    {
        var noCertificates = await FailsBeforeAnyResource(AuthenticationConfig.Values(v => v["capabilities"] = """{"authentication": true}"""));
        Assert.Contains("platform:authentication.host: Dex's issuer must be https", noCertificates, StringComparison.Ordinal);
        var noIngress = await FailsBeforeAnyResource(AuthenticationConfig.Values(v => v["capabilities"] = """{"certificates": true, "ingress": false}"""));
        Assert.Contains("platform:authentication.host: Dex's issuer is served on the default IngressClass, but the ingress capability is off.", noIngress, StringComparison.Ordinal);
    }

    [Fact]
    public void An_upstream_issuer_that_is_not_https_is_refused()
    {
        var oidc = """[{"id": "corp", "type": "oidc", "config": {"issuer": "http://idp.example.com", "clientID": "dex"}}]""";
        Assert.Equal("platform:authentication.connectors[0]: issuer 'http://idp.example.com' must be an https URL (Dex fetches the provider's keys from it).",
            Problem(AuthenticationConfig.Authentication(oidc)));
    }

    [Fact]
    public void A_host_given_as_a_url_is_refused()
    {
        Assert.StartsWith("platform:authentication.host: host 'https://dex.example.com' is not a DNS name",
            Problem(AuthenticationConfig.Authentication().Replace(AuthenticationConfig.Host, "https://dex.example.com", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("groups", "system:")]
    [InlineData("groups", "system:oidc:")]
    [InlineData("groups", "")]
    [InlineData("username", "sys")]
    public void A_prefix_that_collides_with_system_names_is_refused(string claim, string prefix)
    {
        var problem = Problem(AuthenticationConfig.Authentication(extra: $$$""", "claims": {"{{{claim}}}": {"prefix": "{{{prefix}}}"}}"""));
        Assert.StartsWith($"platform:authentication.claims.{claim}.prefix: claims.{claim}.prefix '{prefix}' collides with Kubernetes' system: names", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_mapped_to_an_unknown_role_is_refused()
    {
        var problem = Problem(AuthenticationConfig.Authentication().Replace("\"view\"", "\"admin\"", StringComparison.Ordinal));
        Assert.Equal("platform:authentication.rbac.auditors: \"admin\" is not a role the platform binds groups to. Use cluster-admin, edit or view (Kubernetes' user-facing ClusterRoles).", problem);
    }

    [Fact]
    public void Keycloak_is_refused_with_the_reason()
    {
        var problem = Problem(AuthenticationConfig.Authentication(extra: """, "provider": "keycloak" """));
        Assert.StartsWith("platform:authentication.provider: keycloak is not available in this version of Platform: there is no Keycloak operator or chart", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_in_plain_configuration_is_refused()
    {
        var problem = Problem(AuthenticationConfig.Authentication().Replace("\"bindDN\"", "\"bindPW\": \"hunter2\", \"bindDN\"", StringComparison.Ordinal));
        Assert.Equal("platform:authentication.connectors[0]: bindPW is the connector's secret: put it in platform:authenticationSecrets under \"corp-ldap\", never in plain configuration.", problem);
    }

    [Fact]
    public void A_dollar_sign_dex_would_expand_is_refused()
    {
        var problem = Problem(AuthenticationConfig.Authentication().Replace("cn=dex,dc=example", "cn=$dex,dc=example", StringComparison.Ordinal));
        Assert.Equal("platform:authentication.connectors[0]: bindDN contains '$', which Dex would expand as an environment variable. Remove it (a secret goes in platform:authenticationSecrets).", problem);
    }

    [Theory]
    [InlineData("""[{"id": "x", "type": "kerberos"}]""", "platform:authentication.connectors[0].type: 'kerberos' is not a connector type. Use one of ldap, oidc, saml, github, gitlab.")]
    [InlineData("""[{"id": "Corp_LDAP", "type": "github", "config": {"clientID": "a"}}]""", "platform:authentication.connectors[0]: id 'Corp_LDAP' must be 1 to 40 lowercase letters, digits or '-', starting with a letter (e.g. corp-ldap).")]
    [InlineData("""[{"id": "gh", "type": "github"}]""", "platform:authentication.connectors[0]: the github connector needs clientID.")]
    [InlineData("""[]""", "platform:authentication.connectors: connectors is empty: Dex needs at least one upstream identity provider, e.g. [{\"id\": \"corp-ldap\", \"type\": \"ldap\", ...}].")]
    [InlineData("""[{"id": "gh", "type": "github", "config": {"clientID": "a", "redirectURI": "https://x/callback"}}]""", "platform:authentication.connectors[0]: redirectURI is always https://<authentication.host>/callback, set by the platform.")]
    public void Connector_mistakes_name_their_path(string connectors, string expected) =>
        Assert.Equal(expected, Problem(AuthenticationConfig.Authentication(connectors)));

    [Fact]
    public void Unknown_fields_and_repeated_ids_are_refused()
    {
        Assert.StartsWith("platform:authentication.hosts: unknown field 'hosts'", Problem(AuthenticationConfig.Authentication(extra: """, "hosts": "x" """)), StringComparison.Ordinal);
        var twice = AuthenticationConfig.Authentication($"[{AuthenticationConfig.Ldap}, {AuthenticationConfig.Ldap}]");
        Assert.Equal("platform:authentication.connectors: connectors: the id 'corp-ldap' appears more than once. Give every connector its own id.", Problem(twice));
    }

    [Fact]
    public void A_username_claim_dex_does_not_issue_is_refused()
    {
        Assert.StartsWith("platform:authentication.claims.username.claim: claims.username.claim 'upn' is not a claim of Dex's ID tokens.",
            Problem(AuthenticationConfig.Authentication(extra: """, "claims": {"username": {"claim": "upn"}}""")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_without_an_entry_for_a_connector_stop_the_update_without_quoting_them()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StackRunner.RunAsync(AuthenticationConfig.Values(v =>
            v["authenticationSecrets"] = """{"other": "not-this-one"}""")));
        var message = error.ToString();
        Assert.Contains("platform:authenticationSecrets has no secret for the connectors corp-ldap (bindPW). Add each under its connector id.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-this-one", message, StringComparison.Ordinal);
    }
}
