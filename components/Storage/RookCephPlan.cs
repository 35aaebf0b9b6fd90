using Platform.Components.Cluster;

namespace Platform.Components.Storage;

/// <summary>What the Rook-Ceph cluster runs on, decided from <see cref="StorageOptions"/> and the inventory: the
/// storage nodes (the nodes with <see cref="StorageOptions.NodeLabel"/>), the taints Ceph tolerates there, and the
/// daemon counts that fit them. A pure value: <see cref="RookCephValues"/> renders it.</summary>
public sealed record RookCephPlan
{
    /// <summary>The storage nodes' names, in inventory order (their <c>kubernetes.io/hostname</c>: kubeadm registers
    /// each node under its inventory name).</summary>
    public required IReadOnlyList<string> Nodes { get; init; }

    /// <summary>The label key that selects the storage nodes (Ceph's daemons require it).</summary>
    public required string NodeLabel { get; init; }

    /// <summary>The distinct taints of the storage nodes, which every Ceph daemon tolerates.</summary>
    public required IReadOnlyList<NodeTaint> Tolerations { get; init; }

    /// <summary>The device selection on nodes without explicit devices (null: every unused device).</summary>
    public string? DeviceFilter { get; init; }

    /// <summary>Explicit devices by node name; such a node uses only those.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Devices { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Copies per pool, one per node.</summary>
    public required int Replicas { get; init; }

    /// <summary>Ceph monitors: 3 on three or more storage nodes, else 1 (mons must sit on different nodes, and an
    /// even count adds no fault tolerance).</summary>
    public int Mons => Nodes.Count >= 3 ? 3 : 1;

    /// <summary>Ceph managers: an active one and a standby on different nodes, or one on a single node.</summary>
    public int Mgrs => Nodes.Count >= 2 ? 2 : 1;

    /// <summary>Whether deleting the CephCluster wipes the hosts' Ceph data and disks.</summary>
    public bool DestroyDataOnDelete { get; init; }

    /// <summary>The storage nodes of <paramref name="nodes"/> for <paramref name="options"/>, with their taints.</summary>
    public static RookCephPlan For(StorageOptions options, IReadOnlyList<ClusterNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(nodes);
        var storage = StorageNodes(options, nodes);
        return new RookCephPlan
        {
            Nodes = [.. storage.Select(n => n.Name)],
            NodeLabel = options.NodeLabel,
            Tolerations = [.. storage.SelectMany(n => n.Taints).Distinct()],
            DeviceFilter = options.DeviceFilter,
            Devices = options.Devices,
            Replicas = options.Replicas,
            DestroyDataOnDelete = options.DestroyDataOnDelete,
        };
    }

    /// <summary>The nodes of the inventory that carry the storage label (any value), in inventory order.</summary>
    public static IReadOnlyList<ClusterNode> StorageNodes(StorageOptions options, IReadOnlyList<ClusterNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(nodes);
        return [.. nodes.Where(n => n.Labels.ContainsKey(options.NodeLabel))];
    }
}
