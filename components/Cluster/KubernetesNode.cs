using Platform.Components.Cluster.Certificates;
using Platform.Components.Cluster.Scripts;
using Pulumi;
using Pulumi.Command.Remote;

namespace Platform.Components.Cluster;

/// <summary>
/// One host of the cluster, brought in over SSH: prepared (independently of every other node), given its files,
/// initialised or joined with kubeadm (a joining node's bootstrap token made valid beside the join), registered
/// (labels set), and upgraded when the Kubernetes version changes; behind kube-vip, a
/// control-plane node also gets the kube-vip step (<see cref="RollOutKubeVip"/>). Removing the node from the inventory
/// drains it, deletes it from the cluster, runs <c>kubeadm reset</c> on it (which also removes the platform's files
/// and markers) and undoes its preparation.
/// </summary>
public sealed class KubernetesNode : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:cluster:KubernetesNode";

    private static readonly CustomTimeouts LongRunning = new() { Create = TimeSpan.FromMinutes(30), Update = TimeSpan.FromMinutes(30), Delete = TimeSpan.FromMinutes(30) };

    private readonly string _name;
    private readonly ClusterNode _node;
    private readonly Input<string> _key;

    /// <summary>Brings the host in.</summary>
    public KubernetesNode(string name, KubernetesNodeArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        _name = name;
        _node = args.Node;
        IsControlPlane = args.Role != KubernetesNodeRole.Worker;
        _key = args.SshPrivateKey;
        var first = args.Role == KubernetesNodeRole.FirstControlPlane
            ? args.Node
            : args.FirstControlPlane ?? throw new ArgumentException($"Node {args.Node.Name} needs the first control-plane node.", nameof(args));
        var os = args.Node.OperatingSystem;
        var version = args.KubernetesVersion;
        var runtime = args.ContainerRuntime;

        Prepared = Run($"{name}-prepare", _node, NodeScripts.Prepare(os, version, runtime, _node.KubeletNodeIp), NodeScripts.CleanUp(), timeouts: LongRunning);
        // Its delete leaves the files: they are live on a running node, and a replacement deletes the old step after the
        // new one has written them. The node's reset (the kubeadm step's delete) removes them when the node leaves.
        Files = Run($"{name}-files", _node, NodeScripts.InstallFiles(), NodeScripts.KeepFiles(), stdin: args.Files, secret: true);

        var joinAfter = new List<Resource>(args.JoinAfter) { Prepared, Files };
        // One name for init and join: if another node becomes the first control plane, this step is updated (and its
        // script refuses to re-initialise a joined node) instead of replaced, whose delete would run kubeadm reset.
        if (args.Role == KubernetesNodeRole.FirstControlPlane)
        {
            Joined = Run($"{name}-kubeadm", _node, NodeScripts.InitFirstControlPlane(args.KubeVipAddress), NodeScripts.Reset(),
                dependsOn: joinAfter, timeouts: LongRunning);
        }
        else
        {
            var token = args.BootstrapToken ?? throw new ArgumentException($"Node {args.Node.Name} needs the bootstrap token.", nameof(args));
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
            NodeScripts.RegisterMember(_node.Name, _node.Labels), NodeScripts.RemoveMember(_node.Name),
            dependsOn: new[] { Joined }, timeouts: LongRunning);

        var upgradeAfter = new List<Resource> { Registered };
        upgradeAfter.AddRange(args.UpgradeAfter);
        InputList<object> triggers = new Input<object>[] { version };
        if (args.Role == KubernetesNodeRole.Worker)
        {
            var drain = Run($"{name}-upgrade-drain", first, NodeScripts.DrainForUpgrade(_node.Name, version),
                NodeScripts.NothingToUndo("upgrade drain", "an upgrade is not reverted"), dependsOn: upgradeAfter, triggers: triggers, timeouts: LongRunning);
            var upgrade = Run($"{name}-upgrade", _node, NodeScripts.UpgradeWorker(os, version, runtime, _node.Name, _node.KubeletNodeIp),
                NodeScripts.NothingToUndo("upgrade", "an upgrade is not reverted"), dependsOn: new[] { drain }, triggers: triggers, timeouts: LongRunning);
            Upgraded = Run($"{name}-upgrade-uncordon", first, NodeScripts.Uncordon(_node.Name, version),
                NodeScripts.NothingToUndo("upgrade uncordon", "an upgrade is not reverted"), dependsOn: new[] { upgrade }, triggers: triggers);
        }
        else
        {
            Upgraded = Run($"{name}-upgrade", _node,
                NodeScripts.UpgradeControlPlane(os, version, runtime, _node.Name, args.Role == KubernetesNodeRole.FirstControlPlane, args.KubeProxy, _node.KubeletNodeIp),
                NodeScripts.NothingToUndo("upgrade", "an upgrade is not reverted"), dependsOn: upgradeAfter, triggers: triggers, timeouts: LongRunning);
        }

        RegisterOutputs(new Dictionary<string, object?> { ["node"] = _node.Name, ["address"] = _node.Address });
    }

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
    /// has done with it (<see cref="NodeScripts.EnsureBootstrapToken"/>). Null for the first control-plane node.</summary>
    public Command? BootstrapTokenStep { get; }

    /// <summary>On a control-plane node behind kube-vip: the step that rolls a changed kube-vip template out to the
    /// node (<see cref="RollOutKubeVip"/>). Null until registered, and on workers.</summary>
    public Command? KubeVip { get; private set; }

    /// <summary>The node's registration: the node is there and has its labels; deleting it drains and removes the node.</summary>
    public Command Registered { get; }

    /// <summary>The last step of the node's upgrade; the next control-plane node's upgrade, or the next wave of workers,
    /// waits for it.</summary>
    public Command Upgraded { get; }

    /// <summary>On the first control-plane node: registers the step that makes the cluster's Service proxy what
    /// <paramref name="kubeProxy"/> says, after this node's files and init (not its upgrade) and after <paramref name="after"/>
    /// (see <see cref="Cluster.ReconcileServiceProxy"/>). The setting is its trigger.</summary>
    internal Command ReconcileServiceProxy(bool kubeProxy, IEnumerable<Resource> after)
    {
        InputList<object> triggers = new Input<object>[] { kubeProxy ? "kube-proxy" : "kube-proxy replaced" };
        return Run($"{_name}-service-proxy", _node, NodeScripts.ReconcileServiceProxy(kubeProxy),
            NodeScripts.NothingToUndo("service proxy", "the Service proxy stays as the configuration left it"),
            dependsOn: new Resource[] { Files, Joined }.Concat(after).Distinct().ToList(), triggers: triggers, timeouts: LongRunning);
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

    /// <summary>Registers, on this node, the removal of kube-proxy's iptables rules once kube-proxy is gone
    /// (<paramref name="kubeProxyRemoved"/>): the per-node part of <see cref="Cluster.ReconcileServiceProxy"/>.</summary>
    internal Command RemoveKubeProxyRules(Resource kubeProxyRemoved) =>
        Run($"{_name}-kube-proxy-rules", _node, NodeScripts.RemoveKubeProxyRules(),
            NodeScripts.NothingToUndo("kube-proxy rules", "kube-proxy writes its own rules again when it comes back"),
            dependsOn: new[] { kubeProxyRemoved, Joined });

    private Command Run(string name, ClusterNode target, string create, string delete, Input<string>? stdin = null, bool secret = false,
        IEnumerable<Resource>? dependsOn = null, InputList<object>? triggers = null, CustomTimeouts? timeouts = null)
    {
        var args = new CommandArgs
        {
            Connection = NodeConnection.For(target, _key),
            Create = ShellScript.AsRoot(create, target.SshUser),
            Delete = ShellScript.AsRoot(delete, target.SshUser),
        };
        if (stdin != null) args.Stdin = Output.CreateSecret(stdin.ToOutput());
        if (triggers != null) args.Triggers = triggers;
        var options = new CustomResourceOptions { Parent = this, CustomTimeouts = timeouts };
        if (dependsOn != null) options.DependsOn = dependsOn.ToArray();
        if (secret)
        {
            // The payload (keys, tokens) is on stdin: nothing of this command is logged, and its outputs stay secret.
            args.Logging = Logging.None;
            options.AdditionalSecretOutputs.AddRange(new[] { "stdout", "stderr", "stdin" });
        }
        return new Command(name, args, options);
    }
}
