using System.Globalization;
using Platform.Components.Cluster.Certificates;
using Platform.Components.Cluster.EtcdBackup;
using Platform.Components.Cluster.Kubeadm;
using Platform.Components.Cluster.Scripts;
using Platform.Components.Identity;
using Pulumi;
using Pulumi.Command.Remote;

namespace Platform.Components.Cluster;

/// <summary>
/// A kubeadm cluster built from bare hosts over SSH. Every node is prepared on its own; the first control-plane node
/// that is not dead runs <c>kubeadm init</c> (unless it joined the cluster: initialising is a one-time fact, so the
/// first control-plane node can leave and another take its place) and the cluster's admin steps; the other
/// control-plane nodes join one after another (etcd adds members one at a time) and the workers join in parallel, each
/// waiting only for the init. A node's removal runs on a healthy control-plane node: the first one, or for the first one
/// itself the next (see <see cref="KubernetesNode.Leave"/>). Behind kube-vip, a changed kube-vip template
/// reaches the running control-plane nodes one after another (<see cref="KubernetesNode.RollOutKubeVip"/>). The PKI
/// comes from Pulumi state (<see cref="ClusterPki"/>) and is copied to the control-plane nodes before init and join,
/// so the admin kubeconfig and the Kubernetes provider (<see cref="ClusterAccess"/>) never read anything back from a node. Once the network
/// plugin is ordered around it, <see cref="ReconcileServiceProxy"/> keeps the cluster's Service proxy (kube-proxy, or
/// the plugin's replacement of it) what <see cref="ClusterArgs.KubeProxy"/> says. A configuration changed after init
/// reaches the running cluster through the reconfigure steps (<see cref="Reconfigure"/>), after every upgrade.
/// </summary>
public sealed class Cluster : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:cluster:Cluster";

    private readonly string _name;
    private readonly KubernetesNode _admin;
    private readonly KubernetesNode _serviceProxyHost;
    private Command? _serviceProxy;
    private IReadOnlyList<Command>? _trust;
    private readonly string _kubernetesVersion;
    private readonly string _dnsDomain;

    /// <summary>Builds the cluster.</summary>
    public Cluster(string name, ClusterArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        _name = name;
        _kubernetesVersion = args.KubernetesVersion;
        _dnsDomain = args.DnsDomain;
        KubeProxy = args.KubeProxy;
        var controlPlanes = args.Nodes.Where(n => n.Role == NodeRole.ControlPlane).ToList();
        if (controlPlanes.Count == 0)
            throw new ArgumentException("A cluster needs at least one control-plane node.", nameof(args));
        var live = controlPlanes.Where(n => !n.Dead).ToList();
        if (live.Count == 0)
            throw new ArgumentException("A cluster needs at least one control-plane node that is not dead.", nameof(args));
        // The admin steps run on the first live control-plane node, and its own removal on the next one.
        var first = live[0];
        var firstRemovalHost = live.Count > 1 ? live[1] : first;
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
            ControlPlaneServingCertificates = args.ControlPlaneServingCertificates,
        };

        Pki = new ClusterPki($"{name}-pki", new ClusterPkiArgs
        {
            ClusterName = args.ClusterName,
            ControlPlaneServingCertificate = args.ControlPlaneServingCertificates,
        }, new ComponentResourceOptions { Parent = this });
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
        // The first live control-plane node first (the others' joins wait for its init), then the others in inventory order.
        foreach (var node in controlPlanes.Where(n => n != first).Prepend(first).Concat(args.Nodes.Where(n => n.Role == NodeRole.Worker)))
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
                Taints = files.TaintsOf(node, role),
                FirstControlPlane = first,
                RemovalHost = role == KubernetesNodeRole.FirstControlPlane ? firstRemovalHost : first,
                NodeObjectAfter = firstNode == null ? [] : [firstNode.Joined],
                JoinAfter = joinAfter.Distinct().ToList(),
                BootstrapToken = Pki.BootstrapToken,
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
        _admin = firstNode!;
        _serviceProxyHost = nodes.Single(n => n.Host == controlPlanes[0]);
        // The leave steps: the first control-plane node's waits for the join of the node it runs on; the control-plane
        // nodes' ones wait for each other in that order, so their deletes (the later ones first) run one at a time.
        Resource? previousLeave = null;
        foreach (var controlPlane in nodes.Where(n => n.IsControlPlane))
        {
            var after = new List<Resource>();
            if (controlPlane == _admin && firstRemovalHost != first)
                after.Add(nodes.Single(n => n.Host == firstRemovalHost).Joined);
            if (previousLeave != null) after.Add(previousLeave);
            previousLeave = controlPlane.Leave(after);
        }
        foreach (var worker in nodes.Where(n => !n.IsControlPlane))
            worker.Leave([]);
        // A changed kube-vip template reaches the control-plane nodes one after another (see RollOutKubeVip), once every
        // upgrade is done (the last wave's, or the last control plane's without workers), so a moving virtual IP never
        // meets an API server kubeadm is restarting nor the drains and uncordons that go through it.
        IReadOnlyList<Resource> afterUpgrades = currentWave.Count > 0 ? currentWave : previousWave;
        if (kubeVip != null)
        {
            foreach (var controlPlane in nodes.Where(n => n.IsControlPlane))
                afterUpgrades = [controlPlane.RollOutKubeVip(kubeVip, kubeVipTemplate!, afterUpgrades)];
        }
        Reconfigure(spec, afterUpgrades);

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
        if (Pki.ControlPlaneServing is { } serving)
            expiries.Add(serving.ValidityEndTime.Apply(t => CertificateExpiry.InState(CertificateExpiry.ControlPlaneServing, t)));
        for (var position = 0; position < controlPlaneNodes.Count; position++)
        {
            var controlPlane = controlPlaneNodes[position];
            controlPlane.InstallCertificateRenewal(CertificateRenewalSchedule.For(position, controlPlaneNodes.Count));
            var nodeName = controlPlane.Host.Name;
            var expiry = controlPlane.ReportCertificateExpiry(day);
            // A dead node's step runs no more (its output is from before it died): its certificates are not the cluster's.
            if (!controlPlane.Host.Dead) expiries.Add(expiry.Stdout.Apply(o => CertificateExpiry.Parse(nodeName, o)));
        }
        // Every control-plane node keeps local etcd snapshots and uploads them encrypted when there is a backup target,
        // and has the restore script; the key pair is there either way, so the decryption key never changes with the
        // setting. Nothing waits for the steps.
        EtcdBackupKey = new EtcdBackupKey($"{name}-etcd-backup", args.ClusterName, new ComponentResourceOptions { Parent = this });
        var backup = args.EtcdBackup;
        if (backup is { Enabled: true, Target.InCluster: false, Credentials: null })
            throw new ArgumentException("An etcd backup target outside the cluster needs its credentials.", nameof(args));
        var credentials = backup is { Enabled: true, Target.InCluster: false, Credentials: { } keys }
            ? Output.CreateSecret(Output.Tuple(keys.AccessKeyId, keys.SecretAccessKey).Apply(k => EtcdBackupScripts.CredentialsFile(k.Item1, k.Item2)))
            : null;
        var members = controlPlaneNodes.Where(n => !n.Host.Dead).Select(n => new EtcdMember(n.Host.Name, n.Host.Address)).ToList();
        foreach (var controlPlane in controlPlaneNodes)
        {
            var nodeName = controlPlane.Host.Name;
            // A dead node's step keeps its inputs (it runs no more); it is rendered with itself among the members.
            var nodeMembers = controlPlane.Host.Dead ? [.. members, new EtcdMember(nodeName, controlPlane.Host.Address)] : members;
            controlPlane.InstallEtcdBackup(
                EtcdBackupKey.RecipientCertificatePem.Apply(pem => EtcdBackupScripts.Install(nodeName, nodeMembers, backup, pem)), credentials);
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
        }, new ComponentResourceOptions { Parent = this, DependsOn = { _admin.Registered } });

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["apiServerUrl"] = Access.ServerUrl,
            ["kubeconfig"] = Access.Kubeconfig,
            ["nodes"] = args.Nodes.Select(n => n.Name).ToList(),
        });
    }

    /// <summary>
    /// The steps that make a running cluster what its configuration says (kubeadm's "Reconfiguring a kubeadm cluster"),
    /// after <paramref name="after"/> (every upgrade and kube-vip roll-out), so no kubeadm upgrade runs meanwhile: each
    /// control-plane node's reconfigure step one after another (the first uploads the cluster's kubeadm and kubelet
    /// configuration), then the Secrets rewrite on the first control-plane node; the first control-plane node's kubelet
    /// step after its reconfigure, and every other node's kubelet step after that one (a kubelet configuration that does
    /// not work stops at the first node), each control-plane node's also after its own reconfigure. Workers' kubelet
    /// steps run in parallel: a kubelet restart stops no pod, so nothing is disrupted however many restart at once, and
    /// the longest chain of steps does not grow with the number of workers. Nothing in the bring-up waits for these steps.
    /// </summary>
    private void Reconfigure(KubeadmClusterSpec spec, IReadOnlyList<Resource> after)
    {
        var controlPlane = ReconfigureFingerprints.ControlPlane(spec);
        var kubelet = ReconfigureFingerprints.Kubelet(spec);
        var first = Nodes[0];
        var previous = after;
        foreach (var node in Nodes.Where(n => n.IsControlPlane))
        {
            // The first control-plane node also uploads the kubelet configuration, so it runs again when only that
            // changes; every control-plane node has the same triggers, so the one that becomes first when the first
            // leaves keeps its step as it is (on the others the kubelet fingerprint only re-runs a check).
            InputList<object> triggers = new Input<object>[] { controlPlane, kubelet };
            previous = [node.Reconfigure(triggers, previous)];
        }
        // Named after the inventory's first control-plane node, like the service-proxy step, so it keeps its name (and
        // no delete reaches a dead node) when another node runs the admin steps.
        _serviceProxyHost.RewriteSecrets(_admin, KubeadmConfigRenderer.SecretsWriter(spec), previous);
        var canary = first.ReconfigureKubelet(kubelet, [first.Reconfigured!]);
        foreach (var node in Nodes.Skip(1))
            node.ReconfigureKubelet(kubelet, node.IsControlPlane ? [canary, node.Reconfigured!] : [canary]);
    }

    /// <summary>The cluster's PKI and credentials.</summary>
    public ClusterPki Pki { get; }

    /// <summary>The nodes: control-plane nodes first (the first one that is not dead, which runs init and the admin
    /// steps, then the others in inventory order), then workers.</summary>
    public IReadOnlyList<KubernetesNode> Nodes { get; }

    /// <summary>The admin kubeconfig and the Kubernetes provider for every in-cluster layer.</summary>
    public ClusterAccess Access { get; }

    /// <summary>The cluster's certificate that expires first, and where it is: kubeadm's certificates on every
    /// control-plane node (read by each node's expiry step on the first <c>pulumi up</c> of each day), the CAs and the
    /// admin client certificate from the stack's state. Null while none is known.</summary>
    public Output<CertificateExpiry?> EarliestCertificateExpiry { get; }

    /// <summary>The key pair the etcd backups are encrypted to (its private key, a secret, decrypts them for a restore).</summary>
    public EtcdBackupKey EtcdBackupKey { get; }

    /// <summary>Whether the cluster runs kube-proxy as its Service proxy (<see cref="ClusterArgs.KubeProxy"/>).</summary>
    public bool KubeProxy { get; }

    /// <summary>
    /// Registers, on every control-plane node, the step that makes its API server trust exactly
    /// <paramref name="issuers"/> for user logins (one JWT authenticator each of the structured authentication
    /// configuration, <see cref="AuthenticationConfigRenderer.Render"/>; none when the list is empty, which also takes back
    /// a trust given before), and returns the steps. Every control-plane node starts with a configuration that trusts no
    /// issuer (its files step writes it where there is none, and every API server reads it through
    /// <c>--authentication-config</c>), so the bring-up never waits for an issuer, whose CA may come from a layer. Each
    /// node's step waits for its own files and init or join and for <paramref name="after"/>, not for the other nodes'
    /// (the API servers reload the file themselves, and keep the configuration they have while a new one does not work,
    /// so nothing is disrupted however many change at once); nothing waits for the steps. A changed issuer, CA or claim
    /// mapping runs them again. Call it once, after the layers the issuers need.
    /// </summary>
    /// <param name="issuers">The issuers to trust; their CAs may be outputs of later resources.</param>
    /// <param name="after">What the issuers need to answer their discovery (the identity provider's release).</param>
    /// <returns>Each control-plane node's step, in <see cref="Nodes"/> order.</returns>
    /// <exception cref="ArgumentException">An issuer the API server would refuse (see <see cref="AuthenticationConfigRenderer.Validate"/>);
    /// a CA that is not PEM certificates fails the deployment when it is known.</exception>
    /// <exception cref="InvalidOperationException">The steps are registered already.</exception>
    public IReadOnlyList<Command> TrustIssuers(IReadOnlyList<OidcIssuer> issuers, IEnumerable<Resource> after)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        ArgumentNullException.ThrowIfNull(after);
        if (_trust != null)
            throw new InvalidOperationException($"The authentication steps of cluster {_name} are registered already.");
        // Everything but the CAs is known now: a bad issuer fails before any resource is registered for it.
        if (issuers.Any(i => i is null)) throw new ArgumentException("An issuer is null.", nameof(issuers));
        AuthenticationConfigRenderer.Validate([.. issuers.Select(i => JwtAuthenticatorSpec.From(i, null))], _dnsDomain);
        var version = _kubernetesVersion;
        var domain = _dnsDomain;
        var authorities = issuers.Select(i => i.CertificateAuthorityPem is { } pem ? pem.ToOutput().Apply(p => (string?)p) : Output.Create((string?)null)).ToList();
        var configuration = Output.All(authorities).Apply(pems =>
            AuthenticationConfigRenderer.Render(version, [.. issuers.Select((issuer, i) => JwtAuthenticatorSpec.From(issuer, pems[i]))], domain));
        var waitFor = after.ToList();
        _trust = [.. Nodes.Where(n => n.IsControlPlane).Select(n => n.ConfigureAuthentication(configuration, waitFor))];
        return _trust;
    }

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
        // On the first live control-plane node, like the other steps that run on the cluster's behalf; named after the
        // inventory's first control-plane node, so it keeps its name while that node is dead.
        _serviceProxy = _serviceProxyHost.ReconcileServiceProxy(_admin, KubeProxy, after);
        if (!KubeProxy)
        {
            foreach (var node in Nodes)
                node.RemoveKubeProxyRules(_serviceProxy);
        }
        return _serviceProxy;
    }
}
