using System.Collections;
using Platform.Components.Catalog;
using Platform.Components.Cluster;
using Platform.Components.Storage;
using Platform.Tests.Harness;

namespace Platform.Tests.Storage;

/// <summary>The Rook charts' values: every key one the pinned charts read, and the Ceph custom resources the cluster
/// chart renders from them (CephCluster, CephBlockPool, CephFilesystem, CephObjectStore) valid against their CRDs of
/// the same release, field by field.</summary>
public class RookCephValuesTests
{
    private static readonly RookCephPlan Plan = new()
    {
        Nodes = ["storage-1", "storage-2", "storage-3"],
        NodeLabel = StorageOptions.DefaultNodeLabel,
        Tolerations = [new NodeTaint { Key = "dedicated", Value = "storage", Effect = TaintEffect.NoSchedule }, new NodeTaint { Key = "maintenance", Effect = TaintEffect.PreferNoSchedule }],
        DeviceFilter = "^sd[b-z]",
        Devices = new Dictionary<string, IReadOnlyList<string>> { ["storage-2"] = ["sdb", "/dev/disk/by-id/ata-2"] },
        Replicas = 3,
    };

    private static string ChartData(string chart, string file) =>
        Path.Combine(RepoRoot.Path, "..", "shared", "charts", chart, HelmCharts.RookCeph.Version, file);

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static IEnumerable<string> Leaves(IReadOnlyDictionary<string, object> tree, string prefix = "")
    {
        foreach (var (key, value) in tree)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is IReadOnlyDictionary<string, object> map && map.Count > 0)
                foreach (var leaf in Leaves(map, path)) yield return leaf;
            else
                yield return path;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_operator_value_is_one_the_chart_reads_and_monitoring_follows_the_capability(bool monitoring)
    {
        var values = RookCephValues.Operator(monitoring);
        var paths = File.ReadAllLines(ChartData("rook-ceph", "values-paths.txt")).ToHashSet(StringComparer.Ordinal);
        Assert.All(Leaves(values), leaf => Assert.Contains(leaf, paths));
        Assert.Equal(true, ValuesTree.At(values, "crds.enabled"));
        Assert.Equal(monitoring, ValuesTree.At(values, "monitoring.enabled"));
        Assert.Equal(monitoring, ValuesTree.At(values, "csi.serviceMonitor.enabled"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_cluster_value_is_one_the_chart_reads_and_monitoring_follows_the_capability(bool monitoring)
    {
        var values = RookCephValues.Cluster(Plan, monitoring);
        var paths = File.ReadAllLines(ChartData("rook-ceph-cluster", "values-paths.txt")).ToHashSet(StringComparer.Ordinal);
        // cephClusterSpec is rendered whole and the pool lists are ranged over: their contents are checked against the
        // CRDs below; every other leaf must be a path the chart reads.
        string[] wholes = ["cephClusterSpec", "cephBlockPools", "cephFileSystems", "cephObjectStores"];
        Assert.All(Leaves(values).Where(l => !wholes.Any(w => l == w || l.StartsWith(w + ".", StringComparison.Ordinal))), leaf => Assert.Contains(leaf, paths));
        Assert.All(wholes, w => Assert.Contains(w, paths));
        Assert.Equal(monitoring, ValuesTree.At(values, "monitoring.enabled"));
        Assert.Equal(monitoring, ValuesTree.At(values, "monitoring.createPrometheusRules"));
        Assert.Equal(RookCephValues.Namespace, values["operatorNamespace"]);
    }

    [Fact]
    public void The_ceph_custom_resources_are_valid_against_their_crds()
    {
        var values = RookCephValues.Cluster(Plan, monitoring: true);
        Crd("cephclusters.ceph.rook.io").Check(values["cephClusterSpec"]);
        Crd("cephblockpools.ceph.rook.io").Check(Map(((object[])values["cephBlockPools"]).Single())["spec"]);
        Crd("cephfilesystems.ceph.rook.io").Check(Map(((object[])values["cephFileSystems"]).Single())["spec"]);
        Crd("cephobjectstores.ceph.rook.io").Check(Map(((object[])values["cephObjectStores"]).Single())["spec"]);
    }

    [Fact]
    public void The_crd_check_catches_a_misspelt_field()
    {
        var spec = new Dictionary<string, object> { ["mon"] = new Dictionary<string, object> { ["cuont"] = 3 } };
        var error = Assert.ThrowsAny<Exception>(() => Crd("cephclusters.ceph.rook.io").Check(spec));
        Assert.Contains("spec.mon.cuont", error.Message);
        Assert.ThrowsAny<Exception>(() => Crd("cephclusters.ceph.rook.io").Check(new Dictionary<string, object> { ["mon"] = new Dictionary<string, object> { ["count"] = "3" } }));
    }

    [Fact]
    public void Storage_classes_block_is_the_default_and_every_pool_keeps_the_configured_copies_on_separate_hosts()
    {
        var values = RookCephValues.Cluster(Plan with { Replicas = 2 }, monitoring: false);
        var block = Map(((object[])values["cephBlockPools"]).Single());
        var filesystem = Map(((object[])values["cephFileSystems"]).Single());
        var objects = Map(((object[])values["cephObjectStores"]).Single());
        Assert.Equal((RookCephValues.BlockClass, true), ((string)Map(block["storageClass"])["name"], (bool)Map(block["storageClass"])["isDefault"]));
        Assert.Equal((RookCephValues.FilesystemClass, false), ((string)Map(filesystem["storageClass"])["name"], (bool)Map(filesystem["storageClass"])["isDefault"]));
        Assert.Equal(RookCephValues.BucketClass, Map(objects["storageClass"])["name"]);
        Assert.Equal(RookCephValues.Namespace, Map(Map(block["storageClass"])["parameters"])["csi.storage.k8s.io/node-stage-secret-namespace"]);
        foreach (var pool in new[] { "spec.replicated", "spec.metadataPool.replicated", "spec.dataPools.0.replicated", "spec.dataPool.replicated" }
            .SelectMany(path => new[] { block, filesystem, objects }.Where(tree => Has(tree, path)).Select(tree => ValuesTree.At(tree, path))))
            Assert.Equal(2, Map(pool)["size"]);
        Assert.Equal(true, ValuesTree.At(filesystem, "spec.preserveFilesystemOnDelete"));
        Assert.Equal(true, ValuesTree.At(objects, "spec.preservePoolsOnDelete"));
        Assert.Equal("host", ValuesTree.At(block, "spec.failureDomain"));
    }

    [Fact]
    public void Tolerations_follow_the_taints_with_exists_for_a_taint_without_value()
    {
        var all = Map(ValuesTree.At(RookCephValues.Cluster(Plan, false), "cephClusterSpec.placement.all"));
        var tolerations = ((object[])all["tolerations"]).Select(Map).ToList();
        Assert.Equal(["dedicated/Equal/storage/NoSchedule", "maintenance/Exists//PreferNoSchedule"],
            tolerations.Select(t => $"{t["key"]}/{t["operator"]}/{t.GetValueOrDefault("value")}/{t["effect"]}"));
    }

    [Fact]
    public void A_plan_the_nodes_cannot_hold_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RookCephValues.Cluster(Plan with { Nodes = [] }, false));
        Assert.Throws<ArgumentException>(() => RookCephValues.Cluster(Plan with { Nodes = ["storage-1", "storage-2"], Devices = new Dictionary<string, IReadOnlyList<string>>() }, false));
        Assert.Throws<ArgumentException>(() => RookCephValues.Cluster(Plan with { Devices = new Dictionary<string, IReadOnlyList<string>> { ["worker-1"] = ["sdb"] } }, false));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 1, 2)]
    [InlineData(3, 3, 2)]
    [InlineData(5, 3, 2)]
    public void Mons_and_mgrs_fit_the_storage_nodes(int nodes, int mons, int mgrs)
    {
        var plan = Plan with { Nodes = [.. Enumerable.Range(1, nodes).Select(i => $"storage-{i}")], Replicas = 1, Devices = new Dictionary<string, IReadOnlyList<string>>() };
        Assert.Equal((mons, mgrs), (plan.Mons, plan.Mgrs));
        var spec = Map(RookCephValues.Cluster(plan, false)["cephClusterSpec"]);
        Assert.Equal((mons, mgrs), ((int)Map(spec["mon"])["count"], (int)Map(spec["mgr"])["count"]));
    }

    private static bool Has(IReadOnlyDictionary<string, object> tree, string path)
    {
        object current = tree;
        foreach (var step in path.Split('.'))
        {
            if (int.TryParse(step, out var i)) { if (current is object[] list && i < list.Length) { current = list[i]; continue; } return false; }
            if (current is not IReadOnlyDictionary<string, object> map || !map.TryGetValue(step, out var next)) return false;
            current = next;
        }
        return true;
    }

    private static CrdSchema Crd(string name)
    {
        var crd = (IDictionary)ValuesTree.Parse(File.ReadAllText(ChartData("rook-ceph", Path.Combine("crds", name + ".yaml"))))!;
        var version = ((IList)((IDictionary)crd["spec"]!)["versions"]!).Cast<IDictionary>().Single(v => (string)v["name"]! == "v1");
        var schema = (IDictionary)((IDictionary)version["schema"]!)["openAPIV3Schema"]!;
        return new CrdSchema((IDictionary)((IDictionary)schema["properties"]!)["spec"]!);
    }

    /// <summary>A CRD's structural schema, checked the way the API server prunes and validates: closed objects (unless
    /// they preserve unknown fields or allow additional properties), and the types of scalars.</summary>
    private sealed record CrdSchema(IDictionary Spec)
    {
        public void Check(object value) => Walk(Spec, value, "spec");

        private static void Walk(IDictionary schema, object value, string path)
        {
            if (schema.Contains("x-kubernetes-preserve-unknown-fields") && Equals(schema["x-kubernetes-preserve-unknown-fields"], true)) return;
            if (schema.Contains("x-kubernetes-int-or-string") && value is int or string) return;
            var type = schema.Contains("type") ? (string?)schema["type"] : null;
            switch (value)
            {
                case IReadOnlyDictionary<string, object> map:
                    Assert.True(type is "object", $"{path} is an object, the CRD says {type}");
                    var properties = schema.Contains("properties") ? (IDictionary)schema["properties"]! : null;
                    foreach (var (key, child) in map)
                    {
                        if (properties is not null && properties.Contains(key)) Walk((IDictionary)properties[key]!, child, $"{path}.{key}");
                        else if (schema.Contains("additionalProperties") && schema["additionalProperties"] is IDictionary additional) Walk(additional, child, $"{path}.{key}");
                        else Assert.Fail($"{path}.{key} is not a field of the CRD");
                    }
                    break;
                case object[] list:
                    Assert.True(type is "array", $"{path} is a list, the CRD says {type}");
                    for (var i = 0; i < list.Length; i++) Walk((IDictionary)schema["items"]!, list[i], $"{path}[{i}]");
                    break;
                case string text:
                    Assert.True(type is "string", $"{path} is text, the CRD says {type}");
                    if (schema.Contains("enum")) Assert.Contains(text, ((IList)schema["enum"]!).Cast<object>().Select(e => e?.ToString()));
                    break;
                case bool:
                    Assert.True(type is "boolean", $"{path} is a boolean, the CRD says {type}");
                    break;
                case int:
                    Assert.True(type is "integer" or "number", $"{path} is a number, the CRD says {type}");
                    break;
                default:
                    Assert.Fail($"{path} holds a {value?.GetType().Name}");
                    break;
            }
        }
    }
}
