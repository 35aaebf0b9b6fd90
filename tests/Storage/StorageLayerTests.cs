using System.Collections.Immutable;
using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Components.Storage;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Render;
using Pulumi;
using Pulumi.Testing;

namespace Platform.Tests.Storage;

/// <summary>What the storage capability registers: Rook's operator and the protected Ceph cluster release on the
/// labelled storage nodes, in a privileged namespace, after the CNI and every node; nothing with an existing class.</summary>
public class StorageLayerTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string Operator = "platform-prod-storage-rook-ceph";
    private const string CephCluster = "platform-prod-storage-rook-ceph-cluster";

    /// <summary>ValidConfig's nodes plus three storage workers, labelled and tainted as in the enterprise example.</summary>
    internal const string NodesWithStorage = """
        [
          {"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"},
          {"name": "cp-2", "address": "10.0.0.12", "role": "control-plane"},
          {"name": "cp-3", "address": "10.0.0.13", "role": "control-plane"},
          {"name": "worker-1", "address": "10.0.0.21", "role": "worker"},
          {"name": "storage-1", "address": "10.0.2.31", "role": "worker", "labels": {"node-role.kubernetes.io/storage": ""},
           "taints": [{"key": "dedicated", "value": "storage", "effect": "NoSchedule"}]},
          {"name": "storage-2", "address": "10.0.2.32", "role": "worker", "labels": {"node-role.kubernetes.io/storage": ""},
           "taints": [{"key": "dedicated", "value": "storage", "effect": "NoSchedule"}]},
          {"name": "storage-3", "address": "10.0.2.33", "role": "worker", "labels": {"node-role.kubernetes.io/storage": ""},
           "taints": [{"key": "dedicated", "value": "storage", "effect": "NoSchedule"}]}
        ]
        """;

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static ImmutableArray<object> List(object value) => (ImmutableArray<object>)value;

    internal static Dictionary<string, string> Stateful(string? storage = null, string nodes = NodesWithStorage)
    {
        var config = ValidConfig.Values();
        config["statefulWorkloads"] = "true";
        config["nodes"] = nodes;
        if (storage is not null) config["storage"] = storage;
        return config;
    }

    [Fact]
    public async Task Storage_is_off_without_stateful_workloads_and_rook_ceph_by_default_with_them()
    {
        var off = await StackRunner.RunAsync(ValidConfig.Values());
        Assert.Empty(off.All<StorageLayer>());
        Assert.DoesNotContain(off.Registrations, r => r.Type == ReleaseType && r.Name!.Contains("rook", StringComparison.Ordinal));

        var run = await StackRunner.RunAsync(Stateful());
        var layer = run.Single<StorageLayer>();
        Assert.Equal(RookCephValues.BlockClass, layer.StorageClassName);
        Assert.Equal(["storage-1", "storage-2", "storage-3"], layer.StorageNodes);
        var rook = run.Registration(ReleaseType, Operator);
        Assert.Equal((HelmCharts.RookCeph.Name, HelmCharts.RookCeph.Version, HelmCharts.RookCeph.Repository),
            ((string)rook.Inputs["chart"], (string)rook.Inputs["version"], (string)Map(rook.Inputs["repositoryOpts"])["repo"]));
        Assert.Equal(true, Map(Map(rook.Inputs["values"])["crds"])["enabled"]);
        var cluster = run.Registration(ReleaseType, CephCluster);
        Assert.Equal((HelmCharts.RookCephCluster.Name, HelmCharts.RookCephCluster.Version), ((string)cluster.Inputs["chart"], (string)cluster.Inputs["version"]));
        Assert.Equal(RookCephValues.Namespace, cluster.Inputs["namespace"]);
        Assert.Equal(RookCephValues.Namespace, rook.Inputs["namespace"]);
    }

    [Fact]
    public async Task The_ceph_cluster_runs_on_the_labelled_nodes_tolerating_their_taint_with_three_mons_and_no_cleanup()
    {
        var run = await StackRunner.RunAsync(Stateful());
        var values = Map(run.Registration(ReleaseType, CephCluster).Inputs["values"]);
        var spec = Map(values["cephClusterSpec"]);
        Assert.Equal(3.0, Map(spec["mon"])["count"]);
        Assert.Equal(false, Map(spec["mon"])["allowMultiplePerNode"]);
        Assert.Equal(2.0, Map(spec["mgr"])["count"]);
        var storage = Map(spec["storage"]);
        Assert.Equal(false, storage["useAllNodes"]);
        Assert.Equal(true, storage["useAllDevices"]);
        Assert.Equal(["storage-1", "storage-2", "storage-3"], List(storage["nodes"]).Select(n => (string)Map(n)["name"]));
        var all = Map(Map(spec["placement"])["all"]);
        var term = Map(List(Map(Map(all["nodeAffinity"])["requiredDuringSchedulingIgnoredDuringExecution"])["nodeSelectorTerms"]).Single());
        var expression = Map(List(term["matchExpressions"]).Single());
        Assert.Equal(("node-role.kubernetes.io/storage", "Exists"), ((string)expression["key"], (string)expression["operator"]));
        var toleration = Map(List(all["tolerations"]).Single());
        Assert.Equal(("dedicated", "Equal", "storage", "NoSchedule"),
            ((string)toleration["key"], (string)toleration["operator"], (string)toleration["value"], (string)toleration["effect"]));
        Assert.Equal("", Map(spec["cleanupPolicy"])["confirmation"]);
        Assert.Equal(3.0, Map(Map(Map(List(values["cephBlockPools"]).Single())["spec"])["replicated"])["size"]);
    }

    [Fact]
    public async Task The_cluster_release_holds_the_data_so_it_is_protected_kept_on_delete_and_never_rolled_back()
    {
        var run = await StackRunner.RunAsync(Stateful());
        Assert.True(run.Options[CephCluster].Protect);
        Assert.True(run.Options[CephCluster].RetainOnDelete);
        var cluster = run.Registration(ReleaseType, CephCluster);
        Assert.Equal(false, cluster.Inputs["atomic"]);
        Assert.Equal(false, cluster.Inputs["cleanupOnFail"]);
        // The operator holds no data: an ordinary atomic release (its CRDs carry helm.sh/resource-policy: keep).
        Assert.NotEqual(true, run.Options[Operator].Protect);
        Assert.Equal(true, run.Registration(ReleaseType, Operator).Inputs["atomic"]);
    }

    [Fact]
    public async Task The_cluster_waits_for_the_operator_and_the_layer_for_the_cni_and_every_node()
    {
        var run = await StackRunner.RunAsync(Stateful());
        var graph = await DependencyGraph.OfAsync(run);
        Assert.Contains(Operator, graph.Direct(CephCluster));
        foreach (var release in new[] { Operator, CephCluster })
        {
            Assert.Contains("platform-prod-cni-cilium", graph.Direct(release));
            foreach (var node in new[] { "cp-1", "worker-1", "storage-3" })
                Assert.Contains($"platform-prod-{node}-register", graph.Direct(release));
        }
    }

    [Fact]
    public async Task The_namespace_is_privileged_and_opens_only_cephs_ports_beyond_itself()
    {
        var run = await StackRunner.RunAsync(Stateful());
        var ns = run.Registration("kubernetes:core/v1:Namespace", "platform-prod-storage-namespace");
        Assert.Equal("privileged", Map(Map(ns.Inputs["metadata"])["labels"])["pod-security.kubernetes.io/enforce"]);
        var clients = run.Registration("kubernetes:networking.k8s.io/v1:NetworkPolicy", "platform-prod-storage-namespace-allow-ceph-clients");
        var rule = Map(List(Map(clients.Inputs["spec"])["ingress"]).Single());
        Assert.False(rule.ContainsKey("from"));
        var ports = List(rule["ports"]).Select(Map).Select(p => ((double)p["port"], p.TryGetValue("endPort", out var end) ? (double)end : 0)).ToList();
        Assert.Equal([(3300.0, 0.0), (6789.0, 0.0), (6800.0, 7300.0)], ports);
        var metrics = run.Registration("kubernetes:networking.k8s.io/v1:NetworkPolicy", "platform-prod-storage-namespace-allow-metrics-from-monitoring");
        Assert.Equal([9283.0, 9926.0], List(Map(List(Map(metrics.Inputs["spec"])["ingress"]).Single())["ports"]).Select(p => (double)Map(p)["port"]));
    }

    [Fact]
    public async Task An_existing_class_installs_nothing_and_is_the_class_layers_get()
    {
        var run = await StackRunner.RunAsync(Stateful("""{"provider": "existing", "className": "fast-ssd"}"""));
        var layer = run.Single<StorageLayer>();
        Assert.Equal("fast-ssd", layer.StorageClassName);
        Assert.Null(layer.CephCluster);
        Assert.DoesNotContain(run.Registrations, r => r.Type == ReleaseType && r.Name!.Contains("rook", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Registrations, r => r.Name == "platform-prod-storage-namespace");
    }

    [Fact]
    public async Task Explicit_devices_and_a_filter_reach_the_ceph_cluster()
    {
        var run = await StackRunner.RunAsync(Stateful("""{"deviceFilter": "^nvme[0-9]n1$", "devices": {"storage-2": ["sdb", "/dev/disk/by-id/ata-disk-2"]}}"""));
        var storage = Map(Map(Map(run.Registration(ReleaseType, CephCluster).Inputs["values"])["cephClusterSpec"])["storage"]);
        Assert.Equal(false, storage["useAllDevices"]);
        Assert.Equal("^nvme[0-9]n1$", storage["deviceFilter"]);
        var nodes = List(storage["nodes"]).Select(Map).ToList();
        Assert.False(nodes[0].ContainsKey("devices"));
        Assert.Equal(false, nodes[1]["useAllDevices"]);
        Assert.Equal(["sdb", "/dev/disk/by-id/ata-disk-2"], List(nodes[1]["devices"]).Select(d => (string)Map(d)["name"]));
    }

    [Fact]
    public async Task Destroying_data_on_delete_is_an_explicit_setting()
    {
        var run = await StackRunner.RunAsync(Stateful("""{"destroyDataOnDelete": true}"""));
        var spec = Map(Map(run.Registration(ReleaseType, CephCluster).Inputs["values"])["cephClusterSpec"]);
        Assert.Equal(RookCephValues.DestroyConfirmation, Map(spec["cleanupPolicy"])["confirmation"]);
    }

    [Fact]
    public async Task One_storage_node_with_one_replica_gets_one_mon_and_a_warning()
    {
        var plan = await RenderedStacks.PlanAsync("fixture-full");
        var release = Assert.Single(plan.Registrations, r => r.Type == ReleaseType && r.Name == "full-storage-rook-ceph-cluster");
        Assert.Equal(1L, (long)release.Inputs["values"]!["cephClusterSpec"]!["mon"]!["count"]!);
        Assert.Equal(1L, (long)release.Inputs["values"]!["cephClusterSpec"]!["mgr"]!["count"]!);
        var warning = Assert.Single(plan.Warnings, w => w.StartsWith("platform:storage:", StringComparison.Ordinal));
        Assert.Contains("one monitor on 1 storage node (storage-1)", warning);

        var enterprise = await RenderedStacks.PlanAsync("example-enterprise");
        Assert.DoesNotContain(enterprise.Warnings, w => w.StartsWith("platform:storage:", StringComparison.Ordinal));
    }
}

/// <summary>The component on its own: what the stack cannot switch on yet (monitoring) and what it refuses earlier.</summary>
public class StorageLayerComponentTests
{
    private static readonly IReadOnlyList<Platform.Components.Cluster.ClusterNode> Nodes =
        Platform.Tests.Configuration.ValidConfig.Load(v => v["nodes"] = StorageLayerTests.NodesWithStorage).Nodes;

    private static async Task<IReadOnlyList<MockResourceArgs>> Registrations(StorageLayerArgs args)
    {
        var mocks = new PlatformMocks();
        await Deployment.TestAsync(mocks.Mock.Object, new TestOptions { IsPreview = true, ProjectName = "platform", StackName = "test" },
            () => { _ = new StorageLayer("storage", args); });
        return mocks.Registrations;
    }

    private static IReadOnlyDictionary<string, object> Values(IReadOnlyList<MockResourceArgs> registrations, string name) =>
        (IReadOnlyDictionary<string, object>)registrations.Single(r => r.Type == "kubernetes:helm.sh/v3:Release" && r.Name == name).Inputs["values"];

    private static object At(IReadOnlyDictionary<string, object> tree, string path) =>
        path.Split('.').Aggregate((object)tree, (node, step) => ((IReadOnlyDictionary<string, object>)node)[step]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Service_monitors_and_alert_rules_follow_the_monitoring_capability(bool monitoring)
    {
        var run = await ComponentRun.RunAsync(() => new Pulumi.Kubernetes.Core.V1.Namespace("crds"), (crds, options) => _ = new StorageLayer("storage",
            new StorageLayerArgs { Options = new StorageOptions(), Nodes = Nodes, Metrics = monitoring ? new Platform.Components.Observability.MetricsScraping { CrdsReady = crds } : null },
            options));
        var registrations = run.Registrations;
        var rook = Values(registrations, "storage-rook-ceph");
        var cluster = Values(registrations, "storage-rook-ceph-cluster");
        Assert.Equal(monitoring, At(rook, "monitoring.enabled"));
        Assert.Equal(monitoring, At(rook, "csi.serviceMonitor.enabled"));
        Assert.Equal(monitoring, At(cluster, "monitoring.enabled"));
        Assert.Equal(monitoring, At(cluster, "monitoring.createPrometheusRules"));
    }

    [Fact]
    public async Task Invalid_options_are_refused_before_anything_is_registered()
    {
        var mocks = new PlatformMocks();
        await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(mocks.Mock.Object, new TestOptions { IsPreview = true, ProjectName = "platform", StackName = "test" },
            () => { _ = new StorageLayer("storage", new StorageLayerArgs { Options = new StorageOptions { Provider = StorageProvider.Existing }, Nodes = Nodes }); }));
        Assert.DoesNotContain(mocks.Registrations, r => r.Type != "platform:storage:Storage");
    }
}
