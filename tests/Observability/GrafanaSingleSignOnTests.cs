using Platform.Components.Catalog;
using Platform.Components.Identity;
using Platform.Components.Observability;
using Platform.Components.Observability.Monitoring;
using Platform.Stacks.Configuration;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;

namespace Platform.Tests.Observability;

/// <summary>Grafana's single sign-on through the identity provider: the generic OAuth settings as Grafana reads them
/// (GF_&lt;SECTION&gt;_&lt;KEY&gt; environment overrides of its ini file), the roles from the groups, the client secret and
/// the internal CA from a Secret, and Grafana's egress to the issuer.</summary>
public class GrafanaSingleSignOnTests
{
    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static MonitoringOptions Options() => new()
    {
        Prometheus = MonitoringTierSizing.Prometheus(PlatformTier.Medium),
        Alertmanager = MonitoringTierSizing.Alertmanager(PlatformTier.Medium),
        Ephemeral = true,
        GrafanaHost = "grafana.example.com",
    };

    private static KubePrometheusStackInputs Inputs(OidcLogin? login) => new()
    {
        IngressClass = "contour",
        ClusterIssuer = "internal-ca",
        SingleSignOn = login,
    };

    // Grafana's environment overrides: GF_<SECTION>_<KEY>, the section's dots as underscores (auth.generic_oauth).
    private static Dictionary<string, string> GenericOAuthIni(IReadOnlyDictionary<string, object> values)
    {
        const string prefix = "GF_AUTH_GENERIC_OAUTH_";
        return Map(ValuesTree.At(values, "grafana.env")).Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[prefix.Length..].ToLowerInvariant(), kv => (string)kv.Value, StringComparer.Ordinal);
    }

    [Fact]
    public void Grafana_signs_users_in_through_dex_with_roles_from_their_groups()
    {
        var values = KubePrometheusStackValues.Render(Options(), Inputs(FakeIdentity.Login(OidcClients.Grafana)));
        var ini = GenericOAuthIni(values);

        Assert.Equal(KubePrometheusStackValues.GenericOAuth(FakeIdentity.Login(OidcClients.Grafana)), ini);
        Assert.Equal("true", ini["enabled"]);
        Assert.Equal("grafana", ini["client_id"]);
        Assert.Equal("https://dex.example.com/auth", ini["auth_url"]);
        Assert.Equal("https://dex.example.com/token", ini["token_url"]);
        Assert.Equal("https://dex.example.com/userinfo", ini["api_url"]);
        Assert.Equal("openid email profile groups offline_access", ini["scopes"]);
        Assert.Equal("/etc/grafana/oidc/ca.crt", ini["tls_client_ca"]);
        Assert.Equal("true", ini["role_attribute_strict"]);
        Assert.Equal(
            "(contains(groups[*], 'platform-admins')) && 'GrafanaAdmin' || (contains(groups[*], 'developers')) && 'Editor' || " +
            "(contains(groups[*], 'auditors') || contains(groups[*], 'support')) && 'Viewer'",
            ini["role_attribute_path"]);
        Assert.DoesNotContain("client_secret", ini.Keys);
        // The admin login stays (break-glass): the form is not switched off.
        Assert.DoesNotContain("GF_AUTH_DISABLE_LOGIN_FORM", Map(ValuesTree.At(values, "grafana.env")).Keys);
        Assert.Equal("https://grafana.example.com/", Map(ValuesTree.At(values, "grafana.env"))["GF_SERVER_ROOT_URL"]);

        var secret = Map(ValuesTree.At(Map(ValuesTree.At(values, "grafana.envValueFrom")), "GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET.secretKeyRef"));
        Assert.Equal((KubePrometheusStackValues.GrafanaOidcSecret, KubePrometheusStackValues.GrafanaOidcSecretKey), ((string)secret["name"], (string)secret["key"]));
        var mount = Map(Assert.Single((IEnumerable<object>)ValuesTree.At(values, "grafana.extraSecretMounts")));
        Assert.Equal((KubePrometheusStackValues.GrafanaOidcSecret, KubePrometheusStackValues.GrafanaOidcMountPath, true),
            ((string)mount["secretName"], (string)mount["mountPath"], (bool)mount["readOnly"]));
        Assert.Empty(ChartPaths.Unread(HelmCharts.KubePrometheusStack, values));
    }

    [Fact]
    public void A_group_name_is_quoted_in_the_role_expression_and_without_groups_every_user_is_a_viewer()
    {
        var login = FakeIdentity.Login(OidcClients.Grafana, privateCa: false) with { AdminGroups = ["o'brien\\team"], EditGroups = [], ViewGroups = [], GroupsClaim = "roles-list" };
        var ini = KubePrometheusStackValues.GenericOAuth(login);
        Assert.Equal("(contains(\"roles-list\"[*], 'o\\'brien\\\\team')) && 'GrafanaAdmin'", ini["role_attribute_path"]);
        Assert.DoesNotContain("tls_client_ca", ini.Keys);

        var none = KubePrometheusStackValues.GenericOAuth(login with { AdminGroups = [] });
        Assert.Equal("'Viewer'", none["role_attribute_path"]);
        Assert.DoesNotContain("role_attribute_strict", none.Keys);
    }

    [Fact]
    public void Without_a_login_grafana_keeps_its_local_login_only()
    {
        var values = KubePrometheusStackValues.Render(Options(), Inputs(null));
        Assert.Empty(GenericOAuthIni(values));
        Assert.False(ValuesTree.Has(values, "grafana.envValueFrom"));
        Assert.False(ValuesTree.Has(values, "grafana.extraSecretMounts"));
        // A login for a Grafana served over plain HTTP is refused.
        Assert.Throws<ArgumentException>(() => KubePrometheusStackValues.Render(Options(), Inputs(FakeIdentity.Login(OidcClients.Grafana)) with { ClusterIssuer = null }));
    }

    private static Task<ComponentRun> Run(bool identity, IReadOnlyList<string>? clients = null) => ComponentRun.RunAsync(
        () => (Crds: new Pulumi.Kubernetes.Core.V1.Namespace("crds"), Dex: new Pulumi.Kubernetes.Core.V1.Namespace("dex")),
        (ready, opts) => _ = new MonitoringLayer("monitoring", new MonitoringLayerArgs
        {
            Options = Options(),
            Crds = ready.Crds,
            Ingress = ("contour", "projectcontour"),
            ClusterIssuer = "internal-ca",
            Identity = identity ? FakeIdentity.Create(ready.Dex, clients: clients) : null,
            IssuerRoute = identity ? FakeIdentity.Route : null,
        }, opts));

    [Fact]
    public async Task The_layer_keeps_the_client_secret_in_a_secret_and_lets_grafana_reach_the_issuer()
    {
        var run = await Run(identity: true);

        var secret = (SecretArgs)run.Args["monitoring-grafana-oidc"];
        Assert.True(await Outputs.IsSecretAsync(secret.StringData.ToOutput()));
        var data = await Outputs.SecretValueAsync(secret.StringData.ToOutput());
        Assert.Equal(FakeIdentity.Secret(OidcClients.Grafana), data[KubePrometheusStackValues.GrafanaOidcSecretKey]);
        Assert.Equal(FakeIdentity.CaPem, data[KubePrometheusStackValues.GrafanaOidcCaKey]);
        Assert.Contains("monitoring-grafana-oidc", run.DependsOn["monitoring-kube-prometheus-stack"]);
        Assert.DoesNotContain(FakeIdentity.Secret(OidcClients.Grafana),
            System.Text.Json.JsonSerializer.Serialize(run.Registration("kubernetes:helm.sh/v3:Release", "monitoring-kube-prometheus-stack").Inputs), StringComparison.Ordinal);
        var policy = run.Of("kubernetes:networking.k8s.io/v1:NetworkPolicy").Single(p => (string)Map(p.Inputs["metadata"])["name"] == "allow-identity-provider");
        var egress = Map(Assert.Single((IEnumerable<object>)Map(policy.Inputs["spec"])["egress"]));
        Assert.Equal(8443.0, Map(Assert.Single((IEnumerable<object>)egress["ports"]))["port"]);

        // Without the identity provider: no Secret, no egress.
        var local = await Run(identity: false);
        Assert.DoesNotContain(local.Registrations, r => r.Name == "monitoring-grafana-oidc");
        Assert.DoesNotContain(local.Of("kubernetes:networking.k8s.io/v1:NetworkPolicy"), p => (string)Map(p.Inputs["metadata"])["name"] == "allow-identity-provider");

        // An identity provider without Grafana's client is a composition error, raised before anything is registered.
        var missing = await Assert.ThrowsAnyAsync<Exception>(() => Run(identity: true, clients: [OidcClients.Headlamp]));
        Assert.Contains("has no 'grafana' client", missing.ToString(), StringComparison.Ordinal);
    }
}
