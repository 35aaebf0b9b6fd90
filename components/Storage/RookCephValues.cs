using Platform.Components.Cluster;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Storage;

/// <summary>Helm values for the Rook operator (<see cref="Catalog.HelmCharts.RookCeph"/>) and the cluster
/// (<see cref="Catalog.HelmCharts.RookCephCluster"/>). Every key is one the charts of the pinned version read (checked by
/// chart-check against their values.yaml and values-paths). The trees hold only string, bool, int, nested
/// <see cref="Dictionary{TKey, TValue}"/> and <c>object[]</c>, never null.</summary>
/// <remarks>Choices that are not options:
/// <list type="bullet">
/// <item>The operator chart installs and upgrades the <c>ceph.rook.io</c> CRDs with the release (<c>crds.enabled</c>;
/// each CRD template carries <c>helm.sh/resource-policy: keep</c>, so no uninstall deletes them and with them every
/// CephCluster).</item>
/// <item>Ceph daemons use pod networking (the chart's default; no <c>network.provider: host</c>), so the namespace's
/// NetworkPolicy applies to them: see <see cref="StorageLayer"/>.</item>
/// <item>Pools replicate across hosts (failure domain <c>host</c>), the object store's data pool too (the chart's
/// default 2+1 erasure coding would need three hosts whatever the replica count).</item>
/// <item>The filesystem and object store keep their pools when their custom resource is deleted
/// (<c>preserveFilesystemOnDelete</c>, <c>preservePoolsOnDelete</c>).</item>
/// </list></remarks>
public static class RookCephValues
{
    /// <summary>The namespace of the operator and of the Ceph cluster: <c>rook-ceph</c>, the charts' default, which is
    /// also the prefix of the CSI driver names (<c>rook-ceph.rbd.csi.ceph.com</c>).</summary>
    public const string Namespace = "rook-ceph";

    /// <summary>The block StorageClass (RBD), the cluster's default class.</summary>
    public const string BlockClass = "ceph-block";

    /// <summary>The shared filesystem StorageClass (CephFS, ReadWriteMany).</summary>
    public const string FilesystemClass = "ceph-filesystem";

    /// <summary>The bucket StorageClass (RGW object store; ObjectBucketClaims name it).</summary>
    public const string BucketClass = "ceph-bucket";

    /// <summary>The object store (CephObjectStore) behind <see cref="BucketClass"/>.</summary>
    public const string ObjectStoreName = "ceph-objectstore";

    /// <summary>The Service of the object store's S3 gateway (RGW), port 80 inside the cluster (Rook names it
    /// <c>rook-ceph-rgw-&lt;store&gt;</c>; an ObjectBucketClaim's ConfigMap gives the same host as BUCKET_HOST).</summary>
    public const string ObjectGatewayService = "rook-ceph-rgw-" + ObjectStoreName;

    /// <summary>The value of <c>cleanupPolicy.confirmation</c> that lets Rook wipe the hosts when the CephCluster is
    /// deleted (Rook's own spelling).</summary>
    public const string DestroyConfirmation = "yes-really-destroy-data";

    /// <summary>The ports Ceph serves metrics on: 9283, the mgr's prometheus module, and 9926, the per-node
    /// ceph-exporter.</summary>
    public static IReadOnlyList<(int Port, string Protocol)> MetricsPorts { get; } = [(9283, "TCP"), (9926, "TCP")];

    /// <summary>The operator's values. <paramref name="monitoring"/>: the monitoring capability is on, so the
    /// operator may create ServiceMonitors and the CSI drivers get one.</summary>
    public static IReadOnlyDictionary<string, object> Operator(bool monitoring) => new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["crds"] = Map(("enabled", true)),
        ["monitoring"] = Map(("enabled", monitoring)),
        ["csi"] = Map(("serviceMonitor", Map(("enabled", monitoring)))),
    };

    /// <summary>The cluster chart's values for <paramref name="plan"/>: the CephCluster on the storage nodes, a block
    /// pool, a filesystem and an object store with their StorageClasses. <paramref name="monitoring"/>: ServiceMonitors
    /// and Ceph's alert rules, once the monitoring capability runs Prometheus.</summary>
    public static IReadOnlyDictionary<string, object> Cluster(RookCephPlan plan, bool monitoring)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Nodes.Count == 0)
            throw new ArgumentException("A Rook-Ceph cluster needs at least one storage node.", nameof(plan));
        if (plan.Replicas > plan.Nodes.Count)
            throw new ArgumentException($"{plan.Replicas} replicas need {plan.Replicas} storage nodes; there are {plan.Nodes.Count}.", nameof(plan));
        var unknown = plan.Devices.Keys.Where(n => !plan.Nodes.Contains(n, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Devices are listed for {string.Join(", ", unknown)}, which are not storage nodes.", nameof(plan));

        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["operatorNamespace"] = Namespace,
            ["monitoring"] = Map(("enabled", monitoring), ("createPrometheusRules", monitoring)),
            ["cephClusterSpec"] = ClusterSpec(plan),
            ["cephBlockPools"] = new object[] { BlockPool(plan.Replicas) },
            ["cephFileSystems"] = new object[] { Filesystem(plan.Replicas) },
            ["cephObjectStores"] = new object[] { ObjectStore(plan.Replicas) },
        };
    }

    private static Dictionary<string, object> ClusterSpec(RookCephPlan plan)
    {
        var storage = Map(("useAllNodes", false), ("useAllDevices", plan.DeviceFilter is null));
        if (plan.DeviceFilter is { } filter) storage["deviceFilter"] = filter;
        storage["nodes"] = plan.Nodes.Select(node => plan.Devices.TryGetValue(node, out var devices)
            ? Map(("name", node), ("useAllDevices", false), ("devices", devices.Select(d => (object)Map(("name", d))).ToArray()))
            : Map(("name", node))).Cast<object>().ToArray();

        var all = Map(("nodeAffinity", Map(("requiredDuringSchedulingIgnoredDuringExecution", Map(("nodeSelectorTerms", new object[]
        {
            Map(("matchExpressions", new object[] { Map(("key", plan.NodeLabel), ("operator", "Exists")) })),
        }))))));
        if (plan.Tolerations.Count > 0) all["tolerations"] = plan.Tolerations.Select(t => (object)Toleration(t)).ToArray();

        return Map(
            ("mon", Map(("count", plan.Mons), ("allowMultiplePerNode", false))),
            ("mgr", Map(("count", plan.Mgrs), ("allowMultiplePerNode", false))),
            ("dashboard", Map(("enabled", true), ("ssl", true))),
            ("cleanupPolicy", Map(("confirmation", plan.DestroyDataOnDelete ? DestroyConfirmation : ""), ("allowUninstallWithVolumes", false))),
            ("placement", Map(("all", all))),
            ("storage", storage));
    }

    private static Dictionary<string, object> Toleration(NodeTaint taint)
    {
        var toleration = Map(("key", taint.Key), ("operator", taint.Value is null ? "Exists" : "Equal"));
        if (taint.Value is { } value) toleration["value"] = value;
        toleration["effect"] = taint.Effect.ToString();
        return toleration;
    }

    private static Dictionary<string, object> Replicated(int replicas) => Map(("size", replicas));

    private static Dictionary<string, object> BlockPool(int replicas) => Map(
        ("name", "ceph-blockpool"),
        ("spec", Map(("failureDomain", "host"), ("replicated", Replicated(replicas)))),
        ("storageClass", Map(
            ("enabled", true),
            ("name", BlockClass),
            ("isDefault", true),
            ("reclaimPolicy", "Delete"),
            ("allowVolumeExpansion", true),
            ("volumeBindingMode", "Immediate"),
            ("parameters", Map(
                ("imageFormat", "2"),
                ("imageFeatures", "layering"),
                ("csi.storage.k8s.io/provisioner-secret-name", "rook-csi-rbd-provisioner"),
                ("csi.storage.k8s.io/provisioner-secret-namespace", Namespace),
                ("csi.storage.k8s.io/controller-expand-secret-name", "rook-csi-rbd-provisioner"),
                ("csi.storage.k8s.io/controller-expand-secret-namespace", Namespace),
                ("csi.storage.k8s.io/controller-publish-secret-name", "rook-csi-rbd-provisioner"),
                ("csi.storage.k8s.io/controller-publish-secret-namespace", Namespace),
                ("csi.storage.k8s.io/node-stage-secret-name", "rook-csi-rbd-node"),
                ("csi.storage.k8s.io/node-stage-secret-namespace", Namespace),
                ("csi.storage.k8s.io/fstype", "ext4"))))));

    private static Dictionary<string, object> Filesystem(int replicas) => Map(
        ("name", "ceph-filesystem"),
        ("spec", Map(
            ("metadataPool", Map(("failureDomain", "host"), ("replicated", Replicated(replicas)))),
            ("dataPools", new object[] { Map(("name", "data0"), ("failureDomain", "host"), ("replicated", Replicated(replicas))) }),
            ("preserveFilesystemOnDelete", true),
            ("metadataServer", Map(("activeCount", 1), ("activeStandby", replicas > 1), ("priorityClassName", "system-cluster-critical"))))),
        ("storageClass", Map(
            ("enabled", true),
            ("isDefault", false),
            ("name", FilesystemClass),
            ("pool", "data0"),
            ("reclaimPolicy", "Delete"),
            ("allowVolumeExpansion", true),
            ("volumeBindingMode", "Immediate"),
            ("parameters", Map(
                ("csi.storage.k8s.io/provisioner-secret-name", "rook-csi-cephfs-provisioner"),
                ("csi.storage.k8s.io/provisioner-secret-namespace", Namespace),
                ("csi.storage.k8s.io/controller-expand-secret-name", "rook-csi-cephfs-provisioner"),
                ("csi.storage.k8s.io/controller-expand-secret-namespace", Namespace),
                ("csi.storage.k8s.io/controller-publish-secret-name", "rook-csi-cephfs-provisioner"),
                ("csi.storage.k8s.io/controller-publish-secret-namespace", Namespace),
                ("csi.storage.k8s.io/node-stage-secret-name", "rook-csi-cephfs-node"),
                ("csi.storage.k8s.io/node-stage-secret-namespace", Namespace),
                ("csi.storage.k8s.io/fstype", "ext4"))))));

    private static Dictionary<string, object> ObjectStore(int replicas) => Map(
        ("name", ObjectStoreName),
        ("spec", Map(
            ("metadataPool", Map(("failureDomain", "host"), ("replicated", Replicated(replicas)))),
            ("dataPool", Map(("failureDomain", "host"), ("replicated", Replicated(replicas)))),
            ("preservePoolsOnDelete", true),
            ("gateway", Map(("port", 80), ("instances", 1), ("priorityClassName", "system-cluster-critical"))))),
        ("storageClass", Map(
            ("enabled", true),
            ("name", BucketClass),
            ("reclaimPolicy", "Delete"),
            ("volumeBindingMode", "Immediate"))));
}
