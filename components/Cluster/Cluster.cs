using System.Globalization;
using Platform.Components.Cluster.Certificates;
using Platform.Components.Cluster.Kubeadm;
using Platform.Components.Cluster.Scripts;
using Pulumi;
using Pulumi.Command.Remote;

namespace Platform.Components.Cluster;

/// <summary>
/// A kubeadm cluster built from bare hosts over SSH. Every node is prepared on its own; the first control-plane node
/// runs <c>kubeadm init</c>; the other control-plane nodes join one after another (etcd adds members one at a time)
/// and the workers join in parallel, each waiting only for the init. Behind kube-vip, a changed kube-vip template
/// reaches the running control-plane nodes one after another (<see cref="KubernetesNode.RollOutKubeVip"/>). The PKI
/// comes from Pulumi state (<see cref="ClusterPki"/>) and is copied to the control-plane nodes before init and join,
/// so the admin kubeconfig and the Kubernetes provider (<see cref="ClusterAccess"/>) never read anything back from a node. Once the network
/// plugin is ordered around it, <see cref="ReconcileServiceProxy"/> keeps the cluster's Service proxy (kube-proxy, or
/// the plugin's replacement of it) what <see cref="ClusterArgs.KubeProxy"/> says.
/// </summary>
public sealed class Cluster : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:cluster:Cluster";

    private readonly string _name;
    private Command? _serviceProxy;

    /// <summary>Builds the cluster.</summary>
    public Cluster(string name, ClusterArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        _name = name;
        KubeProxy = args.KubeProxy;
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
            SecretsEncryptionMigration = args.SecretsEncryptionMigration,
        };

        Pki = new ClusterPki($"{name}-pki", new ClusterPkiArgs { ClusterName = args.ClusterName }, new ComponentResourceOptions { Parent = this });
        var files = new ClusterFiles(spec, Pki, kubeVip, args.ApiEndpointPort, args.Nodes.Any(n => n.Role == NodeRole.Worker));

        var nodes = new List<KubernetesNode>();
        // Control-plane nodes upgrade one after another, then the workers in waves of at most this many, each wave once
        // the previous one is uncordoned (every worker of a wave waits for all of the previous wave).
        var wave = args.MaxUnavailableWorkers.For(args.Nodes.Count(n => n.Role == NodeRole.Worker));
        var previousWave = new List<Resource>();
        var currentWave = new List<Resource>();
        KubernetesNode? firstNode = null;
        Resource? previousControlPlaneJoin = null;
        var kubeVipTemplate = files.KubeVipTemplate is { } template ? KubeVipManifest.Fingerprint(template) : null;
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
                ContainerRuntime = args.ContainerRuntime,
                SshPrivateKey = args.SshPrivateKey,
                Files = files.For(node, role),
                FirstControlPlane = first,
                JoinAfter = joinAfter.Distinct().ToList(),
                BootstrapToken = role == KubernetesNodeRole.FirstControlPlane ? null : (Input<string>)Pki.BootstrapToken,
                KubeVipAddress = role == KubernetesNodeRole.Worker ? null : kubeVip,
                UpgradeAfter = role == KubernetesNodeRole.Worker ? previousWave.ToList() : nodes.Count == 0 ? [] : [nodes[^1].Upgraded],
                KubeProxy = args.KubeProxy,
            }, new ComponentResourceOptions { Parent = this });
            nodes.Add(kubernetesNode);
            firstNode ??= kubernetesNode;
            if (role != KubernetesNodeRole.Worker)
            {
                previousControlPlaneJoin = kubernetesNode.Joined;
                previousWave = [kubernetesNode.Upgraded];
            }
            else
            {
                currentWave.Add(kubernetesNode.Upgraded);
                if (currentWave.Count == wave)
                {
                    previousWave = currentWave;
                    currentWave = [];
                }
            }
        }
        Nodes = nodes;
        // A changed kube-vip template reaches the control-plane nodes one after another (see RollOutKubeVip), once every
        // upgrade is done (the last wave's, or the last control plane's without workers), so a moving virtual IP never
        // meets an API server kubeadm is restarting nor the drains and uncordons that go through it.
        if (kubeVip != null)
        {
            IReadOnlyList<Resource> previousKubeVip = currentWave.Count > 0 ? currentWave : previousWave;
            foreach (var controlPlane in nodes.Where(n => n.IsControlPlane))
                previousKubeVip = [controlPlane.RollOutKubeVip(kubeVip, kubeVipTemplate!, previousKubeVip)];
        }

        // Every control-plane node renews kubeadm's certificates by itself, in its own slot of the day, and reports when
        // they expire on the first `pulumi up` of each day; nothing waits for either step.
        var controlPlaneNodes = nodes.Where(n => n.IsControlPlane).ToList();
        var day = args.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var expiries = new List<Output<IReadOnlyList<CertificateExpiry>>>
        {
            Pki.ClusterCa.ValidityEndTime.Apply(t => CertificateExpiry.InState("ca", t)),
            Pki.FrontProxyCa.ValidityEndTime.Apply(t => CertificateExpiry.InState("front-proxy-ca", t)),
            Pki.EtcdCa.ValidityEndTime.Apply(t => CertificateExpiry.InState("etcd-ca", t)),
            Pki.AdminCertValidityEndTime.Apply(t => CertificateExpiry.InState(CertificateExpiry.PlatformAdmin, t)),
        };
        for (var position = 0; position < controlPlaneNodes.Count; position++)
        {
            var controlPlane = controlPlaneNodes[position];
            controlPlane.InstallCertificateRenewal(CertificateRenewalSchedule.For(position, controlPlaneNodes.Count));
            var nodeName = controlPlanes[position].Name;
            expiries.Add(controlPlane.ReportCertificateExpiry(day).Stdout.Apply(o => CertificateExpiry.Parse(nodeName, o)));
        }
        EarliestCertificateExpiry = Output.All(expiries.Select(e => (Input<IReadOnlyList<CertificateExpiry>>)e))
            .Apply(all => CertificateExpiry.Earliest(all.SelectMany(e => e)));

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

    /// <summary>The cluster's certificate that expires first, and where it is: kubeadm's certificates on every
    /// control-plane node (read by each node's expiry step on the first <c>pulumi up</c> of each day), the CAs and the
    /// admin client certificate from the stack's state. Null while none is known.</summary>
    public Output<CertificateExpiry?> EarliestCertificateExpiry { get; }

    /// <summary>Whether the cluster runs kube-proxy as its Service proxy (<see cref="ClusterArgs.KubeProxy"/>).</summary>
    public bool KubeProxy { get; }

    /// <summary>
    /// Registers the step that makes the running cluster's Service proxy match <see cref="KubeProxy"/>, and returns it.
    /// It runs on the first control-plane node after its files and its init, not after any upgrade, so the bring-up never
    /// waits for an upgrade step (<see cref="NodeScripts.ReconcileServiceProxy"/> works at the version the control plane
    /// runs):
    /// it adds kube-proxy when it is wanted and missing, removes it when it is not wanted and present, and otherwise changes
    /// nothing, so on a new cluster it is a no-op either way. When kube-proxy goes, every node also gets a step that
    /// removes kube-proxy's iptables rules after it (<see cref="NodeScripts.RemoveKubeProxyRules"/>).
    /// <para>Order it so that Services always have a proxy. When <see cref="KubeProxy"/> is true, call it before
    /// installing the network plugin and make the plugin's releases wait for the step: kube-proxy is back before the
    /// plugin stops replacing it. When it is false, call it with the plugin's release in <paramref name="after"/>: the
    /// plugin replaces kube-proxy before kube-proxy goes. Call it once.</para>
    /// </summary>
    /// <param name="after">What the step waits for besides the first control-plane node: the network plugin's release
    /// when kube-proxy is not wanted.</param>
    /// <returns>The step.</returns>
    /// <exception cref="InvalidOperationException">The step is registered already.</exception>
    public Command ReconcileServiceProxy(IEnumerable<Resource> after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (_serviceProxy != null)
            throw new InvalidOperationException($"The Service proxy step of cluster {_name} is registered already.");
        // The first control-plane node's step, like the other steps that run there on the cluster's behalf.
        _serviceProxy = Nodes[0].ReconcileServiceProxy(KubeProxy, after);
        if (!KubeProxy)
        {
            foreach (var node in Nodes)
                node.RemoveKubeProxyRules(_serviceProxy);
        }
        return _serviceProxy;
    }
}
