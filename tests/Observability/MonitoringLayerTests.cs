using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Components.Observability;
using Platform.Components.Observability.Monitoring;
using Platform.Renderer;
using Platform.Stacks;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Render;
using Platform.Tests.Storage;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Random;

namespace Platform.Tests.Observability;

/// <summary>What the monitoring capability registers, and when: the CRD release before the CNI and every later layer,
/// kube-prometheus-stack after the cluster metrics layer and the storage, its secrets as Pulumi secrets, its namespaces
/// and traffic, and the stack's outputs.</summary>
public class MonitoringLayerTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string SecretType = "kubernetes:core/v1:Secret";
    private const string PolicyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    private const string Crds = "platform-prod-monitoring-crds-prometheus-operator-crds";
    private const string Stack = "platform-prod-monitoring-kube-prometheus-stack";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    [Fact]
    public async Task Monitoring_is_on_in_every_tier_and_registers_the_crds_the_stack_and_its_namespaces()
    {
        foreach (var tier in new[] { "small", "medium", "enterprise" })
        {
            var config = ValidConfig.Values();
            config["tier"] = tier;
            Platform.Tests.Tenancy.TenancyConfigTests.EnterpriseBackupTarget(config);
            var run = await StackRunner.RunAsync(config);
            Assert.Single(run.All<MonitoringLayer>());
            Assert.Single(run.All<MonitoringCrds>());
        }

        var medium = await StackRunner.RunAsync(ValidConfig.Values());
        var crds = medium.Registration(ReleaseType, Crds);
        Assert.Equal((HelmCharts.PrometheusOperatorCrds.Name, HelmCharts.PrometheusOperatorCrds.Version, MonitoringCrds.ReleaseNamespace),
            ((string)crds.Inputs["chart"], (string)crds.Inputs["version"], (string)crds.Inputs["namespace"]));
        Assert.Equal(false, crds.Inputs["atomic"]);
        Assert.True(medium.Options[Crds].RetainOnDelete);
        var stack = medium.Registration(ReleaseType, Stack);
        Assert.Equal((HelmCharts.KubePrometheusStack.Name, HelmCharts.KubePrometheusStack.Version, MonitoringLayer.Namespace),
            ((string)stack.Inputs["chart"], (string)stack.Inputs["version"], (string)stack.Inputs["namespace"]));
        Assert.Equal(false, Map(Map(stack.Inputs["values"])["crds"])["enabled"]);

        var namespaces = medium.RegistrationsOf("kubernetes:core/v1:Namespace").ToDictionary(r => (string)Map(r.Inputs["metadata"])["name"], r => Map(Map(r.Inputs["metadata"])["labels"]));
        Assert.Equal("restricted", namespaces[MonitoringLayer.Namespace]["pod-security.kubernetes.io/enforce"]);
        Assert.Equal("privileged", namespaces[KubePrometheusStackValues.NodeExporterNamespace]["pod-security.kubernetes.io/enforce"]);
    }

    [Fact]
    public async Task The_crd_release_comes_before_the_cni_and_every_later_layer_waits_for_it()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        var graph = await DependencyGraph.OfAsync(run);
        var names = run.Registrations.Select(r => r.Name).ToList();

        Assert.True(names.IndexOf(Crds) < names.IndexOf("platform-prod-cni-cilium"), "the CRD release is registered before the CNI's");
        // It waits for no node and no CNI: it needs only the API server.
        Assert.DoesNotContain(graph.Transitive(Crds), n => n.EndsWith("-register", StringComparison.Ordinal) || n.Contains("-cni-", StringComparison.Ordinal));
        // The CNI's chart creates its ServiceMonitors once monitoring is on: its release waits for the CRDs too.
        Assert.Contains(Crds, graph.Direct("platform-prod-cni-cilium"));
        // Every release after the CNI waits for it, directly: the ServiceMonitors of their charts need the kinds.
        foreach (var release in run.RegistrationsOf(ReleaseType).Where(r => r.Name != Crds && !r.Name!.StartsWith("platform-prod-cni-", StringComparison.Ordinal)))
            Assert.Contains(Crds, graph.Direct(release.Name!));
        Assert.Contains(Crds, graph.Direct(Stack));
    }

    [Fact]
    public async Task Prometheus_claims_its_volumes_on_ceph_after_the_storage_layer_and_after_the_cluster_metrics_layer()
    {
        var config = StorageLayerTests.Stateful();
        config["monitoring"] = """{"grafana": {"host": "grafana.example.com"}}""";
        var run = await StackRunner.RunAsync(config);
        var graph = await DependencyGraph.OfAsync(run);

        Assert.Contains("platform-prod-storage-rook-ceph-cluster", graph.Direct(Stack));
        var values = Map(run.Registration(ReleaseType, Stack).Inputs["values"]);
        Assert.Equal("ceph-block", ValuesTreeOf(values, "prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName"));
        // The layers in order: cluster metrics (its kube-state-metrics, with its ServiceMonitor) before monitoring.
        var names = run.Registrations.Select(r => r.Name).ToList();
        Assert.True(names.IndexOf("platform-prod-cluster-metrics-kube-state-metrics") < names.IndexOf(Stack));
        var ksm = Map(run.Registration(ReleaseType, "platform-prod-cluster-metrics-kube-state-metrics").Inputs["values"]);
        Assert.Equal(true, ValuesTreeOf(ksm, "prometheus.monitor.enabled"));
        Assert.Equal(false, ValuesTreeOf(values, "kubeStateMetrics.enabled"));
        // The storage layer's Rook charts switch their ServiceMonitors and rules on.
        Assert.Equal(true, ValuesTreeOf(Map(run.Registration(ReleaseType, "platform-prod-storage-rook-ceph").Inputs["values"]), "monitoring.enabled"));

        // Ephemeral, the stack does not wait for storage it does not use.
        config["monitoring"] = """{"ephemeral": true, "grafana": {"host": "grafana.example.com"}}""";
        var ephemeral = await DependencyGraph.OfAsync(await StackRunner.RunAsync(config));
        Assert.DoesNotContain("platform-prod-storage-rook-ceph-cluster", ephemeral.Direct(Stack));
    }

    private static object ValuesTreeOf(IReadOnlyDictionary<string, object> values, string path)
    {
        object current = values;
        foreach (var step in path.Split('.')) current = Map(current)[step];
        return current;
    }

    [Fact]
    public async Task Without_cluster_metrics_the_stack_runs_the_one_kube_state_metrics()
    {
        var config = ValidConfig.Values();
        config["capabilities"] = """{"clusterMetrics": false}""";
        var run = await StackRunner.RunAsync(config);

        Assert.Equal(true, ValuesTreeOf(Map(run.Registration(ReleaseType, Stack).Inputs["values"]), "kubeStateMetrics.enabled"));
        Assert.DoesNotContain(run.Registrations, r => r.Name!.Contains("kube-state-metrics", StringComparison.Ordinal) && r.Type == ReleaseType);
    }

    [Fact]
    public async Task Alertmanager_configuration_and_grafana_password_are_secrets_and_the_release_waits_for_them()
    {
        var config = ValidConfig.Values();
        config["monitoring"] = """{"ephemeral": true, "grafana": {"host": "grafana.example.com"}, "alertmanager": {"receivers": [{"name": "ops-slack", "type": "slack"}, {"name": "heartbeat", "type": "watchdog"}]}}""";
        config["monitoringSecrets"] = """{"ops-slack": "https://hooks.slack.com/services/T/B/slack-secret", "heartbeat": "https://hc.example.com/ping/hb-secret"}""";
        var run = await StackRunner.RunAsync(config);
        var graph = await DependencyGraph.OfAsync(run);

        var amArgs = (SecretArgs)run.Args["platform-prod-monitoring-alertmanager-config"];
        Assert.True(await Outputs.IsSecretAsync(amArgs.StringData.ToOutput()));
        Assert.Contains("stringData", ((CustomResourceOptions)run.Options["platform-prod-monitoring-alertmanager-config"]).AdditionalSecretOutputs);
        var file = Validation.StrictJson.DecodeYaml<AlertmanagerFile>((await Outputs.ValueAsync(amArgs.StringData.ToOutput()))[AlertmanagerConfiguration.SecretKey]);
        Assert.Equal("https://hooks.slack.com/services/T/B/slack-secret", Assert.Single(file.Receivers.Single(r => r.Name == "ops-slack").SlackConfigs!).ApiUrl);
        Assert.Equal("heartbeat", file.Route.Routes![0].Receiver);
        var am = run.Registration(SecretType, "platform-prod-monitoring-alertmanager-config");
        Assert.Equal(KubePrometheusStackValues.AlertmanagerConfigSecret, Map(am.Inputs["metadata"])["name"]);

        var grafanaArgs = (SecretArgs)run.Args["platform-prod-monitoring-grafana-admin"];
        Assert.True(await Outputs.IsSecretAsync(grafanaArgs.StringData.ToOutput()));
        Assert.Single(run.All<RandomPassword>(), p => p.GetResourceName() == "platform-prod-monitoring-grafana-admin-password");
        var output = run.Single<PlatformStack>().GrafanaAdminPassword;
        Assert.True(await Outputs.IsSecretAsync(output));
        Assert.Equal("http://grafana.example.com/", await Outputs.ValueAsync(run.Single<PlatformStack>().GrafanaUrl));

        Assert.Contains("platform-prod-monitoring-alertmanager-config", graph.Direct(Stack));
        Assert.Contains("platform-prod-monitoring-grafana-admin", graph.Direct(Stack));
        // No secret reaches the release's inputs.
        var values = System.Text.Json.JsonSerializer.Serialize(run.Registration(ReleaseType, Stack).Inputs["values"]);
        Assert.DoesNotContain("slack-secret", values, StringComparison.Ordinal);
        Assert.DoesNotContain("hb-secret", values, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grafana_gets_a_certificate_from_cert_manager_when_certificates_are_on()
    {
        var config = ValidConfig.Values();
        config["capabilities"] = """{"certificates": true}""";
        config["certificates"] = """{"acmeEmail": "platform@example.com"}""";
        var run = await StackRunner.RunAsync(config);

        var values = Map(run.Registration(ReleaseType, Stack).Inputs["values"]);
        Assert.Equal("letsencrypt-production", Map(ValuesTreeOf(values, "grafana.ingress.annotations"))["cert-manager.io/cluster-issuer"]);
        Assert.Equal("traefik", ValuesTreeOf(values, "grafana.ingress.ingressClassName"));
        Assert.Equal("https://grafana.platform-prod.example.com/", await Outputs.ValueAsync(run.Single<PlatformStack>().GrafanaUrl));

        var plain = await StackRunner.RunAsync(ValidConfig.Values());
        Assert.Equal("http://grafana.platform-prod.example.com/", await Outputs.ValueAsync(plain.Single<PlatformStack>().GrafanaUrl));
    }

    [Fact]
    public async Task One_schedulable_node_runs_one_replica_of_each()
    {
        var config = ValidConfig.Values();
        config["nodes"] = """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}]""";
        config["apiEndpoint"] = "10.0.0.11";
        var run = await StackRunner.RunAsync(config);

        var values = Map(run.Registration(ReleaseType, Stack).Inputs["values"]);
        Assert.Equal(1.0, ValuesTreeOf(values, "prometheus.prometheusSpec.replicas"));
        Assert.Equal(1.0, ValuesTreeOf(values, "alertmanager.alertmanagerSpec.replicas"));
        Assert.Equal(false, ValuesTreeOf(values, "prometheus.podDisruptionBudget.enabled"));
    }

    private static Dictionary<string, List<JsonObject>> Policies(Plan plan)
    {
        var result = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var policy in plan.OfType(PolicyType))
        {
            var ns = policy.Inputs["metadata"]!["namespace"]!.GetValue<string>();
            (result.TryGetValue(ns, out var list) ? list : result[ns] = []).Add(policy.Inputs);
        }
        return result;
    }

    private static IEnumerable<string> Ports(JsonObject policy, string direction) =>
        Assert.Single(policy["spec"]![direction]!.AsArray())!["ports"]!.AsArray().Select(p => $"{p!["port"]}/{p["protocol"]}");

    [Fact]
    public async Task The_monitoring_namespace_lets_through_scrapes_receivers_grafana_from_the_ingress_and_the_webhook()
    {
        var policies = Policies(await RenderedStacks.PlanAsync("fixture-full"))[MonitoringLayer.Namespace];
        JsonObject Named(string name) => Assert.Single(policies, p => p["metadata"]!["name"]!.GetValue<string>() == name);

        Assert.Equal(["10250/TCP", "9100/TCP"], Ports(Named("allow-scrape-nodes"), "egress"));
        // The metrics proxies and the platform's host-network pods (Cilium's agents and operator, MetalLB's speakers):
        // the node's address, which only a port-only rule matches.
        Assert.Equal(["10357/TCP", "10359/TCP", "2481/TCP"], Ports(Named("allow-metrics-proxies"), "egress").Take(3));
        Assert.Contains("9962/TCP", Ports(Named("allow-host-network-metrics"), "egress"));
        Assert.Contains("9963/TCP", Ports(Named("allow-host-network-metrics"), "egress"));
        Assert.Null(Assert.Single(Named("allow-host-network-metrics")["spec"]!["egress"]!.AsArray())!["to"]);
        // cert-manager's HTTP-01 solver for Grafana's certificate, reached through the ingress controller.
        Assert.Equal(["8089/TCP"], Ports(Named("allow-acme-solver-from-ingress"), "ingress"));
        Assert.Equal(["25/TCP", "443/TCP", "587/TCP"], Ports(Named("allow-alert-receivers"), "egress"));
        Assert.Equal(["10250/TCP"], Ports(Named("allow-admission-webhook"), "ingress"));
        var grafana = Named("allow-grafana-from-ingress");
        Assert.Equal(["3000/TCP"], Ports(grafana, "ingress"));
        Assert.Equal("traefik", Assert.Single(Assert.Single(grafana["spec"]!["ingress"]!.AsArray())!["from"]!.AsArray())!["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
        // Pods in every namespace, on the ports their monitors name: a namespace selector, never any address.
        var pods = Assert.Single(Named("allow-scrape-pods")["spec"]!["egress"]!.AsArray())!;
        Assert.Equal(new JsonObject { ["namespaceSelector"] = new JsonObject() }.ToJsonString(), Assert.Single(pods["to"]!.AsArray())!.ToJsonString());
        Assert.Contains(policies, p => p["metadata"]!["name"]!.GetValue<string>() == "default-deny");
    }

    [Fact]
    public async Task Extra_allowances_and_the_control_plane_overlay_reach_the_namespace_and_the_values()
    {
        var mocks = new PlatformMocks();
        var crdsName = "crds";
        await Deployment.TestAsync(mocks.Mock.Object, new Pulumi.Testing.TestOptions { IsPreview = true, ProjectName = "platform", StackName = "test" }, () =>
        {
            var crds = new MonitoringCrds(crdsName);
            _ = new MonitoringLayer("m", new MonitoringLayerArgs
            {
                Options = new MonitoringOptions
                {
                    Prometheus = Platform.Stacks.Configuration.MonitoringTierSizing.Prometheus(Platform.Stacks.Configuration.PlatformTier.Small),
                    Alertmanager = Platform.Stacks.Configuration.MonitoringTierSizing.Alertmanager(Platform.Stacks.Configuration.PlatformTier.Small),
                    Ephemeral = true,
                },
                Crds = crds.Release,
                ControlPlaneScrapeValues = new Dictionary<string, object> { ["kubeScheduler"] = HelmValues.Map(("enabled", true)) },
                ExtraAllowances = [new NetworkAllowance { Name = "allow-control-plane-metrics", Direction = TrafficDirection.Egress, AnyPeer = true, Ports = [(10259, "TCP")] }],
            });
        });

        Assert.Contains(mocks.Registrations, r => r.Type == PolicyType && r.Name == "m-namespace-allow-control-plane-metrics");
        var values = Map(Assert.Single(mocks.Registrations, r => r.Type == ReleaseType && r.Name == "m-kube-prometheus-stack").Inputs["values"]);
        Assert.Equal(true, ValuesTreeOf(values, "kubeScheduler.enabled"));
        Assert.Equal(false, ValuesTreeOf(values, "kubeEtcd.enabled"));
        // No ingress: no Ingress and no policy for one.
        Assert.DoesNotContain(mocks.Registrations, r => r.Type == PolicyType && r.Name == "m-namespace-allow-grafana-from-ingress");
        Assert.False(Map(values["grafana"]).ContainsKey("ingress"));
    }

    [Fact]
    public async Task Switched_off_monitoring_registers_nothing_and_the_outputs_are_empty()
    {
        var config = ValidConfig.Values();
        config["capabilities"] = """{"monitoring": false}""";
        var run = await StackRunner.RunAsync(config);

        Assert.DoesNotContain(run.Registrations, r => r.Type == ReleaseType && (r.Name == Crds || r.Name == Stack));
        Assert.Equal("", await Outputs.ValueAsync(run.Single<PlatformStack>().GrafanaUrl));
        Assert.True(await Outputs.IsSecretAsync(run.Single<PlatformStack>().GrafanaAdminPassword));
        var ksm = Map(run.Registration(ReleaseType, "platform-prod-cluster-metrics-kube-state-metrics").Inputs["values"]);
        Assert.False(ksm.ContainsKey("prometheus"));
    }
}
