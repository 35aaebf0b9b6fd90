using Platform.Components.Catalog;
using Platform.Components.Observability;
using Platform.Components.Security;
using Platform.Components.Security.Audits;
using Platform.Stacks.Composition;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;

namespace Platform.Tests.Security;

/// <summary>The security audits layer: what it registers (the privileged namespace and its policies, the release, the
/// Falcosidekick Secrets), what waits for what (monitoring and logging before Falcosidekick's outputs to them), secrets
/// kept secret, and how the stacks compose it.</summary>
public class AuditsLayerTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string SecretType = "kubernetes:core/v1:Secret";
    private const string PolicyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private sealed record Prerequisites(Resource Crds, Resource Alertmanager, Resource LoggingReady);

    /// <summary>The layer alone, with monitoring and logging on or off (a LoggingBackend made here: the logging layer is
    /// another branch's).</summary>
    private static Task<ComponentRun> Run(bool monitoring, bool logging, SecurityAuditsOptions? options = null) => ComponentRun.RunAsync(
        () => new Prerequisites(new Pulumi.Kubernetes.Core.V1.Namespace("prometheus-operator-crds"),
            new Pulumi.Kubernetes.Core.V1.Namespace("kube-prometheus-stack"), new Pulumi.Kubernetes.Core.V1.Namespace("opensearch-security")),
        (ready, opts) => _ = new SecurityAuditsLayer("audits", new SecurityAuditsLayerArgs
        {
            Options = options ?? new SecurityAuditsOptions(),
            PlatformNamespaces = ["falco", "monitoring"],
            ClusterOnlyNamespaces = ["falco"],
            Metrics = monitoring ? new MetricsScraping { CrdsReady = ready.Crds } : null,
            AlertmanagerReady = monitoring ? [ready.Alertmanager] : [],
            Logging = logging ? new LoggingBackend
            {
                Endpoint = "https://opensearch-cluster-master.logging.svc:9200",
                CaCertificatePem = Output.Create("-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n"),
                Users = new Dictionary<string, OpenSearchCredentials>
                {
                    [LoggingClients.Falcosidekick] = new() { Username = "falcosidekick", Password = Output.CreateSecret("sidekick-password-value") },
                },
                Ready = ready.LoggingReady,
            } : null,
        }, opts));

    [Fact]
    public async Task Falco_runs_in_a_privileged_namespace_that_lets_only_falco_reach_falcosidekick()
    {
        var run = await Run(monitoring: false, logging: false);

        var ns = Map(run.Registration("kubernetes:core/v1:Namespace", "audits-namespace").Inputs["metadata"]);
        Assert.Equal(SecurityAuditsLayer.Namespace, ns["name"]);
        Assert.Equal("privileged", Map(ns["labels"])["pod-security.kubernetes.io/enforce"]);
        var release = run.Registration(ReleaseType, "audits-falco");
        Assert.Equal((HelmCharts.Falco.Name, HelmCharts.Falco.Version, SecurityAuditsLayer.Namespace),
            ((string)release.Inputs["chart"], (string)release.Inputs["version"], (string)release.Inputs["namespace"]));
        var policies = run.Of(PolicyType).Select(p => (string)Map(p.Inputs["metadata"])["name"]).Order().ToList();
        Assert.Equal(["allow-dns", "allow-events-from-falco", "allow-events-to-sidekick", "default-deny"], policies);
        // No output, no Secret, nothing to wait for but the namespace.
        Assert.Empty(run.Of(SecretType));
        Assert.Equal(["audits-namespace"], run.DependsOn["audits-falco"].Order());
        Assert.Equal(false, ValuesTree.At(run.Values("audits-falco"), "falcosidekick.enabled"));
    }

    [Fact]
    public async Task With_monitoring_falcosidekick_alerts_alertmanager_after_the_monitoring_release_and_prometheus_scrapes_both()
    {
        var run = await Run(monitoring: true, logging: false);

        Assert.Contains("kube-prometheus-stack", run.DependsOn["audits-falco"]);
        Assert.Contains("prometheus-operator-crds", run.DependsOn["audits-falco"]);
        Assert.Equal("http://kube-prometheus-stack-alertmanager.monitoring.svc:9093", ValuesTree.At(run.Values("audits-falco"), "falcosidekick.config.alertmanager.hostport"));
        var alertmanager = Map(run.Of(PolicyType).Single(p => (string)Map(p.Inputs["metadata"])["name"] == "allow-alertmanager").Inputs["spec"]);
        var rule = Map(Assert.Single((IEnumerable<object>)alertmanager["egress"]));
        var port = Map(Assert.Single((IEnumerable<object>)rule["ports"]));
        Assert.Equal(9093.0, port["port"]);
        var peer = Map(Assert.Single((IEnumerable<object>)rule["to"]));
        Assert.Equal("monitoring", Map(Map(peer["namespaceSelector"])["matchLabels"])["kubernetes.io/metadata.name"]);
        Assert.Equal("alertmanager", Map(Map(peer["podSelector"])["matchLabels"])["app.kubernetes.io/name"]);
        var metrics = Map(run.Of(PolicyType).Single(p => (string)Map(p.Inputs["metadata"])["name"] == "allow-metrics-from-monitoring").Inputs["spec"]);
        var ports = ((IEnumerable<object>)Map(Assert.Single((IEnumerable<object>)metrics["ingress"]))["ports"]).Select(p => Map(p)["port"]).ToList();
        Assert.Equal([(double)FalcoValues.FalcoMetricsPort, (double)FalcoValues.SidekickPort], ports);
        Assert.Empty(run.Of(SecretType));
    }

    [Fact]
    public async Task With_logging_falcosidekick_writes_to_opensearch_after_it_is_ready_with_its_credentials_kept_secret()
    {
        var run = await Run(monitoring: false, logging: true);

        var dependsOn = run.DependsOn["audits-falco"];
        Assert.Contains("opensearch-security", dependsOn);
        Assert.Contains("audits-sidekick-opensearch", dependsOn);
        Assert.Contains("audits-sidekick-opensearch-ca", dependsOn);
        var credentials = (SecretArgs)run.Args["audits-sidekick-opensearch"];
        var data = await Outputs.SecretValueAsync(credentials.StringData.ToOutput());
        Assert.Equal(("falcosidekick", "sidekick-password-value"), (data["ELASTICSEARCH_USERNAME"], data["ELASTICSEARCH_PASSWORD"]));
        Assert.Equal("falcosidekick-opensearch", Map(run.Registration(SecretType, "audits-sidekick-opensearch").Inputs["metadata"])["name"]);
        var ca = (SecretArgs)run.Args["audits-sidekick-opensearch-ca"];
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", (await Outputs.ValueAsync(ca.StringData.ToOutput()))["ca.crt"], StringComparison.Ordinal);
        // The password is nowhere in the release.
        Assert.DoesNotContain("sidekick-password-value", System.Text.Json.JsonSerializer.Serialize(run.Registration(ReleaseType, "audits-falco").Inputs), StringComparison.Ordinal);
        var opensearch = Map(run.Of(PolicyType).Single(p => (string)Map(p.Inputs["metadata"])["name"] == "allow-opensearch").Inputs["spec"]);
        var rule = Map(Assert.Single((IEnumerable<object>)opensearch["egress"]));
        Assert.Equal(9200.0, Map(Assert.Single((IEnumerable<object>)rule["ports"]))["port"]);
    }

    [Fact]
    public async Task A_logging_backend_without_the_falcosidekick_user_is_refused()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ComponentRun.RunAsync(() => 0, (none, opts) => _ = new SecurityAuditsLayer("audits", new SecurityAuditsLayerArgs
        {
            Options = new SecurityAuditsOptions(),
            Logging = new LoggingBackend
            {
                Endpoint = "https://opensearch.logging.svc:9200",
                CaCertificatePem = Output.Create("ca"),
                Users = new Dictionary<string, OpenSearchCredentials>(),
                Ready = new Pulumi.Kubernetes.Core.V1.Namespace("ready"),
            },
        }, opts)));

        Assert.Contains("no 'falcosidekick' user", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("small", false)]
    [InlineData("medium", true)]
    [InlineData("enterprise", true)]
    public async Task The_tier_decides_whether_the_stack_deploys_it(string tier, bool on)
    {
        var config = ValidConfig.Values();
        config["tier"] = tier;
        if (tier == "enterprise") Platform.Tests.Backup.BackupConfigTests.WithExternalTarget(config);
        var run = await StackRunner.RunAsync(config);

        Assert.Equal(on ? 1 : 0, run.All<SecurityAuditsLayer>().Count);
        var small = ValidConfig.Values();
        small["tier"] = "small";
        small["capabilities"] = """{"securityAudits": true}""";
        Assert.Single((await StackRunner.RunAsync(small)).All<SecurityAuditsLayer>());
    }

    [Fact]
    public async Task The_stack_composes_it_after_monitoring_with_the_platform_namespaces_and_lets_its_alerts_into_alertmanager()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        var graph = await DependencyGraph.OfAsync(run);
        const string release = "platform-prod-security-audits-falco";

        Assert.Contains("platform-prod-monitoring-kube-prometheus-stack", graph.Direct(release));
        Assert.Contains("platform-prod-cni-cilium", graph.Direct(release));
        var values = Map(run.Registration(ReleaseType, release).Inputs["values"]);
        Assert.Equal("http://kube-prometheus-stack-alertmanager.monitoring.svc:9093", ValuesTree.At(values, "falcosidekick.config.alertmanager.hostport"));
        var rules = StrictJson(Map(values["customRules"])[PlatformRules.FileName]);
        var platform = rules.Single(i => i.List == PlatformRules.PlatformNamespacesList).Items!;
        var clusterOnly = rules.Single(i => i.List == PlatformRules.ClusterOnlyNamespacesList).Items!;
        Assert.Contains("rook-ceph", platform);
        Assert.Contains(SecurityAuditsLayer.Namespace, platform);
        Assert.DoesNotContain("default", platform);
        Assert.All(PlatformLayers.ReachOutside, n => Assert.DoesNotContain(n, clusterOnly));
        Assert.Equal(platform.Except(PlatformLayers.ReachOutside), clusterOnly);
        // The API endpoint, not the nodes: a node added must not change Falco's release.
        Assert.Equal(["10.0.0.10"], rules.Single(i => i.List == PlatformRules.ClusterAddressesList).Items!);
        // The monitoring namespace lets Falcosidekick's alerts in; without the layer it does not.
        var policy = run.Registration(PolicyType, "platform-prod-monitoring-namespace-allow-alerts-from-falco");
        Assert.Equal("allow-alerts-from-falco", Map(policy.Inputs["metadata"])["name"]);
        var without = ValidConfig.Values();
        without["capabilities"] = """{"securityAudits": false}""";
        var off = await StackRunner.RunAsync(without);
        Assert.Empty(off.All<SecurityAuditsLayer>());
        Assert.DoesNotContain(off.RegistrationsOf(PolicyType), p => p.Name == "platform-prod-monitoring-namespace-allow-alerts-from-falco");
    }

    [Fact]
    public async Task Nodes_labelled_without_btf_are_named_in_a_warning_while_the_capability_is_on()
    {
        const string nodes = """
            [{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"},
             {"name": "worker-1", "address": "10.0.0.21", "role": "worker", "labels": {"platform.io/kernel-btf": "false"}},
             {"name": "worker-2", "address": "10.0.0.22", "role": "worker", "labels": {"platform.io/kernel-btf": "true"}}]
            """;
        var config = ValidConfig.Values();
        config["nodes"] = nodes;
        var run = await StackRunner.RunAsync(config);

        var warning = Assert.Single(run.Single<Platform.Stacks.PlatformStack>().Warnings, w => w.Contains(FalcoValues.NoBtfLabel, StringComparison.Ordinal));
        Assert.StartsWith("platform:nodes labels worker-1 platform.io/kernel-btf: \"false\": Falco does not run there", warning, StringComparison.Ordinal);

        config["capabilities"] = """{"securityAudits": false}""";
        var off = await StackRunner.RunAsync(config);
        Assert.DoesNotContain(off.Single<Platform.Stacks.PlatformStack>().Warnings, w => w.Contains(FalcoValues.NoBtfLabel, StringComparison.Ordinal));
    }

    [Fact]
    public void It_comes_after_monitoring_and_logging_in_the_layer_order()
    {
        var order = PlatformLayers.InOrder.Select(l => l.Key).ToList();
        var audits = order.IndexOf(Platform.Stacks.Capabilities.CapabilityIds.SecurityAudits);

        Assert.True(audits > order.IndexOf(Platform.Stacks.Capabilities.CapabilityIds.Monitoring));
        var logging = order.IndexOf(Platform.Stacks.Capabilities.CapabilityIds.Logging);
        Assert.True(logging < audits, "logging (when it has a layer) must come before security audits");
        Assert.Equal(Platform.Stacks.Capabilities.CapabilityAvailability.Available,
            Platform.Stacks.Capabilities.CapabilityMatrix.Default.Find(Platform.Stacks.Capabilities.CapabilityIds.SecurityAudits)!.Availability);
    }

    private static List<FalcoRulesItem> StrictJson(object yaml) => Validation.StrictJson.DecodeYaml<List<FalcoRulesItem>>((string)yaml);
}
