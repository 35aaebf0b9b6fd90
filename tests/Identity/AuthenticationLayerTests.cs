using System.Text.Json;
using k8s.Models;
using Platform.Components.Catalog;
using Platform.Components.Identity;
using Platform.Stacks;
using Platform.Tests.Harness;
using Platform.Tests.Validation;
using Pulumi;
using Pulumi.Testing;

namespace Platform.Tests.Identity;

/// <summary>What the authentication capability registers: Dex's release in the restricted <c>dex</c> namespace with
/// values the chart reads, its secrets only in a Secret (secret in state, never in the values), one client per consumer
/// that is on, the groups' ClusterRoleBindings and the teams' RoleBindings with the groups prefix, the namespace's
/// traffic, the published identity provider and API server issuer, and the userKubeconfig output.</summary>
public class AuthenticationLayerTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string Release = "platform-prod-authentication-dex";
    private const string PolicyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    private const string Tenant = """[{"name": "payments", "team": "payments", "owner": "payments@example.com", "group": "payments-developers", "quota": {"pods": "20"}}]""";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static V1NetworkPolicySpec Policy(StackRun run, string name) =>
        StrictJson.Decode<V1NetworkPolicySpec>(JsonSerializer.SerializeToNode(run.Registration(PolicyType, name).Inputs["spec"]));

    [Fact]
    public async Task Authentication_is_mandatory_in_every_tier()
    {
        foreach (var tier in new[] { "small", "medium", "enterprise" })
        {
            var run = await StackRunner.RunAsync(AuthenticationConfig.Values(v =>
            {
                v["tier"] = tier;
                v["capabilities"] = """{"certificates": true}""";
                Tenancy.TenancyConfigTests.EnterpriseBackupTarget(v);
            }));
            Assert.Single(run.All<AuthenticationLayer>());
        }
    }

    [Fact]
    public async Task Dex_is_released_in_the_restricted_dex_namespace_with_values_the_chart_reads()
    {
        var run = await StackRunner.RunAsync(AuthenticationConfig.Values());
        var release = run.Registration(ReleaseType, Release);
        Assert.Equal((HelmCharts.Dex.Name, HelmCharts.Dex.Version, AuthenticationLayer.Namespace, "https://charts.dexidp.io"),
            ((string)release.Inputs["chart"], (string)release.Inputs["version"], (string)release.Inputs["namespace"], (string)Map(release.Inputs["repositoryOpts"])["repo"]));
        var values = Map(release.Inputs["values"]);
        Assert.Empty(ChartPaths.Unread(HelmCharts.Dex, values));
        var ns = Map(run.Registration("kubernetes:core/v1:Namespace", "platform-prod-authentication-namespace").Inputs["metadata"]);
        Assert.Equal("restricted", Map(ns["labels"])["pod-security.kubernetes.io/enforce"]);
        // One schedulable worker: one replica and no budget (it would block the node's drain); the issuer on the default IngressClass.
        Assert.Equal(1, Convert.ToInt32(values["replicaCount"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(values.ContainsKey("podDisruptionBudget"));
        Assert.Equal("traefik", ValuesTree.At(values, "ingress.className"));
        Assert.Equal(Platform.Components.Networking.Certificates.ClusterIssuers.InternalCa, Map(ValuesTree.At(values, "ingress.annotations"))["cert-manager.io/cluster-issuer"]);
        Assert.Equal(AuthenticationConfig.Host, Map(((IEnumerable<object>)ValuesTree.At(values, "ingress.hosts")).Single())["host"]);
        // The configuration in the values decodes as Dex's own.
        var config = StrictJson.Decode<DexConfigDocument>(JsonSerializer.SerializeToNode(values["config"]));
        Assert.Equal("https://" + AuthenticationConfig.Host, config.Issuer);
        Assert.Equal("dex-secrets", Map(Map(((IEnumerable<object>)values["envFrom"]).Single())["secretRef"])["name"]);
    }

    [Fact]
    public async Task The_secrets_are_only_in_a_secret_kept_secret_in_state()
    {
        var run = await StackRunner.RunAsync(AuthenticationConfig.Values());
        var layer = run.Single<AuthenticationLayer>();
        var secret = run.Registration("kubernetes:core/v1:Secret", "platform-prod-authentication-secrets");
        var data = Map(secret.Inputs["stringData"]);
        Assert.Equal(AuthenticationConfig.LdapSecret, data["DEX_CONNECTOR_CORP_LDAP"]);
        var grafanaSecret = await Outputs.SecretValueAsync(layer.Identity.Clients[OidcClients.Grafana].ClientSecret);
        Assert.Equal(grafanaSecret, data["DEX_CLIENT_GRAFANA_SECRET"]);
        Assert.Equal(["DEX_CLIENT_GRAFANA_SECRET", "DEX_CLIENT_HEADLAMP_SECRET", "DEX_CONNECTOR_CORP_LDAP"], data.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("stringData", ((CustomResourceOptions)run.Options["platform-prod-authentication-secrets"]).AdditionalSecretOutputs);

        var release = JsonSerializer.Serialize(run.Registration(ReleaseType, Release).Inputs);
        Assert.DoesNotContain(AuthenticationConfig.LdapSecret, release, StringComparison.Ordinal);
        Assert.DoesNotContain(grafanaSecret, release, StringComparison.Ordinal);
        // A digest of the secrets rolls Dex when one changes, and tells nothing about them.
        var digest = (string)Map(Map(run.Registration(ReleaseType, Release).Inputs["values"])["podAnnotations"])[AuthenticationLayer.SecretsDigestAnnotation];
        Assert.Matches("^[0-9a-f]{64}$", digest);
    }

    [Fact]
    public async Task A_client_is_registered_for_each_consumer_that_is_on_and_has_a_host()
    {
        var run = await StackRunner.RunAsync(AuthenticationConfig.Values());
        Assert.Equal([OidcClients.Kubernetes, OidcClients.Headlamp, OidcClients.Grafana], run.Single<AuthenticationLayer>().Identity.Clients.Keys.Order(StringComparer.Ordinal).Reverse());

        var all = await StackRunner.RunAsync(AuthenticationConfig.Values(v =>
        {
            v["logging"] = """{"ephemeral": true, "dashboards": {"host": "logs.platform-prod.example.com"}}""";
            v["imageScanning"] = """{"registry": "harbor", "harbor": {"host": "harbor.platform-prod.example.com"}}""";
            v["statefulWorkloads"] = "true";
            v["storage"] = """{"provider": "existing", "className": "fast"}""";
        }));
        var config = StrictJson.Decode<DexConfigDocument>(JsonSerializer.SerializeToNode(Map(all.Registration(ReleaseType, Release).Inputs["values"])["config"]));
        Assert.Equal(
            [
                ("kubernetes", "http://localhost:8000"),
                ("grafana", "https://grafana.platform-prod.example.com/login/generic_oauth"),
                ("opensearch-dashboards", "https://logs.platform-prod.example.com/auth/openid/login"),
                ("harbor", "https://harbor.platform-prod.example.com/c/oidc/callback"),
                ("headlamp", "https://headlamp.platform-prod.example.com/oidc-callback"),
            ],
            config.StaticClients.Select(c => (c.Id, c.RedirectUris[0])));
        Assert.Equal(5, all.Single<AuthenticationLayer>().Identity.Clients.Count);
        // Without ingress no consumer has a login page on a host, so only kubelogin is registered.
        Assert.Equal([OidcClientRegistration.Kubernetes], global::Platform.Stacks.Composition.PlatformLayers.OidcClientRegistrations(new global::Platform.Stacks.Composition.PlatformContext
        {
            Settings = Configuration.ValidConfig.Load(_ => { }),
            Capabilities = global::Platform.Stacks.Capabilities.CapabilityResolver.Resolve(global::Platform.Stacks.Capabilities.CapabilityMatrix.Default,
                Configuration.ValidConfig.Load(v => v["capabilities"] = """{"ingress": false}""")),
            Storage = null!,
            Cluster = null!,
        }));
    }

    [Fact]
    public async Task Groups_get_their_cluster_roles_and_teams_edit_in_their_namespaces_with_the_groups_prefix()
    {
        var run = await StackRunner.RunAsync(AuthenticationConfig.Values(v => v["tenants"] = Tenant));
        var bindings = run.RegistrationsOf("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding")
            .Where(r => (r.Name ?? "").StartsWith("platform-prod-authentication-", StringComparison.Ordinal))
            .Select(r => StrictJson.Decode<V1ClusterRoleBinding>(JsonSerializer.SerializeToNode(r.Inputs.Add("apiVersion", "rbac.authorization.k8s.io/v1").Add("kind", "ClusterRoleBinding"))))
            .ToDictionary(b => b.RoleRef.Name, b => b.Subjects.Select(s => (s.Kind, s.Name)).ToList());
        Assert.Equal(new[] { ("Group", "oidc:platform-admins") }, bindings["cluster-admin"]);
        Assert.Equal(new[] { ("Group", "oidc:developers") }, bindings["edit"]);
        Assert.Equal(new[] { ("Group", "oidc:auditors") }, bindings["view"]);

        var team = run.Registration("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "platform-prod-authentication-team-payments");
        var binding = StrictJson.Decode<V1RoleBinding>(JsonSerializer.SerializeToNode(team.Inputs.Add("apiVersion", "rbac.authorization.k8s.io/v1").Add("kind", "RoleBinding")));
        Assert.Equal(("payments", AuthenticationLayer.TeamBindingName, "edit"), (binding.Metadata.NamespaceProperty, binding.Metadata.Name, binding.RoleRef.Name));
        Assert.Equal(("Group", "oidc:payments-developers"), (binding.Subjects.Single().Kind, binding.Subjects.Single().Name));
        // After the team's namespace.
        var options = (CustomResourceOptions)run.Options["platform-prod-authentication-team-payments"];
        Assert.Contains(await Outputs.ValueAsync(options.DependsOn.ToOutput()), r => r.GetResourceName() == "platform-prod-tenant-payments-namespace");
    }

    [Fact]
    public async Task The_dex_namespace_lets_in_the_ingress_controller_and_out_to_the_api_server_and_the_directory()
    {
        var run = await StackRunner.RunAsync(AuthenticationConfig.Values());
        var issuer = Policy(run, "platform-prod-authentication-namespace-allow-issuer-from-ingress");
        Assert.Equal("traefik", issuer.Ingress.Single().FromProperty.Single().NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.Equal([5556], issuer.Ingress.Single().Ports.Select(p => int.Parse(p.Port.Value, System.Globalization.CultureInfo.InvariantCulture)));
        var upstream = Policy(run, "platform-prod-authentication-namespace-allow-identity-providers");
        Assert.Equal([636], upstream.Egress.Single().Ports.Select(p => int.Parse(p.Port.Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(run.RegistrationsOf(PolicyType), r => r.Name == "platform-prod-authentication-namespace-allow-api-server");
    }

    [Fact]
    public async Task With_monitoring_the_chart_scrapes_dex_and_prometheus_may_reach_its_telemetry_port()
    {
        var run = await StackRunner.RunAsync(AuthenticationConfig.Values());
        Assert.Equal(true, ValuesTree.At(Map(run.Registration(ReleaseType, Release).Inputs["values"]), "serviceMonitor.enabled"));
        var metrics = run.RegistrationsOf(PolicyType).Where(r => (r.Name ?? "").StartsWith("platform-prod-authentication-namespace", StringComparison.Ordinal))
            .Select(r => JsonSerializer.Serialize(r.Inputs["spec"])).Where(s => s.Contains("5558", StringComparison.Ordinal));
        Assert.NotEmpty(metrics);

        var off = await StackRunner.RunAsync(AuthenticationConfig.Values(v =>
        {
            v.Remove("monitoring");
            v["capabilities"] = """{"certificates": true, "authentication": true, "monitoring": false}""";
        }));
        Assert.Equal(false, ValuesTree.At(Map(off.Registration(ReleaseType, Release).Inputs["values"]), "serviceMonitor.enabled"));
    }

    [Fact]
    public async Task It_publishes_the_identity_provider_and_the_api_servers_issuer_with_the_internal_ca()
    {
        var run = await StackRunner.RunAsync(AuthenticationConfig.Values());
        var layer = run.Single<AuthenticationLayer>();
        var ca = await Outputs.ValueAsync(run.Single<Components.Networking.CertificatesLayer>().InternalCaCertPem!);

        Assert.Equal(("https://" + AuthenticationConfig.Host, "dex", "groups"), (layer.Identity.IssuerUrl, layer.Identity.Namespace, layer.Identity.GroupsClaim));
        Assert.Equal(ca, await Outputs.ValueAsync(layer.Identity.CertificateAuthorityPem!));
        Assert.Equal(["platform-admins"], layer.Identity.AdminGroups);
        Assert.Equal(["developers"], layer.Identity.EditGroups);
        Assert.Equal(["auditors"], layer.Identity.ViewGroups);
        Assert.Same(layer.Release, layer.Identity.Ready);
        Assert.Equal("", await Outputs.SecretValueAsync(layer.Identity.Clients[OidcClients.Kubernetes].ClientSecret));

        var issuer = layer.ApiServerIssuer;
        Assert.Equal(("https://" + AuthenticationConfig.Host, "email", "oidc:", "groups", "oidc:"),
            (issuer.IssuerUrl, issuer.UsernameClaim, issuer.UsernamePrefix, issuer.GroupsClaim, issuer.GroupsPrefix));
        Assert.Equal([OidcClients.Kubernetes], issuer.Audiences);
        Assert.Equal(ca, await Outputs.ValueAsync(issuer.CertificateAuthorityPem!.ToOutput()));
    }

    [Fact]
    public async Task The_stack_outputs_the_user_kubeconfig_as_plain_text_and_nothing_with_authentication_off()
    {
        var run = await StackRunner.RunAsync(AuthenticationConfig.Values());
        var stack = run.Single<PlatformStack>();
        Assert.False(await Outputs.IsSecretAsync(stack.UserKubeconfig));
        var config = StrictJson.DecodeYaml<UserKubeconfigDocument>(await Outputs.ValueAsync(stack.UserKubeconfig));
        Assert.Equal(await Outputs.ValueAsync(stack.ApiServerUrl), config.Clusters.Single().Cluster.Server);
        var args = config.Users.Single().User.Exec.Args;
        Assert.Contains($"--oidc-issuer-url=https://{AuthenticationConfig.Host}", args);
        Assert.Contains(args, a => a.StartsWith("--certificate-authority-data=", StringComparison.Ordinal));
        Assert.Equal("https://" + AuthenticationConfig.Host, await Outputs.ValueAsync(stack.OidcIssuerUrl));

        var off = (await StackRunner.RunAsync(Configuration.ValidConfig.Values())).Single<PlatformStack>();
        Assert.Equal("", await Outputs.ValueAsync(off.UserKubeconfig));
        Assert.Empty((await StackRunner.RunAsync(Configuration.ValidConfig.Values())).All<AuthenticationLayer>());
    }

    [Fact]
    public async Task Dex_waits_for_cert_manager_and_the_ingress_controller()
    {
        var run = await StackRunner.RunAsync(AuthenticationConfig.Values());
        var dependsOn = (await Outputs.ValueAsync(((CustomResourceOptions)run.Options[Release]).DependsOn.ToOutput())).Select(r => r.GetResourceName()).ToList();
        Assert.Contains("platform-prod-certificates-cert-manager", dependsOn);
        Assert.Contains(dependsOn, n => n.StartsWith("platform-prod-ingress-", StringComparison.Ordinal));
        Assert.Contains("platform-prod-authentication-secrets", dependsOn);
    }
}
