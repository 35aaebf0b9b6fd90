using Platform.Components.Catalog;
using Platform.Components.Networking;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;

namespace Platform.Components.Storage;

/// <summary>
/// The storage capability. With Rook-Ceph: the Rook operator and a Ceph cluster (mons, mgrs, one OSD per selected
/// device of the storage nodes) in the privileged platform namespace <c>rook-ceph</c>, with a replicated block pool
/// behind the default StorageClass <c>ceph-block</c>, a shared filesystem behind <c>ceph-filesystem</c> and an object
/// store behind the bucket class <c>ceph-bucket</c>. The cluster's release holds the data: it is protected and kept on
/// delete, and installed without rollback or clean-up. With an existing StorageClass, or none, nothing is installed.
/// </summary>
public sealed class StorageLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:storage:Storage";

    /// <summary>Ceph's messenger ports: 3300 (msgr2) and 6789 (msgr1) on the mons.</summary>
    private static readonly IReadOnlyList<(int Port, string Protocol)> MonPorts = [(3300, "TCP"), (6789, "TCP")];

    /// <summary>The range Ceph's OSDs, mgrs and MDSs bind to (Ceph's <c>ms_bind_port_min/max</c> defaults).</summary>
    private static readonly (int First, int Last, string Protocol) DaemonPorts = (6800, 7300, "TCP");

    /// <summary>Where the RGW pods listen for S3 clients (Rook's internal port behind the Service's port 80).</summary>
    private static readonly (int Port, string Protocol) ObjectGatewayPort = (8080, "TCP");

    /// <summary>Installs the storage the options ask for.</summary>
    public StorageLayer(string name, StorageLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var problems = args.Options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException($"Storage: {string.Join(" ", problems)}", nameof(args));

        StorageClassName = args.Options.Provider switch
        {
            StorageProvider.RookCeph => RookCephValues.BlockClass,
            StorageProvider.Existing => args.Options.ClassName,
            _ => null,
        };
        if (args.Options.Provider == StorageProvider.RookCeph)
        {
            var plan = RookCephPlan.For(args.Options, args.Nodes);
            var monitoring = args.Metrics != null;
            Resource[] crds = args.Metrics is null ? [] : [args.Metrics.CrdsReady];
            var clusterValues = RookCephValues.Cluster(plan, monitoring);
            var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
            {
                Name = RookCephValues.Namespace,
                // Ceph's daemons and CSI plugins mount host paths and devices and run privileged.
                Enforce = PodSecurityLevel.Privileged,
                Allowances = Allowances(),
                MetricsPorts = RookCephValues.MetricsPorts,
            }, new ComponentResourceOptions { Parent = this });
            Operator = HelmInstall.Chart($"{name}-rook-ceph", HelmCharts.RookCeph, ns.NamespaceName, RookCephValues.Operator(monitoring),
                new CustomResourceOptions { Parent = this, DependsOn = crds });
            // The CephCluster, its pools and StorageClasses are custom resources of the operator's CRDs.
            CephCluster = HelmInstall.Chart($"{name}-rook-ceph-cluster", HelmCharts.RookCephCluster, ns.NamespaceName, clusterValues,
                new CustomResourceOptions { Parent = this, DependsOn = crds.Append(Operator).ToArray() }, holdsData: true);
            StorageNodes = plan.Nodes;
        }
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["provider"] = StorageOptions.ProviderText(args.Options.Provider),
            ["storageClass"] = StorageClassName,
        });
    }

    /// <summary>The StorageClass volumes get by default: <c>ceph-block</c> with Rook-Ceph, the configured class with an
    /// existing one, null without storage.</summary>
    public string? StorageClassName { get; }

    /// <summary>The Rook operator's release (null unless Rook-Ceph).</summary>
    public Release? Operator { get; }

    /// <summary>The release holding the CephCluster, its pools and StorageClasses, protected and kept on delete (null
    /// unless Rook-Ceph). Anything that claims a volume waits for it.</summary>
    public Release? CephCluster { get; }

    /// <summary>The nodes Ceph runs on (empty unless Rook-Ceph).</summary>
    public IReadOnlyList<string> StorageNodes { get; } = [];

    /// <summary>The traffic Ceph needs through the namespace's default-deny policy. Ceph's daemons use pod networking,
    /// so the policy applies to them; their clients are the kernel RBD and CephFS clients of every node and the CSI node
    /// plugins, both on the host network, which NetworkPolicy cannot select by namespace (Cilium gives nodes an identity
    /// of their own, not an IP block), so the mon and daemon ports are open to any peer and no other port is.</summary>
    private static IReadOnlyList<NetworkAllowance> Allowances() =>
    [
        NetworkAllowance.ToApiServer(),
        // Mons, OSDs, mgrs, MDSs, RGWs, the operator and the CSI controllers talk to each other on many ports.
        new NetworkAllowance { Name = "allow-within-namespace-in", Direction = TrafficDirection.Ingress, Namespace = RookCephValues.Namespace },
        new NetworkAllowance { Name = "allow-within-namespace-out", Direction = TrafficDirection.Egress, Namespace = RookCephValues.Namespace },
        new NetworkAllowance { Name = "allow-ceph-clients", Direction = TrafficDirection.Ingress, AnyPeer = true, Ports = MonPorts, PortRanges = [DaemonPorts] },
        // S3 clients: pods, and the control planes' etcd backups from the host network, which no namespace selector
        // matches (the gateway authenticates every request).
        new NetworkAllowance { Name = "allow-object-clients", Direction = TrafficDirection.Ingress, AnyPeer = true, Ports = [ObjectGatewayPort] },
    ];
}
