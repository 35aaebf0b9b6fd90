using System.Globalization;
using Platform.Components.Cluster.Kubeadm;
using Platform.Components.Cluster.Scripts;
using Pulumi;

namespace Platform.Components.Cluster;

/// <summary>
/// A kubeadm cluster built from bare hosts over SSH. Every node is prepared on its own; the first control-plane node
/// runs <c>kubeadm init</c>; the other control-plane nodes join one after another (etcd adds members one at a time)
/// and the workers join in parallel, each waiting only for the init. The PKI comes from Pulumi state
/// (<see cref="ClusterPki"/>) and is copied to the control-plane nodes before init and join, so the admin kubeconfig
/// and the Kubernetes provider (<see cref="ClusterAccess"/>) never read anything back from a node.
/// </summary>
public sealed class Cluster : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:cluster:Cluster";

    /// <summary>Builds the cluster.</summary>
    public Cluster(string name, ClusterArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var controlPlanes = args.Nodes.Where(n => n.Role == NodeRole.ControlPlane).ToList();
        if (controlPlanes.Count == 0)
            throw new ArgumentException("A cluster needs at least one control-plane node.", nameof(args));
        var first = controlPlanes[0];
        var endpoint = string.Create(CultureInfo.InvariantCulture, $"{args.ApiEndpointHost}:{args.ApiEndpointPort}");
        var kubeVip = args.ApiEndpointMode == ApiEndpointMode.KubeVip ? args.ApiEndpointHost : null;
        var spec = new KubeadmClusterSpec
        {
            ClusterName = args.ClusterName,
            KubernetesVersion = args.KubernetesVersion,
            ControlPlaneEndpoint = endpoint,
            PodSubnet = args.PodCidr,
            ServiceSubnet = args.ServiceCidr,
            DnsDomain = args.DnsDomain,
            Hardening = args.Hardening,
            KubeProxy = args.KubeProxy,
        };

        Pki = new ClusterPki($"{name}-pki", new ClusterPkiArgs { ClusterName = args.ClusterName }, new ComponentResourceOptions { Parent = this });
        var files = new ClusterFiles(spec, Pki, kubeVip, args.ApiEndpointPort, args.Nodes.Any(n => n.Role == NodeRole.Worker));

        var nodes = new List<KubernetesNode>();
        KubernetesNode? firstNode = null;
        Resource? previousControlPlaneJoin = null;
        foreach (var node in controlPlanes.Concat(args.Nodes.Where(n => n.Role == NodeRole.Worker)))
        {
            var role = node == first ? KubernetesNodeRole.FirstControlPlane
                : node.Role == NodeRole.ControlPlane ? KubernetesNodeRole.ControlPlane : KubernetesNodeRole.Worker;
            var joinAfter = new List<Resource>();
            if (firstNode != null) joinAfter.Add(firstNode.Joined);
            if (role == KubernetesNodeRole.ControlPlane && previousControlPlaneJoin != null) joinAfter.Add(previousControlPlaneJoin);
            var kubernetesNode = new KubernetesNode($"{name}-{node.Name}", new KubernetesNodeArgs
            {
                Node = node,
                Role = role,
                KubernetesVersion = args.KubernetesVersion,
                SshPrivateKey = args.SshPrivateKey,
                Files = files.For(node, role),
                FirstControlPlane = first,
                JoinAfter = joinAfter.Distinct().ToList(),
                BootstrapToken = role == KubernetesNodeRole.FirstControlPlane ? null : (Input<string>)Pki.BootstrapToken,
                KubeVipAddress = role == KubernetesNodeRole.Worker ? null : kubeVip,
                ApproveServingCertificates = args.Hardening.KubeletServingCertificates,
                UpgradeAfter = nodes.Count == 0 ? null : nodes[^1].Upgraded,
            }, new ComponentResourceOptions { Parent = this });
            nodes.Add(kubernetesNode);
            firstNode ??= kubernetesNode;
            if (role != KubernetesNodeRole.Worker) previousControlPlaneJoin = kubernetesNode.Joined;
        }
        Nodes = nodes;

        Access = new ClusterAccess($"{name}-access", new ClusterAccessArgs
        {
            ClusterName = args.ClusterName,
            ServerUrl = $"https://{endpoint}",
            CaCertPem = Pki.ClusterCa.CertPem,
            ClientCertPem = Pki.AdminCertPem,
            ClientKeyPem = Pki.AdminKeyPem,
        }, new ComponentResourceOptions { Parent = this, DependsOn = { firstNode!.Registered } });

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["apiServerUrl"] = Access.ServerUrl,
            ["kubeconfig"] = Access.Kubeconfig,
            ["nodes"] = args.Nodes.Select(n => n.Name).ToList(),
        });
    }

    /// <summary>The cluster's PKI and credentials.</summary>
    public ClusterPki Pki { get; }

    /// <summary>The nodes: control-plane nodes first (the first one runs init), then workers.</summary>
    public IReadOnlyList<KubernetesNode> Nodes { get; }

    /// <summary>The admin kubeconfig and the Kubernetes provider for every in-cluster layer.</summary>
    public ClusterAccess Access { get; }
}
