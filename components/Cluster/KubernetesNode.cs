using Platform.Components.Cluster.Certificates;
using Platform.Components.Cluster.Scripts;
using Pulumi;
using Pulumi.Command.Remote;

namespace Platform.Components.Cluster;

/// <summary>
/// One host of the cluster, brought in over SSH: prepared (independently of every other node), given its files,
/// initialised or joined with kubeadm (a joining node's bootstrap token made valid beside the join), registered
/// (labels and taints set), and upgraded when the Kubernetes version changes; behind kube-vip, a
/// control-plane node also gets the kube-vip step (<see cref="RollOutKubeVip"/>), and every node gets the steps that
/// bring a changed configuration to it (<see cref="Reconfigure"/>, <see cref="ReconfigureKubelet"/>). Removing the node from the inventory
/// takes it out in this order: its leave step (on a healthy control-plane node, see <see cref="Leave"/>) drains it and
/// removes a control-plane node's etcd member, its kubeadm step runs <c>kubeadm reset</c> on it (which also removes the
/// platform's files and markers), its node-object step deletes its Node (from the same healthy control-plane node), and
/// its preparation is undone. A dead node (<see cref="ClusterNode.Dead"/>) runs nothing itself: its own steps are kept
/// as they are and dropped from the state without a command.
/// <para>What Pulumi.Command does with a step shapes all of it: a step's delete runs the script and on the connection
/// recorded in the state by the previous update (so a node's removal runs what that update wrote: its leave and
/// node-object steps exist from the node's bring-up on), any changed input but the triggers updates the step, which
/// runs its create again (every script is safe to re-run), and changed triggers replace it. Steps keep their names when
/// another node becomes the first control plane, so nothing is replaced.</para>
/// </summary>
public sealed class KubernetesNode : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:cluster:KubernetesNode";

    private static readonly CustomTimeouts LongRunning = new() { Create = TimeSpan.FromMinutes(30), Update = TimeSpan.FromMinutes(30), Delete = TimeSpan.FromMinutes(30) };

    /// <summary>Every input of a Command: a dead node's own steps ignore changes to all of them, so none runs again.</summary>
    private static readonly string[] AllCommandInputs = ["connection", "create", "delete", "update", "environment", "stdin", "triggers", "logging", "addPreviousOutputInEnv"];

    /// <summary>What a dead worker's upgrade drain and uncordon ignore: a new version does not drain a dead node.</summary>
    private static readonly string[] UpgradeInputs = ["create", "triggers"];

    private readonly string _name;
    private readonly KubernetesNodeRole _role;
    private readonly ClusterNode _node;
    private readonly Input<string> _key;
    private readonly ClusterNode _removalHost;

    /// <summary>Brings the host in.</summary>
    public KubernetesNode(string name, KubernetesNodeArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        _name = name;
        _role = args.Role;
        _node = args.Node;
        IsControlPlane = args.Role != KubernetesNodeRole.Worker;
        _key = args.SshPrivateKey;
        var first = args.Role == KubernetesNodeRole.FirstControlPlane
            ? args.Node
            : args.FirstControlPlane ?? throw new ArgumentException($"Node {args.Node.Name} needs the first control-plane node.", nameof(args));
        if (first.Dead) throw new ArgumentException($"Node {first.Name} is dead, so it cannot run the cluster's admin steps.", nameof(args));
        _removalHost = args.RemovalHost ?? first;
        if (_removalHost.Dead) throw new ArgumentException($"Node {_removalHost.Name} is dead, so it cannot run the removal of {args.Node.Name}.", nameof(args));
        var os = args.Node.OperatingSystem;
        var version = args.KubernetesVersion;
        var runtime = args.ContainerRuntime;

        Prepared = Run($"{name}-prepare", _node, NodeScripts.Prepare(os, version, runtime, _node.KubeletNodeIp), NodeScripts.CleanUp(), timeouts: LongRunning);
        // Its delete leaves the files: they are live on a running node, and a replacement deletes the old step after the
        // new one has written them. The node's reset (the kubeadm step's delete) removes them when the node leaves.
        Files = Run($"{name}-files", _node, NodeScripts.InstallFiles(), NodeScripts.KeepFiles(), stdin: args.Files, secret: true);

        // Created before the init or join, so deleted after the reset: the Node goes once no kubelet can register it again.
        NodeObject = Run($"{name}-node-object", _removalHost,
            NodeScripts.NothingToDo("node object", "its delete deletes the node's Node object once the node has left and been reset"),
            NodeScripts.DeleteNode(_node.Name, _node.Dead), dependsOn: args.NodeObjectAfter, leaving: true);

        var joinAfter = new List<Resource>(args.JoinAfter) { Prepared, Files, NodeObject };
        // One name for init and join, and a bootstrap-token step on every node: if another node becomes the first control
        // plane, its steps are updated (its init script does nothing on a node that joined) instead of replaced or
        // deleted, whose deletes would reset it or run on a host that may be gone.
        var token = args.BootstrapToken ?? throw new ArgumentException($"Node {args.Node.Name} needs the bootstrap token.", nameof(args));
        if (args.Role == KubernetesNodeRole.FirstControlPlane)
        {
            Joined = Run($"{name}-kubeadm", _node, NodeScripts.InitFirstControlPlane(args.KubeVipAddress), NodeScripts.Reset(),
                dependsOn: joinAfter, timeouts: LongRunning);
            BootstrapTokenStep = Run($"{name}-bootstrap-token", first,
                NodeScripts.NothingToDo("bootstrap token", "the first control-plane node initialised the cluster or is a member: it needs no token"),
                NodeScripts.NothingToUndo("bootstrap token", "the token expires by itself"), stdin: token, secret: true,
                dependsOn: new[] { Joined });
        }
        else
        {
            var controlPlane = args.Role == KubernetesNodeRole.ControlPlane;
            // The token step runs beside the join, not before it: it starts when the join can (the same dependencies, so
            // no token is made valid for a node that cannot join yet), and it succeeds only once the node has done with
            // the token (registered and, for a control-plane node, marked as one). A join that fails before that leaves it
            // failed too, and the next `pulumi up` runs both again: a join retried hours later meets a token valid for
            // the next hour, like one run for the first time. kubeadm's discovery waits for the token meanwhile.
            BootstrapTokenStep = Run($"{name}-bootstrap-token", first, NodeScripts.EnsureBootstrapToken(_node.Name, controlPlane),
                NodeScripts.NothingToUndo("bootstrap token", "the token expires by itself"), stdin: token, secret: true,
                dependsOn: joinAfter, timeouts: LongRunning);
            Joined = Run($"{name}-kubeadm", _node, NodeScripts.Join(controlPlane, controlPlane ? args.KubeVipAddress : null), NodeScripts.Reset(),
                dependsOn: joinAfter, timeouts: LongRunning);
        }

        Registered = Run($"{name}-register", first,
            NodeScripts.RegisterMember(_node.Name, _node.Labels, args.Taints, IsControlPlane), NodeScripts.KeepRegistration(),
            dependsOn: new[] { Joined }, timeouts: LongRunning);

        var upgradeAfter = new List<Resource> { Registered };
        upgradeAfter.AddRange(args.UpgradeAfter);
        InputList<object> triggers = new Input<object>[] { version };
        if (args.Role == KubernetesNodeRole.Worker)
        {
            var drain = Run($"{name}-upgrade-drain", first, NodeScripts.DrainForUpgrade(_node.Name, version),
                NodeScripts.NothingToUndo("upgrade drain", "an upgrade is not reverted"), dependsOn: upgradeAfter, triggers: triggers, timeouts: LongRunning,
                ignoredWhenDead: UpgradeInputs);
            var upgrade = Run($"{name}-upgrade", _node, NodeScripts.UpgradeWorker(os, version, runtime, _node.Name, _node.KubeletNodeIp),
                NodeScripts.NothingToUndo("upgrade", "an upgrade is not reverted"), dependsOn: new[] { drain }, triggers: triggers, timeouts: LongRunning);
            Upgraded = Run($"{name}-upgrade-uncordon", first, NodeScripts.Uncordon(_node.Name, version),
                NodeScripts.NothingToUndo("upgrade uncordon", "an upgrade is not reverted"), dependsOn: new[] { upgrade }, triggers: triggers,
                ignoredWhenDead: UpgradeInputs);
        }
        else
        {
            Upgraded = Run($"{name}-upgrade", _node,
                NodeScripts.UpgradeControlPlane(os, version, runtime, _node.Name, args.Role == KubernetesNodeRole.FirstControlPlane, args.KubeProxy, _node.KubeletNodeIp),
                NodeScripts.NothingToUndo("upgrade", "an upgrade is not reverted"), dependsOn: upgradeAfter, triggers: triggers, timeouts: LongRunning);
        }

        RegisterOutputs(new Dictionary<string, object?> { ["node"] = _node.Name, ["address"] = _node.Address });
    }

    /// <summary>The host.</summary>
    internal ClusterNode Host => _node;

    /// <summary>Whether the node runs the control plane.</summary>
    public bool IsControlPlane { get; }

    /// <summary>The host preparation (runtime, kernel settings, Kubernetes packages).</summary>
    public Command Prepared { get; }

    /// <summary>The node's files (kubeadm configuration, and on control-plane nodes the PKI and hardening files); it
    /// runs again whenever one of them changes.</summary>
    public Command Files { get; }

    /// <summary><c>kubeadm init</c> (first control-plane node) or <c>kubeadm join</c>.</summary>
    public Command Joined { get; }

    /// <summary>On the first control-plane node, beside this node's join: the bootstrap token made valid until the node
    /// has done with it (<see cref="NodeScripts.EnsureBootstrapToken"/>). On the first control-plane node itself, after
    /// its init, a step with nothing to do, so the step is there whichever node comes first.</summary>
    public Command BootstrapTokenStep { get; }

    /// <summary>On a control-plane node behind kube-vip: the step that rolls a changed kube-vip template out to the
    /// node (<see cref="RollOutKubeVip"/>). Null until registered, and on workers.</summary>
    public Command? KubeVip { get; private set; }

    /// <summary>The node's registration: the node is there and has its labels.</summary>
    public Command Registered { get; }

    /// <summary>The step whose delete deletes the node's Node object, on the node's removal host
    /// (<see cref="KubernetesNodeArgs.RemovalHost"/>): the init or join waits for it, so it is deleted after the node's
    /// reset.</summary>
    public Command NodeObject { get; }

    /// <summary>The node's leave step (<see cref="Leave"/>); null until registered.</summary>
    public Command? LeaveStep { get; private set; }

    /// <summary>The last step of the node's upgrade; the next control-plane node's upgrade, or the next wave of workers,
    /// waits for it.</summary>
    public Command Upgraded { get; }

    /// <summary>On a control-plane node: the step that makes its static pods what the cluster's configuration gives
    /// (<see cref="Reconfigure"/>). Null until registered, and on workers.</summary>
    public Command? Reconfigured { get; private set; }

    /// <summary>The step that gives the node's kubelet the cluster's kubelet configuration (<see cref="ReconfigureKubelet"/>).
    /// Null until registered.</summary>
    public Command? KubeletReconfigured { get; private set; }

    /// <summary>On the inventory's first control-plane node: the step that stores every Secret the way the encryption
    /// configuration writes them (<see cref="RewriteSecrets"/>), run where the admin steps run. Null until registered,
    /// and on every other node.</summary>
    public Command? SecretsRewritten { get; private set; }

    /// <summary>
    /// Registers, on this control-plane node, the step that makes its static pods what the cluster's configuration gives
    /// (<see cref="NodeScripts.ReconfigureControlPlane"/>; on the first control-plane node it uploads the cluster's
    /// configuration first). <paramref name="triggers"/> are its fingerprints (<see cref="Kubeadm.ReconfigureFingerprints"/>),
    /// so a changed hardening switch or control-plane setting runs it again on the next <c>pulumi up</c>; created with a
    /// new node, it finds the node as its init or join left it and changes nothing. It waits for this node's files and
    /// init or join, and for <paramref name="previous"/>: the previous control-plane node's step (one node at a time),
    /// or for the first one the end of every upgrade and kube-vip roll-out. Nothing in the bring-up waits for it.
    /// </summary>
    internal Command Reconfigure(InputList<object> triggers, IEnumerable<Resource> previous)
    {
        if (!IsControlPlane) throw new InvalidOperationException($"{_name} is a worker: it has no control plane to reconfigure.");
        if (Reconfigured != null) throw new InvalidOperationException($"The reconfigure step of {_name} is registered already.");
        var after = new List<Resource> { Files, Joined };
        after.AddRange(previous);
        Reconfigured = Run($"{_name}-reconfigure", _node, NodeScripts.ReconfigureControlPlane(_node.Name, _role == KubernetesNodeRole.FirstControlPlane),
            NodeScripts.NothingToUndo("reconfigure", "the static pods stay as the last configuration made them; the node's reset removes them when it leaves"),
            dependsOn: after.Distinct(), triggers: triggers, timeouts: LongRunning);
        return Reconfigured;
    }

    /// <summary>
    /// Registers, on this node, the step that gives its kubelet the cluster's kubelet configuration
    /// (<see cref="NodeScripts.ReconfigureKubelet"/>), triggered by <paramref name="kubeletFingerprint"/>. It waits for
    /// the node's init or join and for <paramref name="after"/>: the first control-plane node's reconfigure step, which
    /// uploads the configuration, and, for the other nodes, the first control-plane node's kubelet step.
    /// </summary>
    internal Command ReconfigureKubelet(string kubeletFingerprint, IEnumerable<Resource> after)
    {
        if (KubeletReconfigured != null) throw new InvalidOperationException($"The kubelet reconfigure step of {_name} is registered already.");
        InputList<object> triggers = new Input<object>[] { kubeletFingerprint };
        KubeletReconfigured = Run($"{_name}-reconfigure-kubelet", _node, NodeScripts.ReconfigureKubelet(_node.Name, IsControlPlane),
            NodeScripts.NothingToUndo("kubelet reconfigure", "kubelet keeps the last configuration; the node's reset removes it when it leaves"),
            dependsOn: new List<Resource> { Joined }.Concat(after).Distinct(), triggers: triggers, timeouts: LongRunning);
        return KubeletReconfigured;
    }

    /// <summary>
    /// Registers, under the inventory's first control-plane node (so the step keeps its name while that node is dead and
    /// another one runs the admin steps) and on <paramref name="admin"/>, the step that stores every Secret the way the
    /// encryption configuration writes them (<see cref="NodeScripts.RewriteSecrets"/>) once every API server does, after
    /// <paramref name="after"/>: the last control-plane node's reconfigure step. <paramref name="writer"/> is its
    /// trigger, so switching encryption at rest on or off, or the aescbc migration's steps, run it again.
    /// </summary>
    internal Command RewriteSecrets(KubernetesNode admin, string writer, IEnumerable<Resource> after)
    {
        if (SecretsRewritten != null) throw new InvalidOperationException($"The Secrets rewrite step of {_name} is registered already.");
        InputList<object> triggers = new Input<object>[] { writer };
        SecretsRewritten = Run($"{_name}-rewrite-secrets", admin._node, NodeScripts.RewriteSecrets(writer),
            NodeScripts.NothingToUndo("Secrets rewrite", "the Secrets stay stored as they were last written"),
            dependsOn: new List<Resource> { admin.Joined }.Concat(after).Distinct(), triggers: triggers, timeouts: LongRunning, leaving: true);
        return SecretsRewritten;
    }

    /// <summary>Registers, under the inventory's first control-plane node (so the step keeps its name while that node is
    /// dead and another one runs the admin steps), the step that makes the cluster's Service proxy what
    /// <paramref name="kubeProxy"/> says, on <paramref name="admin"/> after its files and init (not its upgrade) and after
    /// <paramref name="after"/> (see <see cref="Cluster.ReconcileServiceProxy"/>). The setting is its trigger.</summary>
    internal Command ReconcileServiceProxy(KubernetesNode admin, bool kubeProxy, IEnumerable<Resource> after)
    {
        InputList<object> triggers = new Input<object>[] { kubeProxy ? "kube-proxy" : "kube-proxy replaced" };
        return Run($"{_name}-service-proxy", admin._node, NodeScripts.ReconcileServiceProxy(kubeProxy),
            NodeScripts.NothingToUndo("service proxy", "the Service proxy stays as the configuration left it"),
            dependsOn: new Resource[] { admin.Files, admin.Joined }.Concat(after).Distinct().ToList(), triggers: triggers, timeouts: LongRunning,
            leaving: true);
    }

    /// <summary>
    /// Registers the node's leave step, on its removal host (<see cref="KubernetesNodeArgs.RemovalHost"/>): its delete,
    /// when the node leaves the inventory, runs before the node's reset and takes it out of the cluster
    /// (<see cref="NodeScripts.Leave"/>: a drain, and a control-plane node's etcd member removed once etcd can spare it).
    /// It waits for the node's join and for <paramref name="after"/>: the removal host's join (so that host's own reset,
    /// should it leave in the same update, comes after this step's delete) and the previous control-plane node's leave
    /// step (so removals of several control-plane nodes run one after another, the later ones in inventory order first).
    /// Nothing waits for it. A dead control-plane node's step removes its etcd member as its create too.
    /// </summary>
    internal Command Leave(IEnumerable<Resource> after)
    {
        if (LeaveStep != null) throw new InvalidOperationException($"The leave step of {_name} is registered already.");
        var leave = NodeScripts.Leave(_node.Name, _node.Address, IsControlPlane, _node.Dead);
        var create = _node.Dead && IsControlPlane
            ? leave
            : NodeScripts.NothingToDo("leave", "its delete takes the node out of the cluster before the node's reset");
        LeaveStep = Run($"{_name}-leave", _removalHost, create, leave,
            dependsOn: new Resource[] { Joined }.Concat(after).Distinct().ToList(), timeouts: LongRunning, leaving: true);
        return LeaveStep;
    }

    /// <summary>
    /// Registers, on this control-plane node, the step that makes kube-vip's static pod what the kube-vip template gives
    /// (<see cref="NodeScripts.RollOutKubeVip"/>): a no-op where it already is, a restart of this node's kube-vip, waited
    /// for, where it is not. <paramref name="templateFingerprint"/> is its trigger, so a changed template (a new kube-vip
    /// version, changed settings) runs it again on the next <c>pulumi up</c>, without a kubeadm init or join.
    /// It waits for what it needs and no more: this node's files (the template) and its init or join (admin.conf, and
    /// the manifest the kubeadm step wrote first), and <paramref name="previous"/>: the previous control-plane node's
    /// step, so kube-vip restarts on one node at a time, or for the first one the end of every upgrade (the last wave of
    /// workers), so no upgrade restarts an API server or drains through the virtual IP meanwhile. Nothing waits for it but the next control-plane node's step,
    /// so it is never on the way of a join, a registration or the cluster's layers.
    /// </summary>
    internal Command RollOutKubeVip(string kubeVipAddress, string templateFingerprint, IEnumerable<Resource> previous)
    {
        if (KubeVip != null) throw new InvalidOperationException($"The kube-vip step of {_name} is registered already.");
        InputList<object> triggers = new Input<object>[] { templateFingerprint };
        var after = new List<Resource> { Files, Joined };
        after.AddRange(previous);
        KubeVip = Run($"{_name}-kube-vip", _node, NodeScripts.RollOutKubeVip(_node.Name, kubeVipAddress),
            NodeScripts.NothingToUndo("kube-vip", "the node's reset removes kube-vip's static pod when it leaves"),
            dependsOn: after, triggers: triggers, timeouts: LongRunning);
        return KubeVip;
    }

    /// <summary>
    /// Registers, on this control-plane node, the step that installs its certificate renewal timer in the slot
    /// <paramref name="schedule"/> gives it (<see cref="NodeScripts.InstallCertificateRenewal"/>), after its init or
    /// join. Nothing waits for it. A changed script or slot updates it, which writes only what changed.
    /// </summary>
    internal Command InstallCertificateRenewal(CertificateRenewalSchedule schedule) =>
        Run($"{_name}-certificate-renewal", _node, NodeScripts.InstallCertificateRenewal(_node.Name, schedule),
            NodeScripts.NothingToUndo("certificate renewal", "the node's reset removes the renewal timer, its service and its script when it leaves"),
            dependsOn: new[] { Joined });

    /// <summary>
    /// Registers, on this control-plane node, the step that reads when kubeadm's certificates there expire
    /// (<see cref="NodeScripts.ReportCertificateExpiry"/>). <paramref name="day"/> (the UTC date of the run) is its
    /// trigger, so the first <c>pulumi up</c> of each day reads them again and later ones that day keep the reading. It
    /// runs after this node's upgrade, which renews the certificates too, and nothing waits for it.
    /// </summary>
    internal Command ReportCertificateExpiry(string day)
    {
        InputList<object> triggers = new Input<object>[] { day };
        return Run($"{_name}-certificate-expiry", _node, NodeScripts.ReportCertificateExpiry(),
            NodeScripts.NothingToUndo("certificate expiry", "it only reads"), dependsOn: new[] { Upgraded }, triggers: triggers);
    }

    /// <summary>
    /// Registers, on this control-plane node, the step that writes its etcd restore script and installs (or, without a
    /// backup target, removes) its scheduled etcd backup (<see cref="EtcdBackup.EtcdBackupScripts.Install"/>), after its
    /// init or join. <paramref name="credentials"/>, the target's curl config file, is its standard input, secret, and
    /// then nothing of the step is logged. Nothing waits for it; a changed script, target or schedule updates it.
    /// </summary>
    internal Command InstallEtcdBackup(Output<string> script, Output<string>? credentials) =>
        Run($"{_name}-etcd-backup", _node, script,
            NodeScripts.NothingToUndo("etcd backup", "the node's reset removes the backup timer, its service and its scripts when it leaves"),
            stdin: credentials ?? Output.Create(""), secret: credentials != null, dependsOn: new[] { Joined });

    /// <summary>On a control-plane node: the step that keeps its API server's authentication configuration what the
    /// cluster trusts (<see cref="ConfigureAuthentication"/>). Null until registered, and on workers.</summary>
    public Command? AuthenticationConfigured { get; private set; }

    /// <summary>
    /// Registers, on this control-plane node, the step that writes its API server's authentication configuration
    /// <paramref name="configuration"/> and waits until the API server runs with it
    /// (<see cref="NodeScripts.ConfigureAuthentication"/>). The configuration is in the step's script, so a changed one
    /// runs it again. It waits for this node's files and init or join, and for <paramref name="after"/> (what the
    /// issuers need to answer: the identity provider's release), nothing else: not for any other node's step, upgrade
    /// or reconfiguration, and nothing in the bring-up waits for it.
    /// </summary>
    internal Command ConfigureAuthentication(Output<string> configuration, IEnumerable<Resource> after)
    {
        if (!IsControlPlane) throw new InvalidOperationException($"{_name} is a worker: it runs no API server.");
        if (AuthenticationConfigured != null) throw new InvalidOperationException($"The authentication step of {_name} is registered already.");
        var dependsOn = new List<Resource> { Files, Joined };
        dependsOn.AddRange(after);
        AuthenticationConfigured = Run($"{_name}-authentication", _node, configuration.Apply(c => NodeScripts.ConfigureAuthentication(_node.Name, c)),
            NodeScripts.NothingToUndo("authentication", "the API server keeps the last configuration; the node's reset removes it when it leaves"),
            dependsOn: dependsOn.Distinct());
        return AuthenticationConfigured;
    }

    /// <summary>Registers, on this node, the removal of kube-proxy's iptables rules once kube-proxy is gone
    /// (<paramref name="kubeProxyRemoved"/>): the per-node part of <see cref="Cluster.ReconcileServiceProxy"/>.</summary>
    internal Command RemoveKubeProxyRules(Resource kubeProxyRemoved) =>
        Run($"{_name}-kube-proxy-rules", _node, NodeScripts.RemoveKubeProxyRules(),
            NodeScripts.NothingToUndo("kube-proxy rules", "kube-proxy writes its own rules again when it comes back"),
            dependsOn: new[] { kubeProxyRemoved, Joined });

    /// <summary>Registers a step of this node on <paramref name="target"/>. On a dead node, every step but the ones that
    /// take it out (<paramref name="leaving"/>) keeps its inputs: one on the node itself ignores changes to all of them and
    /// is dropped from the state without its delete (retainOnDelete: the flag is in the state from this update on, and
    /// decides when the node leaves, see pulumi/pulumi#13428), and one elsewhere ignores
    /// <paramref name="ignoredWhenDead"/>.</summary>
    private Command Run(string name, ClusterNode target, Input<string> create, string delete, Input<string>? stdin = null, bool secret = false,
        IEnumerable<Resource>? dependsOn = null, InputList<object>? triggers = null, CustomTimeouts? timeouts = null,
        bool leaving = false, IReadOnlyList<string>? ignoredWhenDead = null)
    {
        var args = new CommandArgs
        {
            Connection = NodeConnection.For(target, _key),
            Create = create.ToOutput().Apply(script => ShellScript.AsRoot(script, target.SshUser)),
            Delete = ShellScript.AsRoot(delete, target.SshUser),
        };
        if (stdin != null) args.Stdin = Output.CreateSecret(stdin.ToOutput());
        if (triggers != null) args.Triggers = triggers;
        var options = new CustomResourceOptions { Parent = this, CustomTimeouts = timeouts };
        if (dependsOn != null) options.DependsOn = dependsOn.ToArray();
        if (_node.Dead && !leaving)
        {
            if (ReferenceEquals(target, _node))
            {
                options.RetainOnDelete = true;
                options.IgnoreChanges.AddRange(AllCommandInputs);
            }
            else if (ignoredWhenDead != null)
            {
                options.IgnoreChanges.AddRange(ignoredWhenDead);
            }
        }
        if (secret)
        {
            // The payload (keys, tokens) is on stdin: nothing of this command is logged, and its outputs stay secret.
            args.Logging = Logging.None;
            options.AdditionalSecretOutputs.AddRange(new[] { "stdout", "stderr", "stdin" });
        }
        return new Command(name, args, options);
    }
}
