using Platform.Components.Catalog;
using Platform.Components.Observability;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;

namespace Platform.Tests.Observability;

/// <summary>The cluster metrics layer as the stacks compose it: on for every tier, replicas by tier, metrics-server's
/// serving certificate from cert-manager when the certificates capability is on, the traffic its namespace allows, and
/// the hardening switch it needs.</summary>
public class ClusterMetricsLayerTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string MetricsServer = "platform-prod-cluster-metrics-metrics-server";
    private const string KubeStateMetrics = "platform-prod-cluster-metrics-kube-state-metrics";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static Dictionary<string, string> Config(params (string Key, string Value)[] entries)
    {
        var config = ValidConfig.Values();
        foreach (var (key, value) in entries) config[key] = value;
        // Backups are mandatory for the enterprise tier, and without Rook-Ceph they go to an external endpoint.
        if (config["tier"] == "enterprise") Backup.BackupConfigTests.WithExternalTarget(config);
        return config;
    }

    private static IReadOnlyDictionary<string, object> Values(StackRun run, string release) => Map(run.Registration(ReleaseType, release).Inputs["values"]);

    [Theory]
    [InlineData("small", 1)]
    [InlineData("medium", 2)]
    [InlineData("enterprise", 2)]
    public async Task Every_tier_runs_metrics_server_and_kube_state_metrics_in_their_namespace(string tier, int replicas)
    {
        // Two workers: workloads have more than one node.
        const string nodes = """
            [{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"},
             {"name": "worker-1", "address": "10.0.0.21", "role": "worker"},
             {"name": "worker-2", "address": "10.0.0.22", "role": "worker"}]
            """;
        var run = await StackRunner.RunAsync(Config(("tier", tier), ("nodes", nodes)));

        run.Single<ClusterMetricsLayer>();
        var release = run.Registration(ReleaseType, MetricsServer);
        Assert.Equal(HelmCharts.MetricsServer.Version, release.Inputs["version"]);
        Assert.Equal(ClusterMetricsLayer.Namespace, release.Inputs["namespace"]);
        Assert.Equal(replicas, Convert.ToInt32(Values(run, MetricsServer)["replicas"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(replicas > 1, ValuesTree.At(Values(run, MetricsServer), "podDisruptionBudget.enabled"));
        Assert.Equal(ClusterMetricsLayer.Namespace, run.Registration(ReleaseType, KubeStateMetrics).Inputs["namespace"]);
        var ns = Map(run.Registration("kubernetes:core/v1:Namespace", "platform-prod-cluster-metrics-namespace").Inputs["metadata"]);
        Assert.Equal("restricted", Map(ns["labels"])["pod-security.kubernetes.io/enforce"]);
    }

    [Fact]
    public async Task Where_workloads_have_one_node_metrics_server_runs_one_replica_without_a_budget()
    {
        const string nodes = """
            [{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"},
             {"name": "worker-1", "address": "10.0.0.21", "role": "worker"}]
            """;
        var run = await StackRunner.RunAsync(Config(("tier", "enterprise"), ("nodes", nodes)));

        Assert.Equal(1, Convert.ToInt32(Values(run, MetricsServer)["replicas"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(false, ValuesTree.At(Values(run, MetricsServer), "podDisruptionBudget.enabled"));
    }

    [Fact]
    public async Task With_certificates_on_cert_manager_issues_the_serving_certificate_and_the_release_waits_for_it()
    {
        var run = await StackRunner.RunAsync(Config(("capabilities", """{"certificates": true}"""), ("certificates", """{"acmeEmail": "platform@example.com"}""")));
        var graph = await DependencyGraph.OfAsync(run);

        Assert.Equal("cert-manager", ValuesTree.At(Values(run, MetricsServer), "tls.type"));
        Assert.Contains("platform-prod-certificates-cert-manager", graph.Direct(MetricsServer));

        var without = await StackRunner.RunAsync(Config());
        Assert.Equal("helm", ValuesTree.At(Values(without, MetricsServer), "tls.type"));
        Assert.DoesNotContain("platform-prod-certificates-cert-manager", (await DependencyGraph.OfAsync(without)).Direct(MetricsServer));
    }

    [Fact]
    public async Task Metrics_server_waits_for_the_serving_certificate_approver_and_kube_state_metrics_does_not()
    {
        var graph = await DependencyGraph.OfAsync(await StackRunner.RunAsync(Config()));

        Assert.Contains("platform-prod-serving-certificates-kubelet-csr-approver", graph.Direct(MetricsServer));
        Assert.DoesNotContain("platform-prod-serving-certificates-kubelet-csr-approver", graph.Direct(KubeStateMetrics));
    }

    [Fact]
    public async Task The_namespace_lets_the_api_server_in_and_metrics_server_out_to_the_kubelets_and_nothing_else()
    {
        var run = await StackRunner.RunAsync(Config());
        var policies = run.RegistrationsOf("kubernetes:networking.k8s.io/v1:NetworkPolicy")
            .Where(p => (string)Map(p.Inputs["metadata"])["namespace"] == ClusterMetricsLayer.Namespace)
            .ToDictionary(p => (string)Map(p.Inputs["metadata"])["name"], p => Map(p.Inputs["spec"]));

        Assert.Equal(
            ["allow-api-server", "allow-dns", "allow-kubelets", "allow-metrics-api", "allow-metrics-from-monitoring", "default-deny"],
            policies.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((10250, "TCP"), Rule(policies["allow-metrics-api"], "ingress", "Ingress"));
        Assert.Equal((10250, "TCP"), Rule(policies["allow-kubelets"], "egress", "Egress"));
    }

    /// <summary>The one port of a policy's one rule, which must be for any peer (no from/to) and of the given type only.</summary>
    private static (int Port, string Protocol) Rule(IReadOnlyDictionary<string, object> spec, string direction, string type)
    {
        Assert.Equal([type], ((System.Collections.Immutable.ImmutableArray<object>)spec["policyTypes"]).Cast<string>());
        Assert.False(spec.ContainsKey(direction == "ingress" ? "egress" : "ingress"));
        var rule = Map(Assert.Single((System.Collections.Immutable.ImmutableArray<object>)spec[direction]));
        Assert.Equal(["ports"], rule.Keys);
        var port = Map(Assert.Single((System.Collections.Immutable.ImmutableArray<object>)rule["ports"]));
        return (Convert.ToInt32(port["port"], System.Globalization.CultureInfo.InvariantCulture), (string)port["protocol"]);
    }

    [Fact]
    public async Task Without_serving_certificates_from_the_cluster_ca_cluster_metrics_is_a_configuration_error_naming_both_keys()
    {
        var exception = ("hardeningExceptions", """{"kubeletServingCertificates": "the kubelets serve self-signed certificates"}""");
        var mocks = new PlatformMocks();

        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(Config(exception), mocks: mocks));

        Assert.Contains("platform:hardeningExceptions.kubeletServingCertificates: the clusterMetrics capability is on", error.Message, StringComparison.Ordinal);
        Assert.Contains("never runs metrics-server with --kubelet-insecure-tls", error.Message, StringComparison.Ordinal);
        Assert.Contains("platform:capabilities.clusterMetrics", error.Message, StringComparison.Ordinal);
        Assert.Empty(mocks.Registrations);

        var off = await StackRunner.RunAsync(Config(exception, ("capabilities", """{"clusterMetrics": false}""")));
        Assert.Empty(off.All<ClusterMetricsLayer>());
    }
}
