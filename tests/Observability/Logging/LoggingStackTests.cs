using Platform.Components.Observability;
using Platform.Stacks;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Storage;

namespace Platform.Tests.Observability.Logging;

/// <summary>The logging layer as the stacks compose it: on in every tier, after storage and monitoring, on Ceph after the
/// storage layer, one node where workloads have one node, and the stack's outputs.</summary>
public class LoggingStackTests
{
    private const string Release = "platform-prod-logging-opensearch";

    [Fact]
    public async Task Logging_is_on_in_every_tier_after_monitoring()
    {
        foreach (var tier in new[] { "small", "medium", "enterprise" })
        {
            var config = ValidConfig.Values();
            config["tier"] = tier;
            Platform.Tests.Tenancy.TenancyConfigTests.EnterpriseBackupTarget(config);
            var run = await StackRunner.RunAsync(config);
            Assert.Single(run.All<LoggingLayer>());
        }
        var medium = await StackRunner.RunAsync(ValidConfig.Values());
        var names = medium.Registrations.Select(r => r.Name).ToList();
        Assert.True(names.IndexOf("platform-prod-monitoring-kube-prometheus-stack") < names.IndexOf(Release));
        // Every layer after the CNI waits for it and for every node.
        var graph = await DependencyGraph.OfAsync(medium);
        Assert.Contains("platform-prod-cni-cilium", graph.Direct(Release));
    }

    [Fact]
    public async Task Opensearch_keeps_its_data_on_ceph_after_the_storage_layer_and_its_namespace_is_protected()
    {
        var config = StorageLayerTests.Stateful();
        config["logging"] = """{"dashboards": {"host": "logs.example.com"}}""";
        var run = await StackRunner.RunAsync(config);
        var graph = await DependencyGraph.OfAsync(run);

        Assert.Contains("platform-prod-storage-rook-ceph-cluster", graph.Direct(Release));
        var values = (IReadOnlyDictionary<string, object>)run.Registration("kubernetes:helm.sh/v3:Release", Release).Inputs["values"];
        Assert.Equal("ceph-block", ValuesTree.At(values, "persistence.storageClass"));
        Assert.True(run.Options["platform-prod-logging-namespace"].Protect);

        config["logging"] = """{"ephemeral": true}""";
        var ephemeral = await StackRunner.RunAsync(config);
        Assert.DoesNotContain("platform-prod-storage-rook-ceph-cluster", (await DependencyGraph.OfAsync(ephemeral)).Direct(Release));
        Assert.False(ephemeral.Options["platform-prod-logging-namespace"].Protect ?? false);
    }

    [Fact]
    public async Task One_schedulable_node_runs_one_opensearch_node_and_the_outputs_carry_the_url_and_the_secret_password()
    {
        const string nodes = """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}, {"name": "worker-1", "address": "10.0.0.21", "role": "worker"}]""";
        var config = ValidConfig.Values();
        config["nodes"] = nodes;
        config["logging"] = """{"ephemeral": true, "dashboards": {"host": "logs.example.com"}}""";
        var run = await StackRunner.RunAsync(config);

        var values = (IReadOnlyDictionary<string, object>)run.Registration("kubernetes:helm.sh/v3:Release", Release).Inputs["values"];
        Assert.Equal(1d, Convert.ToDouble(values["replicas"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(true, values["singleNode"]);
        var stack = run.Single<PlatformStack>();
        Assert.True(await Outputs.IsSecretAsync(stack.OpenSearchAdminPassword));
        Assert.Equal("http://logs.example.com/", await Outputs.ValueAsync(stack.OpenSearchDashboardsUrl));

        var off = ValidConfig.Values();
        off.Remove("logging");
        off["capabilities"] = """{"logging": false}""";
        var without = await StackRunner.RunAsync(off);
        Assert.Empty(without.All<LoggingLayer>());
        Assert.Equal("", await Outputs.ValueAsync(without.Single<PlatformStack>().OpenSearchDashboardsUrl));
    }
}
