using System.Text.Json;
using k8s.Models;
using Platform.Components.Catalog;
using Platform.Components.GitOps;
using Platform.Components.Identity;
using Platform.Components.Observability;
using Platform.Stacks;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Composition;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Validation;
using Pulumi;
using Pulumi.Testing;

namespace Platform.Tests.GitOps;

/// <summary>What the gitOps capability registers and in which order: on by default for enterprise only; its CRDs before
/// the release, the release before the bootstrap Application; the identity provider before the SSO client, monitoring
/// before the notifications; the restricted argocd namespace with the traffic Argo CD needs; every secret a Pulumi
/// secret.</summary>
public class GitOpsLayerTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string PolicyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    private const string Release = "platform-prod-gitops-argo-cd";
    private const string ApplicationType = "kubernetes:argoproj.io/v1alpha1:Application";

    private const string ThreeWorkers = """
        [
          {"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"},
          {"name": "worker-1", "address": "10.0.0.21", "role": "worker"},
          {"name": "worker-2", "address": "10.0.0.22", "role": "worker"},
          {"name": "worker-3", "address": "10.0.0.23", "role": "worker"}
        ]
        """;

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static Dictionary<string, string> Config(string tier = "medium", string? capabilities = """{"gitOps": true}""")
    {
        var config = ValidConfig.Values();
        config["tier"] = tier;
        if (capabilities is not null) config["capabilities"] = capabilities;
        Tenancy.TenancyConfigTests.EnterpriseBackupTarget(config);
        return config;
    }

    private static V1NetworkPolicySpec Policy(IReadOnlyList<MockResourceArgs> registrations, string name) =>
        StrictJson.Decode<V1NetworkPolicySpec>(JsonSerializer.SerializeToNode(Assert.Single(registrations, r => r.Type == PolicyType && r.Name == name).Inputs["spec"]));

    [Theory]
    [InlineData("small", false)]
    [InlineData("medium", false)]
    [InlineData("enterprise", true)]
    public async Task GitOps_is_on_by_default_for_enterprise_only_and_an_override_switches_it_on(string tier, bool byDefault)
    {
        var run = await StackRunner.RunAsync(Config(tier, capabilities: null));
        Assert.Equal(byDefault ? 1 : 0, run.All<GitOpsLayer>().Count);

        var on = await StackRunner.RunAsync(Config(tier));
        Assert.Single(on.All<GitOpsLayer>());
        var release = on.Registration(ReleaseType, Release);
        Assert.Equal((HelmCharts.ArgoCd.Name, HelmCharts.ArgoCd.Version, GitOpsLayer.Namespace),
            ((string)release.Inputs["chart"], (string)release.Inputs["version"], (string)release.Inputs["namespace"]));
        var ns = Map(on.Registration("kubernetes:core/v1:Namespace", "platform-prod-gitops-namespace").Inputs["metadata"]);
        Assert.Equal("restricted", Map(ns["labels"])["pod-security.kubernetes.io/enforce"]);
    }

    [Fact]
    public async Task The_vendored_crds_are_registered_before_the_release_and_kept_on_delete()
    {
        var run = await StackRunner.RunAsync(Config());
        var graph = await DependencyGraph.OfAsync(run);

        var crds = run.RegistrationsOf("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition")
            .Where(r => r.Name!.StartsWith(Release + "-crd-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["applications.argoproj.io", "applicationsets.argoproj.io", "appprojects.argoproj.io"],
            crds.Select(r => (string)Map(r.Inputs["metadata"])["name"]).Order(StringComparer.Ordinal));
        Assert.All(crds, crd => Assert.Contains(crd.Name!, graph.Direct(Release)));
        Assert.All(crds, crd => Assert.True(((CustomResourceOptions)run.Options[crd.Name!]).RetainOnDelete));
        var release = run.Registration(ReleaseType, Release);
        Assert.Equal(true, release.Inputs["skipCrds"]);
        Assert.Equal(false, ValuesTree.At(Map(release.Inputs["values"]), "crds.install"));
    }

    [Fact]
    public async Task Medium_with_three_schedulable_workers_runs_highly_available_and_small_does_not()
    {
        var medium = Config();
        medium["nodes"] = ThreeWorkers;
        var values = Map((await StackRunner.RunAsync(medium)).Registration(ReleaseType, Release).Inputs["values"]);
        Assert.Equal(true, ValuesTree.At(values, "redis-ha.enabled"));
        Assert.Equal(true, ValuesTree.At(values, "redis-ha.hardAntiAffinity"));
        Assert.Equal(2, Convert.ToInt32(ValuesTree.At(values, "server.replicas"), System.Globalization.CultureInfo.InvariantCulture));

        var small = Config("small");
        small["nodes"] = ThreeWorkers;
        var single = Map((await StackRunner.RunAsync(small)).Registration(ReleaseType, Release).Inputs["values"]);
        Assert.Equal(false, ValuesTree.At(single, "redis-ha.enabled"));
        Assert.Equal(1, Convert.ToInt32(ValuesTree.At(single, "server.replicas"), System.Globalization.CultureInfo.InvariantCulture));

        // ValidConfig's one worker: one schedulable node, so one of each whatever the tier.
        var oneNode = Map((await StackRunner.RunAsync(Config("enterprise"))).Registration(ReleaseType, Release).Inputs["values"]);
        Assert.Equal(false, ValuesTree.At(oneNode, "redis-ha.enabled"));
    }

    [Fact]
    public async Task Without_sso_the_local_admins_password_is_a_secret_output_and_only_its_bcrypt_hash_reaches_the_cluster()
    {
        var run = await StackRunner.RunAsync(Config(), preview: false);
        var stack = run.Single<PlatformStack>();

        Assert.True(await Outputs.IsSecretAsync(stack.ArgoCdAdminPassword));
        var password = await Outputs.SecretValueAsync(stack.ArgoCdAdminPassword);
        Assert.Equal(24, password.Length);
        var secret = run.Registration("kubernetes:core/v1:Secret", "platform-prod-gitops-argocd-secret");
        var metadata = Map(secret.Inputs["metadata"]);
        Assert.Equal((ArgoCdValues.ArgoCdSecret, "argocd"), ((string)metadata["name"], (string)metadata["namespace"]));
        Assert.Equal("argocd", Map(metadata["labels"])["app.kubernetes.io/part-of"]);
        Assert.Equal(Platform.Renderer.ProviderOutputs.BcryptHash("platform-prod-gitops-admin-password"), Map(secret.Inputs["stringData"])["admin.password"]);
        Assert.Contains("stringData", ((CustomResourceOptions)run.Options["platform-prod-gitops-argocd-secret"]).AdditionalSecretOutputs);
        var values = Map(run.Registration(ReleaseType, Release).Inputs["values"]);
        Assert.DoesNotContain(password, JsonSerializer.Serialize(values), StringComparison.Ordinal);
        Assert.Equal(true, Map(Map(values["configs"])["cm"])["admin.enabled"]);
        Assert.Contains("platform-prod-gitops-argocd-secret", (await DependencyGraph.OfAsync(run)).Direct(Release));

        var off = (await StackRunner.RunAsync(Config(capabilities: null))).Single<PlatformStack>();
        Assert.Equal("", await Outputs.ValueAsync(off.ArgoCdUrl));
        Assert.True(await Outputs.IsSecretAsync(off.ArgoCdAdminPassword));
    }

    [Fact]
    public async Task With_a_host_the_server_is_behind_the_default_ingress_class_and_the_controller_may_reach_it()
    {
        var config = Config();
        config["gitOps"] = """{"host": "argocd.platform-prod.example.com"}""";
        var run = await StackRunner.RunAsync(config);
        var values = Map(run.Registration(ReleaseType, Release).Inputs["values"]);

        Assert.Equal("traefik", ValuesTree.At(values, "server.ingress.ingressClassName"));
        Assert.Equal("argocd.platform-prod.example.com", ValuesTree.At(values, "server.ingress.hostname"));
        var fromIngress = Policy(run.Registrations, "platform-prod-gitops-namespace-allow-server-from-ingress");
        var rule = Assert.Single(fromIngress.Ingress);
        Assert.Equal("8080/TCP", Assert.Single(rule.Ports).Let(p => $"{p.Port}/{p.Protocol}"));
        Assert.Equal("traefik", Assert.Single(rule.FromProperty).NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        var stack = run.Single<PlatformStack>();
        Assert.StartsWith("http", await Outputs.ValueAsync(stack.ArgoCdUrl), StringComparison.Ordinal);
        Assert.EndsWith("://argocd.platform-prod.example.com", await Outputs.ValueAsync(stack.ArgoCdUrl), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_namespace_lets_argo_cd_reach_git_hosts_and_the_api_server_and_nothing_else_outside()
    {
        var run = await StackRunner.RunAsync(Config());

        var git = Assert.Single(Policy(run.Registrations, "platform-prod-gitops-namespace-allow-git").Egress);
        Assert.Equal(["443/TCP", "22/TCP"], git.Ports.Select(p => $"{p.Port}/{p.Protocol}"));
        var api = Assert.Single(Policy(run.Registrations, "platform-prod-gitops-namespace-allow-api-server").Egress);
        Assert.Equal(["443/TCP", "6443/TCP"], api.Ports.Select(p => $"{p.Port}/{p.Protocol}"));
        Assert.Contains(run.Registrations, r => r.Type == PolicyType && r.Name == "platform-prod-gitops-namespace-default-deny");
        Assert.Contains(GitOpsLayer.Namespace, PlatformLayers.ReachOutside);
        Assert.Contains(GitOpsLayer.Namespace, Platform.Stacks.Configuration.PlatformNamespaceNames.Reserved);
    }

    [Fact]
    public async Task Notifications_wait_for_the_monitoring_release_and_alertmanager_lets_the_controller_in()
    {
        var run = await StackRunner.RunAsync(Config());
        var graph = await DependencyGraph.OfAsync(run);
        var values = Map(run.Registration(ReleaseType, Release).Inputs["values"]);

        Assert.Equal(true, ValuesTree.At(values, "notifications.enabled"));
        Assert.Contains("platform-prod-monitoring-kube-prometheus-stack", graph.Direct(Release));
        Assert.Contains("platform-prod-monitoring-crds-prometheus-operator-crds", graph.Direct(Release));
        var toAlertmanager = Assert.Single(Policy(run.Registrations, "platform-prod-gitops-namespace-allow-alertmanager").Egress);
        Assert.Equal("9093/TCP", Assert.Single(toAlertmanager.Ports).Let(p => $"{p.Port}/{p.Protocol}"));
        var fromArgoCd = Assert.Single(Policy(run.Registrations, "platform-prod-monitoring-namespace-allow-alerts-from-argocd").Ingress);
        var peer = Assert.Single(fromArgoCd.FromProperty);
        Assert.Equal("argocd", peer.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.Equal("argocd-notifications-controller", peer.PodSelector.MatchLabels["app.kubernetes.io/name"]);

        var quiet = Config();
        quiet["gitOps"] = """{"notifications": false}""";
        var without = await StackRunner.RunAsync(quiet);
        Assert.Equal(false, ValuesTree.At(Map(without.Registration(ReleaseType, Release).Inputs["values"]), "notifications.enabled"));
        Assert.DoesNotContain("platform-prod-monitoring-kube-prometheus-stack", (await DependencyGraph.OfAsync(without)).Direct(Release));
        Assert.DoesNotContain(without.Registrations, r => r.Name == "platform-prod-monitoring-namespace-allow-alerts-from-argocd");
    }

    [Fact]
    public async Task The_bootstrap_application_comes_after_the_release_and_its_repository_secret_which_stays_secret()
    {
        var config = Config();
        config["gitOps"] = """{"bootstrap": {"repoUrl": "https://git.example.com/platform/apps.git", "path": "clusters/prod", "targetRevision": "main"}}""";
        config["gitOpsRepositoryCredentials"] = """{"username": "argocd", "password": "t0ken-value"}""";
        var run = await StackRunner.RunAsync(config, preview: false);
        var graph = await DependencyGraph.OfAsync(run);

        var application = run.Registration(ApplicationType, "platform-prod-gitops-bootstrap");
        Assert.Equal(("argoproj.io/v1alpha1", "Application"), ((string)application.Inputs["apiVersion"], (string)application.Inputs["kind"]));
        Assert.Equal((ArgoCdBootstrap.ApplicationName, "argocd"),
            ((string)Map(application.Inputs["metadata"])["name"], (string)Map(application.Inputs["metadata"])["namespace"]));
        Assert.Contains(Release, graph.Direct("platform-prod-gitops-bootstrap"));
        Assert.Contains("platform-prod-gitops-bootstrap-repository", graph.Direct("platform-prod-gitops-bootstrap"));
        // CRDs before their objects: the Application's CRD comes before the release it waits for.
        Assert.Contains(Release + "-crd-applications.argoproj.io", graph.Transitive("platform-prod-gitops-bootstrap"));

        var repository = run.Registration("kubernetes:core/v1:Secret", "platform-prod-gitops-bootstrap-repository");
        Assert.Equal("repository", Map(Map(repository.Inputs["metadata"])["labels"])["argocd.argoproj.io/secret-type"]);
        Assert.Equal(new Dictionary<string, object> { ["type"] = "git", ["url"] = "https://git.example.com/platform/apps.git", ["username"] = "argocd", ["password"] = "t0ken-value" },
            Map(repository.Inputs["stringData"]).ToDictionary(kv => kv.Key, kv => kv.Value));
        Assert.Contains("stringData", ((CustomResourceOptions)run.Options["platform-prod-gitops-bootstrap-repository"]).AdditionalSecretOutputs);
        Assert.DoesNotContain(run.Registrations.Where(r => r.Name != "platform-prod-gitops-bootstrap-repository"),
            r => JsonSerializer.Serialize(r.Inputs).Contains("t0ken-value", StringComparison.Ordinal));

        // No bootstrap, no Application.
        Assert.Empty((await StackRunner.RunAsync(Config())).RegistrationsOf(ApplicationType));
    }

    [Fact]
    public async Task Credentials_that_do_not_fit_the_repository_fail_the_update_without_their_value()
    {
        var config = Config();
        config["gitOps"] = """{"bootstrap": {"repoUrl": "git@github.com:example/apps.git", "path": "."}}""";
        config["gitOpsRepositoryCredentials"] = """{"username": "argocd", "password": "t0ken-value"}""";

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StackRunner.RunAsync(config, preview: false));

        Assert.Contains("reached over SSH, so its credentials are sshPrivateKey", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("t0ken-value", error.ToString(), StringComparison.Ordinal);
    }

    private static IdentityProvider Identity(Resource ready, bool withClient = true) => new()
    {
        IssuerUrl = "https://dex.platform-prod.example.com",
        CertificateAuthorityPem = Output.Create("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"),
        Clients = withClient
            ? new Dictionary<string, OidcClientCredentials> { [OidcClients.ArgoCd] = new() { ClientId = "argocd", ClientSecret = Output.CreateSecret("cl1ent-secret") } }
            : new Dictionary<string, OidcClientCredentials>(),
        AdminGroups = ["platform-admins"],
        EditGroups = ["developers"],
        ViewGroups = ["auditors"],
        Ready = ready,
    };

    private static GitOpsLayerArgs SsoArgs(IdentityProvider identity) => new()
    {
        Options = new GitOpsOptions { Host = "argocd.example.com" },
        Ingress = ("traefik", "traefik", 8443),
        ClusterIssuer = "internal-ca",
        Identity = identity,
    };

    [Fact]
    public async Task With_the_identity_provider_argo_cd_signs_users_in_after_it_with_a_labelled_client_secret()
    {
        GitOpsLayer? layer = null;
        var run = await ComponentRun.RunAsync(
            () => new Pulumi.Kubernetes.Core.V1.Namespace("dex-ready"),
            (ready, options) => layer = new GitOpsLayer("g", SsoArgs(Identity(ready)), options));

        Assert.Contains("dex-ready", run.DependsOn["g-argo-cd"]);
        Assert.Contains("g-oidc-client", run.DependsOn["g-argo-cd"]);
        var secret = run.Registration("kubernetes:core/v1:Secret", "g-oidc-client");
        Assert.Equal(ArgoCdOidc.SecretName, Map(secret.Inputs["metadata"])["name"]);
        Assert.Equal("argocd", Map(Map(secret.Inputs["metadata"])["labels"])["app.kubernetes.io/part-of"]);
        Assert.Equal("cl1ent-secret", Map(secret.Inputs["stringData"])[ArgoCdOidc.SecretKey]);

        var values = run.Values("g-argo-cd");
        var cm = Map(Map(values["configs"])["cm"]);
        Assert.Equal(false, cm["admin.enabled"]);
        var oidc = KubeYaml.Single((string)cm["oidc.config"])!;
        Assert.Equal(("https://dex.platform-prod.example.com", "argocd", "$argocd-oidc:clientSecret"),
            (oidc["issuer"]!.GetValue<string>(), oidc["clientID"]!.GetValue<string>(), oidc["clientSecret"]!.GetValue<string>()));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", oidc["rootCA"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("cl1ent-secret", JsonSerializer.Serialize(values), StringComparison.Ordinal);
        var policy = CasbinPolicy.Parse((string)Map(Map(values["configs"])["rbac"])["policy.csv"]);
        Assert.Equal("role:admin", policy.RoleOf("platform-admins"));
        // No local admin: no password, no hash.
        Assert.Null(layer!.AdminPassword);
        Assert.False(Map(run.Registration("kubernetes:core/v1:Secret", "g-argocd-secret").Inputs).ContainsKey("stringData")
            && Map(Map(run.Registration("kubernetes:core/v1:Secret", "g-argocd-secret").Inputs)["stringData"]).ContainsKey("admin.password"));
        Assert.DoesNotContain(run.Registrations, r => r.Type == "random:index/randomPassword:RandomPassword");

        // The issuer's public address is reached through the ingress controller, or the identity provider's own pods.
        var issuer = Assert.Single(Policy(run.Registrations, "g-namespace-allow-issuer-through-ingress").Egress);
        Assert.Equal("8443/TCP", Assert.Single(issuer.Ports).Let(p => $"{p.Port}/{p.Protocol}"));
        Assert.Equal("dex", Assert.Single(Assert.Single(Policy(run.Registrations, "g-namespace-allow-identity-provider").Egress).To).NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
    }

    [Fact]
    public async Task An_identity_provider_without_argo_cds_client_or_without_a_host_is_refused()
    {
        var noClient = await Assert.ThrowsAnyAsync<Exception>(() => ComponentRun.RunAsync(
            () => new Pulumi.Kubernetes.Core.V1.Namespace("dex-ready"),
            (ready, options) => _ = new GitOpsLayer("g", SsoArgs(Identity(ready, withClient: false)), options)));
        Assert.Contains("the identity provider has no 'argocd' client", noClient.ToString(), StringComparison.Ordinal);

        var noHost = await Assert.ThrowsAnyAsync<Exception>(() => ComponentRun.RunAsync(
            () => new Pulumi.Kubernetes.Core.V1.Namespace("dex-ready"),
            (ready, options) => _ = new GitOpsLayer("g", SsoArgs(Identity(ready)) with { Options = new GitOpsOptions() }, options)));
        Assert.Contains("single sign-on needs Argo CD's hostname", noHost.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_monitoring_every_component_is_scraped_after_the_operators_crds()
    {
        var run = await ComponentRun.RunAsync(
            () => new Pulumi.Kubernetes.Core.V1.Namespace("crds"),
            (crds, options) => _ = new GitOpsLayer("g", new GitOpsLayerArgs
            {
                Options = new GitOpsOptions(),
                Metrics = new MetricsScraping { CrdsReady = crds },
            }, options));

        Assert.Contains("crds", run.DependsOn["g-argo-cd"]);
        Assert.Equal(true, ValuesTree.At(run.Values("g-argo-cd"), "repoServer.metrics.serviceMonitor.enabled"));
        var scrape = Assert.Single(Policy(run.Registrations, "g-namespace-allow-metrics-from-monitoring").Ingress);
        Assert.Equal(["8082/TCP", "8083/TCP", "8084/TCP", "8080/TCP", "9001/TCP"], scrape.Ports.Select(p => $"{p.Port}/{p.Protocol}"));
    }

    [Fact]
    public void GitOps_comes_after_monitoring_and_the_security_layers()
    {
        var order = PlatformLayers.InOrder.Select(l => l.Key).ToList();
        var gitOps = order.IndexOf(CapabilityIds.GitOps);
        Assert.True(gitOps > order.IndexOf(CapabilityIds.Monitoring));
        Assert.True(gitOps > order.IndexOf(CapabilityIds.Ingress));
        Assert.True(gitOps > order.IndexOf(CapabilityIds.Certificates));
        Assert.True(gitOps > order.IndexOf(CapabilityIds.SecurityAudits));
        // The authentication layer (when this version has it) sets PlatformContext.Identity, which gitOps reads.
        Assert.All(order.Select((id, i) => (id, i)).Where(e => e.id == CapabilityIds.Authentication), e => Assert.True(e.i < gitOps));
    }
}
