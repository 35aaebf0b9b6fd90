using Platform.Components.Cluster.Kubeadm;
using Platform.Components.Cluster.Certificates;

namespace Platform.Components.Cluster.Scripts;

/// <summary>
/// The bash scripts the cluster runs on its nodes, one per step, rendered from typed values. Every script is
/// idempotent (it checks before it acts), runs with <c>set -euo pipefail</c> as root, and passes shellcheck.
/// Scripts never contain secrets: those arrive on standard input (see <see cref="InstallFiles"/>).
/// The scripts themselves are bash templates under <c>components/Cluster/Scripts/Templates</c> (see its README):
/// these methods check the values, choose the templates and parts, and fill their placeholders.
/// </summary>
public static class NodeScripts
{
    /// <summary>Where the platform keeps its files on a node.</summary>
    public const string PlatformDir = "/etc/kubernetes/platform";

    /// <summary>The kubeadm configuration (InitConfiguration or JoinConfiguration and friends) on a node.</summary>
    public const string KubeadmConfigPath = PlatformDir + "/kubeadm.yaml";

    /// <summary>The kube-vip static pod template on a control-plane node (interface and kubeconfig filled in on the node).</summary>
    public const string KubeVipTemplatePath = PlatformDir + "/kube-vip.yaml";

    /// <summary>Where the platform keeps what it knows about a node's own state (the init and join markers): apart from
    /// <see cref="PlatformDir"/>, whose files the files step owns, so nothing that step does touches them. The node's reset
    /// removes both folders.</summary>
    public const string StateDir = "/var/lib/platform";

    /// <summary>Written once <c>kubeadm init</c> has finished (its own files appear before it has).</summary>
    public const string InitialisedMarker = StateDir + "/initialised";

    /// <summary>Written once <c>kubeadm join</c> has finished.</summary>
    public const string JoinedMarker = StateDir + "/joined";

    /// <summary>Where earlier releases wrote <see cref="InitialisedMarker"/>; the init script moves it.</summary>
    public const string LegacyInitialisedMarker = PlatformDir + "/initialised";

    /// <summary>Where earlier releases wrote <see cref="JoinedMarker"/>; the join script moves it.</summary>
    public const string LegacyJoinedMarker = PlatformDir + "/joined";

    /// <summary>Written by a node's upgrade step (the target version) before it changes anything, removed once the node's
    /// kubelet runs the target: while it is there, a kubelet that reports the target does not make the upgrade done (a
    /// Flatcar node restarted after its sysext switch runs the new kubelet before kubeadm has upgraded the node).</summary>
    public const string UpgradeMarker = StateDir + "/upgrading";

    /// <summary>The kubelet's kubeconfig kubeadm writes on every node: enough to read the node's own Node object.</summary>
    public const string KubeletKubeconfig = "/etc/kubernetes/kubelet.conf";

    /// <summary>The admin kubeconfig kubeadm writes on control-plane nodes.</summary>
    public const string AdminKubeconfig = "/etc/kubernetes/admin.conf";

    /// <summary>The label kubeadm gives a control-plane node once it has joined the control plane (its mark-control-plane
    /// phase, after etcd).</summary>
    public const string ControlPlaneLabel = "node-role.kubernetes.io/control-plane";

    /// <summary>The node annotation an upgrade sets when it cordons a schedulable node (its value the target version), so
    /// only the nodes it cordoned itself are made schedulable again, by this run or the next one.</summary>
    public const string CordonedForUpgradeAnnotation = "platform/cordoned-for-upgrade";

    /// <summary>Who holds kured's reboot lock (<see cref="Reboots.KuredValues.LockAnnotation"/>) while an upgrade takes
    /// nodes out: no node's name (a node name has no colon), so no kured pod ever takes the lock for its own.</summary>
    public const string RebootLockHolder = "platform:upgrade";

    /// <summary>How long the upgrade's hold on kured's reboot lock lasts after it was last taken: one hour. Every drain
    /// and control-plane upgrade takes it anew; if an upgrade stops half-way, kured may take the lock over after that.</summary>
    public static TimeSpan RebootLockTtl { get; } = TimeSpan.FromHours(1);

    /// <summary>The node annotation that lists the labels the platform manages, so removed ones can be taken off.</summary>
    public const string ManagedLabelsAnnotation = "platform/managed-labels";

    /// <summary>Where a control-plane node keeps the etcd snapshots its upgrades take before kubeadm changes anything
    /// (<c>&lt;UTC time&gt;-v&lt;from&gt;-to-v&lt;to&gt;.db</c>, root only, mode 0600): apart from etcd's data directory, which
    /// kubeadm's upgrade copies whole to its own backup, and inside <see cref="StateDir"/>, so the node's reset removes
    /// them when it leaves the cluster.</summary>
    public const string EtcdSnapshotDir = StateDir + "/etcd-snapshots";

    /// <summary>The port of kubeadm's etcd peer URL, <c>https://&lt;advertise address&gt;:2380</c>.</summary>
    public const int EtcdPeerPort = 2380;

    /// <summary>How many of its etcd snapshots (<see cref="EtcdSnapshotDir"/>) a control-plane node keeps: the newest
    /// three, the ones from before the last three upgrades.</summary>
    public const int EtcdSnapshotsKept = 3;

    /// <summary>The annotation on the cluster's <c>kubeadm-config</c> ConfigMap that records what it and <c>kubelet-config</c>
    /// were last uploaded from (the SHA-256 of the kubeadm configuration's cluster-wide documents, without the version):
    /// written by <c>kubeadm init</c>'s step and by <see cref="ReconfigureControlPlane"/>, which uploads only when it
    /// differs.</summary>
    public const string UploadedConfigurationAnnotation = "platform/configuration-sha256";

    /// <summary>The node annotation that lists the taints the platform manages (<c>key:Effect</c> each), so removed
    /// ones can be taken off.</summary>
    public const string ManagedTaintsAnnotation = "platform/managed-taints";

    /// <summary>Where a control-plane node keeps the static pod manifests a reconfiguration replaced
    /// (<c>&lt;UTC time&gt;/kube-apiserver.yaml</c> and the others, root only).</summary>
    public const string ManifestBackupDir = StateDir + "/manifest-backups";

    /// <summary>How many manifest backups (<see cref="ManifestBackupDir"/>) a control-plane node keeps.</summary>
    public const int ManifestBackupsKept = 3;

    /// <summary>Where a node keeps the kubelet configurations a reconfiguration replaced
    /// (<c>&lt;UTC time&gt;-config.yaml</c>, root only).</summary>
    public const string KubeletConfigBackupDir = StateDir + "/kubelet-config-backups";

    /// <summary>How many kubelet configuration backups (<see cref="KubeletConfigBackupDir"/>) a node keeps.</summary>
    public const int KubeletConfigBackupsKept = 3;

    /// <summary>A control-plane node's certificate renewal renews kubeadm's certificates when the earliest of them expires
    /// within this many days: 120, so renewal starts 30 days before the stack's warning (<c>earliestCertificateExpiry</c>
    /// under 90 days), which therefore means that renewal has been failing for a month.</summary>
    public const int CertificateRenewalDays = 120;

    /// <summary>The script a control-plane node's certificate renewal service runs (<see cref="RenewCertificates"/>).</summary>
    public const string CertificateRenewalScript = PlatformDir + "/renew-certificates.sh";

    /// <summary>Where a renewal keeps a static pod manifest while kubelet stops the pod, and its mark that the components
    /// still need a restart after a renewal.</summary>
    public const string CertificateRenewalStateDir = StateDir + "/certificate-renewal";

    /// <summary>Prepares a host for Kubernetes: kernel modules, sysctls, swap off, containerd as
    /// <paramref name="runtime"/> says (on Ubuntu from its archive, on Flatcar its own, checked), and
    /// kubeadm/kubelet/kubectl at <paramref name="kubernetesVersion"/> (installed once; upgrades have their own step).
    /// apt waits for the dpkg lock and retries, a bounded number of times. The runtime of a node that is a cluster member
    /// already is left to its upgrade step, which runs drained.</summary>
    /// <param name="os">The node's operating system.</param>
    /// <param name="kubernetesVersion">The version to install, MAJOR.MINOR.PATCH.</param>
    /// <param name="runtime">The container runtime the version needs.</param>
    /// <param name="nodeIp">kubelet's node IP (the inventory address), which must be an address of the host; null when
    /// kubelet chooses (a node reached by a DNS name).</param>
    public static string Prepare(NodeOperatingSystem os, string kubernetesVersion, ContainerRuntime runtime, string? nodeIp = null)
    {
        var version = CheckVersion(kubernetesVersion);
        var values = new ScriptValues
        {
            { "KUBERNETES_VERSION", version },
            { "KERNEL_SETTINGS", Part("kernel-settings.sh") },
            { "KERNEL_BTF_CHECK", Part("kernel-btf-check.sh") },
            { "KUBELET_NODE_IP_CHECK", NodeIpPart("kubelet-node-ip-check.sh", nodeIp) },
            { "KUBELET_FILE_PERMISSIONS", KubeletFilePermissions() },
        };
        AddPackagesAndRuntime(values, os, runtime);
        if (os == NodeOperatingSystem.Flatcar) return Step("prepare-flatcar.sh", values);
        values.Add("OS_NAME", Describe(os));
        return Step("prepare-ubuntu.sh", values);
    }

    /// <summary>Undoes <see cref="Prepare"/> when a node leaves the inventory: stops kubelet and removes the
    /// platform's kernel settings, its certificate renewal and etcd backup timers and services, and its files and markers where no reset did (a node whose init or join never
    /// completed has no kubeadm step to reset it). Packages stay, so the host can be prepared again quickly.</summary>
    public static string CleanUp() => Step("clean-up.sh", new()
    {
        { "CERTIFICATE_RENEWAL_REMOVAL", CertificateRenewalRemoval() },
        { "ETCD_BACKUP_REMOVAL", EtcdBackup.EtcdBackupScripts.Removal() },
    });

    /// <summary>
    /// Writes files from standard input, one per line: octal mode, absolute path, base64 content (see
    /// <see cref="ShellScript.FilePayload"/>). A file whose content is unchanged is left alone.
    /// </summary>
    public static string InstallFiles() => Step("install-files.sh", ScriptValues.Empty);

    /// <summary>
    /// The delete step of the files step: it removes nothing. Its files are live on a running node (the API server
    /// mounts the audit policy and the encryption and admission configurations; kubeadm and kube-vip read the others),
    /// and a replacement of the files step, which creates the new step before it deletes the old one, would otherwise
    /// delete the files it has just written. When the node leaves the cluster its reset (<see cref="Reset"/>) removes
    /// them.
    /// </summary>
    public static string KeepFiles() =>
        NothingToUndo("files", "the files stay while the node is in the cluster; its reset removes them when it leaves");

    /// <summary>Runs <c>kubeadm init</c> on the first control-plane node (once), with kube-vip when the endpoint is a
    /// virtual IP. Initialising is a one-time fact of the cluster: on a node that joined it (<see cref="JoinedMarker"/>),
    /// which becomes the first control-plane node when the ones before it leave, it does nothing. kube-vip runs on <c>super-admin.conf</c> until init is done, then on <c>admin.conf</c>; a changed
    /// kube-vip template on a running node is <see cref="RollOutKubeVip"/>'s. A marker an earlier release left among the
    /// platform's files (<see cref="LegacyInitialisedMarker"/>) is moved to <see cref="InitialisedMarker"/>.</summary>
    public static string InitFirstControlPlane(string? kubeVipAddress)
    {
        var kubeVip = kubeVipAddress != null;
        // kube-vip's static pod is in the manifests folder before init, which kubeadm's preflight would refuse.
        string[] flags = kubeVip ? ["--ignore-preflight-errors=DirAvailable--etc-kubernetes-manifests"] : [];
        return Step("init.sh", new()
        {
            { "STATE_DIR", StateDir },
            { "LEGACY_INITIALISED_MARKER", LegacyInitialisedMarker },
            { "JOINED_MARKER", JoinedMarker },
            { "LEGACY_JOINED_MARKER", LegacyJoinedMarker },
            { "CONFIGURATION_DIGEST", Part("configuration-digest.sh") },
            { "ADMIN_KUBECONFIG", AdminKubeconfig },
            { "UPLOADED_CONFIGURATION_ANNOTATION", UploadedConfigurationAnnotation },
            { "KUBE_VIP_FUNCTION", kubeVip ? KubeVipFunction(kubeVipAddress!) : ScriptFragment.None },
            // kubeadm 1.29+ gives admin.conf its rights only after init, so kube-vip uses super-admin.conf meanwhile.
            { "KUBE_VIP_BEFORE_INIT", kubeVip ? Part("kube-vip-with-super-admin-conf.sh") : ScriptFragment.None },
            { "INITIALISED_MARKER", InitialisedMarker },
            { "KUBEADM_CONFIG", KubeadmConfigPath },
            { "KUBEADM_INIT_FLAGS", flags },
            { "KUBE_VIP_AFTER_INIT", kubeVip ? Part("kube-vip-with-admin-conf.sh") : ScriptFragment.None },
            { "KUBELET_FILE_PERMISSIONS", KubeletFilePermissions() },
            { "CONTROL_PLANE_CERTIFICATE_PERMISSIONS", ControlPlaneCertificatePermissions() },
            { "ETCD_DATA_OWNERSHIP", EtcdDataOwnership() },
        });
    }

    /// <summary>Runs <c>kubeadm join</c> (once), except on the node that initialised the cluster
    /// (<see cref="InitialisedMarker"/>), which is a member already; control-plane nodes then run kube-vip too when the endpoint is a virtual IP
    /// (a changed kube-vip template on a running node is <see cref="RollOutKubeVip"/>'s). The bootstrap token in the
    /// join configuration is made valid beside it (<see cref="EnsureBootstrapToken"/>): kubeadm's discovery waits for it.
    /// A marker an earlier release left among the platform's files (<see cref="LegacyJoinedMarker"/>) is moved to
    /// <see cref="JoinedMarker"/>.</summary>
    public static string Join(bool controlPlane, string? kubeVipAddress)
    {
        var kubeVip = controlPlane && kubeVipAddress != null;
        return Step("join.sh", new()
        {
            { "JOIN_ROLE", controlPlane ? "control-plane node" : "worker" },
            { "STATE_DIR", StateDir },
            { "LEGACY_JOINED_MARKER", LegacyJoinedMarker },
            { "JOINED_MARKER", JoinedMarker },
            { "INITIALISED_MARKER", InitialisedMarker },
            { "LEGACY_INITIALISED_MARKER", LegacyInitialisedMarker },
            { "KUBEADM_CONFIG", KubeadmConfigPath },
            { "KUBE_VIP_FUNCTION", kubeVip ? KubeVipFunction(kubeVipAddress!) : ScriptFragment.None },
            { "KUBE_VIP_AFTER_JOIN", kubeVip ? Part("kube-vip-with-admin-conf.sh") : ScriptFragment.None },
            { "KUBELET_FILE_PERMISSIONS", KubeletFilePermissions() },
            { "CONTROL_PLANE_CERTIFICATE_PERMISSIONS", controlPlane ? ControlPlaneCertificatePermissions() : ScriptFragment.None },
            { "ETCD_DATA_OWNERSHIP", controlPlane ? EtcdDataOwnership() : ScriptFragment.None },
        });
    }

    /// <summary>Takes a node out of Kubernetes: <c>kubeadm reset</c> (which also removes a control-plane node's etcd
    /// member), then the CNI configuration, kube-vip's static pod, the platform's files (<see cref="PlatformDir"/>) and
    /// its markers (<see cref="StateDir"/>); before all that, a control-plane node's certificate renewal timer and service
    /// (<see cref="InstallCertificateRenewal"/>) and its etcd backup timer and service
    /// (<see cref="EtcdBackup.EtcdBackupScripts.Install"/>), so no renewal or backup starts meanwhile.</summary>
    public static string Reset() => Step("reset.sh", new()
    {
        { "PLATFORM_DIR", PlatformDir },
        { "STATE_DIR", StateDir },
        { "CERTIFICATE_RENEWAL_REMOVAL", CertificateRenewalRemoval() },
        { "ETCD_BACKUP_REMOVAL", EtcdBackup.EtcdBackupScripts.Removal() },
    });

    /// <summary>
    /// The script a control-plane node's renewal service runs (<see cref="CertificateRenewalUnits"/>), as kubeadm's
    /// "Certificate Management with kubeadm" says: under the shared kubeadm lock (<c>/run/platform-kubeadm.lock</c>,
    /// which the control-plane upgrades' <c>kubeadm upgrade apply</c> and <c>kubeadm upgrade node</c> and the service-proxy step take), when the earliest of the certificates
    /// kubeadm manages on the node (<c>kubeadm certs check-expiration</c>) expires within
    /// <see cref="CertificateRenewalDays"/> days and every control-plane pod of the cluster is ready (so a restart of
    /// this node's etcd never costs etcd its majority), <c>kubeadm certs renew all</c> (the leaf certificates and the
    /// kubeconfigs admin.conf, super-admin.conf where it exists, controller-manager.conf and scheduler.conf), then etcd,
    /// kube-apiserver, kube-controller-manager and kube-scheduler restarted one at a time, each by moving its static pod
    /// manifest out until kubelet has stopped it and back, and waited for until kubelet reports its new container ready.
    /// Otherwise it only logs the earliest expiry. A run that stopped after the renewal restarts the components on the
    /// next run (<see cref="CertificateRenewalStateDir"/>); a manifest it moved out is put back on exit and at the start
    /// of every run. Every failure exits non-zero with its reason, in the journal.
    /// </summary>
    /// <param name="nodeName">The node, whose mirror pods are <c>&lt;component&gt;-&lt;node&gt;</c>.</param>
    public static string RenewCertificates(string nodeName)
    {
        CheckName(nodeName);
        return Step("renew-certificates.sh", new()
        {
            { "NODE", nodeName },
            { "RENEW_WITHIN_DAYS", CertificateRenewalDays.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            { "STATE_DIR", StateDir },
            { "RENEWAL_STATE_DIR", CertificateRenewalStateDir },
            { "ADMIN_KUBECONFIG", AdminKubeconfig },
            { "KUBEADM_CERTIFICATES", Part("kubeadm-certificates.sh") },
            { "CONTROL_PLANE_CERTIFICATE_PERMISSIONS", ControlPlaneCertificatePermissions() },
            { "REBOOT_LOCK_NAMESPACE", Reboots.KuredValues.Namespace },
            { "REBOOT_LOCK_DAEMONSET", Reboots.KuredValues.DaemonSetName },
            { "REBOOT_LOCK_ANNOTATION", Reboots.KuredValues.LockAnnotation },
        });
    }

    /// <summary>
    /// On control-plane node <paramref name="nodeName"/>: writes the renewal script (<see cref="RenewCertificates"/>)
    /// and its systemd service and timer (<see cref="CertificateRenewalUnits"/>, the timer in the node's slot of the day,
    /// <paramref name="schedule"/>), each only where its content differs, then reloads systemd and restarts the timer
    /// when one changed, and enables and starts the timer where it is not. A second run changes nothing; the node's
    /// reset (<see cref="Reset"/>) and clean-up remove the units.
    /// </summary>
    public static string InstallCertificateRenewal(string nodeName, CertificateRenewalSchedule schedule)
    {
        CheckName(nodeName);
        ArgumentNullException.ThrowIfNull(schedule);
        return Step("certificate-renewal.sh", new()
        {
            { "NODE", nodeName },
            { "PLATFORM_DIR", PlatformDir },
            { "UNIT_FOLDER", CertificateRenewalUnits.Folder },
            { "RENEWAL_SCRIPT_PATH", CertificateRenewalScript },
            { "RENEWAL_SCRIPT", RenewCertificates(nodeName) },
            { "RENEWAL_SERVICE_PATH", CertificateRenewalUnits.ServicePath },
            { "RENEWAL_SERVICE", CertificateRenewalUnits.Service() },
            { "RENEWAL_TIMER_PATH", CertificateRenewalUnits.TimerPath },
            { "RENEWAL_TIMER", CertificateRenewalUnits.Timer(schedule) },
            { "RENEWAL_TIMER_UNIT", CertificateRenewalUnits.Name + ".timer" },
            { "WRITE_FILE", WriteFile() },
        });
    }

    /// <summary>
    /// On a control-plane node: prints, one line each, the name and expiry (RFC 3339, UTC) of every certificate kubeadm
    /// manages there (<c>kubeadm certs check-expiration</c>; the ones it reports missing left out), which
    /// <see cref="Certificates.CertificateExpiry.Parse"/> reads. Nothing secret is read or printed. It fails when kubeadm
    /// lists none.
    /// </summary>
    public static string ReportCertificateExpiry() =>
        Step("certificate-expiry.sh", new() { { "KUBEADM_CERTIFICATES", Part("kubeadm-certificates.sh") } });

    /// <summary>
    /// On the first control-plane node, beside node <paramref name="nodeName"/>'s join: makes the bootstrap token read
    /// from standard input valid for the next hour, then waits (up to 20 minutes) until the node has done with it: it has
    /// registered (kubelet's TLS bootstrap used the token) and, for a control-plane node, kubeadm has marked it as one.
    /// A join that fails before that leaves this step failed too, so the next <c>pulumi up</c> runs both again and
    /// every join attempt meets a valid token. The token is written as kubeadm's own Secret
    /// (<c>bootstrap-token-&lt;id&gt;</c> in <c>kube-system</c>) on kubectl's standard input, so it never appears in a
    /// command line (<c>kubeadm token create</c> takes it as an argument). Writes are serialised with a lock, so nodes
    /// joining at once never race to create the Secret.
    /// </summary>
    /// <param name="nodeName">The joining node.</param>
    /// <param name="controlPlane">Whether it joins as a control-plane node.</param>
    public static string EnsureBootstrapToken(string nodeName, bool controlPlane)
    {
        CheckName(nodeName);
        string[] selector = controlPlane ? ["--selector=" + ControlPlaneLabel] : [];
        return Step("bootstrap-token.sh", new()
        {
            { "ADMIN_KUBECONFIG", AdminKubeconfig },
            { "NODE", nodeName },
            { "NODE_SELECTOR", selector },
        });
    }

    /// <summary>
    /// On control-plane node <paramref name="nodeName"/>, after its init or join: makes kube-vip's static pod what the
    /// template the files step placed (<see cref="KubeVipTemplatePath"/>) gives for this node, on <c>admin.conf</c>.
    /// Where it already is, nothing is written and the step only checks that kube-vip runs. Where it differs (a new
    /// kube-vip version or setting), the manifest is written, kubelet restarts kube-vip (which hands the virtual IP's
    /// lease to another control-plane node if it held it), and the step waits until the new pod has been ready for three
    /// checks in a row and the API answers on the virtual IP: the next control-plane node's step waits for this one, so
    /// kube-vip restarts on one node at a time and a template that does not work stops at the first node.
    /// </summary>
    /// <param name="nodeName">The node, whose kube-vip mirror pod is <c>kube-vip-&lt;node&gt;</c>.</param>
    /// <param name="kubeVipAddress">The API's virtual IPv4 address.</param>
    public static string RollOutKubeVip(string nodeName, string kubeVipAddress)
    {
        CheckName(nodeName);
        return Step("kube-vip.sh", new()
        {
            { "ADMIN_KUBECONFIG", AdminKubeconfig },
            { "NODE", nodeName },
            { "KUBE_VIP_FUNCTION", KubeVipFunction(kubeVipAddress) },
        });
    }

    /// <summary>
    /// On the first control-plane node, after a node joined: waits for it to register and sets exactly the inventory's
    /// labels and taints (labels and taints the platform set earlier and the inventory no longer has are removed, and on
    /// a control-plane node the control-plane taint whenever <paramref name="taints"/> leaves it out). It approves no
    /// certificate: kubelet serving certificates are approved, for the inventory's names and addresses only, by the
    /// cluster's approver (<see cref="KubeletServingCertificateApprover"/>), and nothing in the bring-up waits for them.
    /// </summary>
    /// <param name="nodeName">The node.</param>
    /// <param name="labels">Its labels.</param>
    /// <param name="taints">Every taint it has (the inventory's, and on a control-plane node the control-plane taint
    /// when the cluster has workers); none by default.</param>
    /// <param name="controlPlane">Whether it is a control-plane node. Default false.</param>
    public static string RegisterMember(string nodeName, IReadOnlyDictionary<string, string> labels, IReadOnlyList<NodeTaint>? taints = null,
        bool controlPlane = false)
    {
        CheckName(nodeName);
        ArgumentNullException.ThrowIfNull(labels);
        taints ??= [];
        var keys = labels.Keys.Order(StringComparer.Ordinal).ToList();
        var setLabels = keys.Count == 0
            ? ScriptFragment.None
            : Part("set-labels.sh", new() { { "LABELS", keys.Select(k => $"{k}={labels[k]}").ToList() } });
        var ordered = taints.OrderBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Effect).ToList();
        var setTaints = ordered.Count == 0
            ? ScriptFragment.None
            : Part("set-taints.sh", new() { { "TAINTS", ordered.Select(t => t.ToString()).ToList() } });
        return Step("register.sh", new()
        {
            { "ADMIN_KUBECONFIG", AdminKubeconfig },
            { "NODE", nodeName },
            { "MANAGED_LABELS", string.Join(",", keys) },
            { "SET_LABELS", setLabels },
            { "MANAGED_LABELS_ANNOTATION", ManagedLabelsAnnotation },
            { "MANAGED_TAINTS", string.Join(",", ordered.Select(t => $"{t.Key}:{t.Effect}")) },
            { "ALWAYS_MANAGED_TAINTS", controlPlane ? $"{KubeadmConfigRenderer.ControlPlaneTaintKey}:{TaintEffect.NoSchedule}" : "" },
            { "SET_TAINTS", setTaints },
            { "MANAGED_TAINTS_ANNOTATION", ManagedTaintsAnnotation },
        });
    }

    /// <summary>
    /// The delete step of a node's registration: nothing, since the registration only set labels. Taking the node out
    /// is its leave step's (<see cref="Leave"/>) and, after its reset, its Node object step's (<see cref="DeleteNode"/>).
    /// </summary>
    public static string KeepRegistration() =>
        NothingToUndo("register", "the node's leave step drains it and its node-object step deletes its Node after the reset");

    /// <summary>
    /// On a healthy control-plane node other than <paramref name="nodeName"/> (the one that runs the cluster's admin
    /// steps, or for that one the next control-plane node), when the node leaves the inventory, before its
    /// <c>kubeadm reset</c>: takes it out of the cluster.
    /// <list type="bullet">
    /// <item>A worker is drained (evictions, so PodDisruptionBudgets hold it, for 15 minutes at most); a dead one is not
    /// (<see cref="NothingToUndo"/>).</item>
    /// <item>A control-plane node's etcd member, looked up by its peer URL (<c>https://&lt;address&gt;:2380</c>), must be
    /// removable first: the removal commits only with a quorum of today's healthy members, and the healthy members left
    /// must be a quorum of the smaller cluster. Otherwise the step fails before it changes anything. Then the node is
    /// drained (unless it is dead), and the member is removed with <c>etcdctl member remove</c> through another
    /// control-plane node's etcd pod and checked gone. A member that is gone already is left alone; etcd's last member
    /// is left to the node's reset. One change at a time from the node it runs on (a lock), and the leave steps of the
    /// control-plane nodes depend on each other in inventory order, so removals in one update run one after
    /// another.</item>
    /// </list>
    /// A dead control-plane node's step runs this as its create too, on the update that marks it dead: its member is
    /// gone then, so a replacement can join (etcd refuses a new member while one is unreachable) before the dead node
    /// leaves the inventory.
    /// </summary>
    /// <param name="nodeName">The node that leaves.</param>
    /// <param name="address">Its inventory address, which its etcd member advertises.</param>
    /// <param name="controlPlane">Whether it is a control-plane node (with an etcd member).</param>
    /// <param name="dead">Whether it is gone for good: no drain.</param>
    public static string Leave(string nodeName, string address, bool controlPlane, bool dead)
    {
        CheckName(nodeName);
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var drain = dead ? ScriptFragment.None : Part("drain-node.sh");
        if (!controlPlane)
        {
            return dead
                ? NothingToUndo("leave", "a dead worker is not drained; its node-object step deletes its Node")
                : Step("leave-worker.sh", new() { { "ADMIN_KUBECONFIG", AdminKubeconfig }, { "NODE", nodeName }, { "DRAIN", drain }, { "REBOOT_LOCK", RebootLock() } });
        }
        return Step("leave-control-plane.sh", new()
        {
            { "NODE", nodeName },
            { "LEAVE_HOW", dead ? "it is dead: remove its etcd member, without a drain" : "drain it, then remove its etcd member" },
            { "ADMIN_KUBECONFIG", AdminKubeconfig },
            { "ETCD_PEER_URL", $"https://{address}:{EtcdPeerPort}" },
            { "DRAIN", drain },
            { "REBOOT_LOCK", RebootLock() },
        });
    }

    /// <summary>
    /// On a control-plane node other than <paramref name="nodeName"/> (as for <see cref="Leave"/>), once the node has
    /// left and been reset: deletes its Node object, with <c>--force --grace-period=0</c> for a dead node. After the reset,
    /// not before: a kubelet still running would register the Node again. Where this node has left too (its admin
    /// kubeconfig is gone: the whole cluster is being removed), it says so and changes nothing.
    /// </summary>
    public static string DeleteNode(string nodeName, bool dead)
    {
        CheckName(nodeName);
        string[] force = dead ? ["--force", "--grace-period=0"] : [];
        return Step("delete-node.sh", new() { { "ADMIN_KUBECONFIG", AdminKubeconfig }, { "NODE", nodeName }, { "DELETE_NODE_FLAGS", force } });
    }

    /// <summary>
    /// Upgrades a control-plane node to <paramref name="kubernetesVersion"/> in kubeadm's order: kubeadm first, then
    /// <c>kubeadm upgrade apply</c> (the first control-plane node) or <c>kubeadm upgrade node</c> (the others), then
    /// drain, containerd as <paramref name="runtime"/> says, kubelet and kubectl, uncordon. Before any of it, an etcd
    /// snapshot from the node's own member, kept in <see cref="EtcdSnapshotDir"/> (the newest
    /// <see cref="EtcdSnapshotsKept"/>); a snapshot that fails stops the upgrade, and a run after kubeadm has upgraded
    /// the node's API server takes none. Nothing happens when the node already runs that version; a jump of more than
    /// one minor version, a downgrade, or a containerd the target minor does not support and that cannot be replaced (no
    /// candidate on Ubuntu, Flatcar's own) is refused before anything changes. From the version guard on it holds kured's
    /// reboot lock (<see cref="RebootLockHolder"/>), so no node reboots while kubeadm upgrades this node's etcd member and
    /// control plane, and releases it when the node is uncordoned.
    /// </summary>
    /// <param name="os">The node's operating system.</param>
    /// <param name="kubernetesVersion">The target version, MAJOR.MINOR.PATCH.</param>
    /// <param name="runtime">The container runtime the target version needs.</param>
    /// <param name="nodeName">The node's name.</param>
    /// <param name="first">Whether this is the first control-plane node (it runs <c>kubeadm upgrade apply</c>).</param>
    /// <param name="kubeProxy">Whether the cluster runs kube-proxy. When it does not, the upgrade skips kubeadm's
    /// <c>addon/kube-proxy</c> phase from 1.32 on: from then kubeadm's upgrades have phases, and no longer take a missing
    /// kube-proxy ConfigMap to mean that kube-proxy is not wanted (kubeadm before 1.32 does, and has no such phase).</param>
    /// <param name="nodeIp">kubelet's node IP, added to the flags of a node that joined without one; null when kubelet
    /// chooses.</param>
    public static string UpgradeControlPlane(NodeOperatingSystem os, string kubernetesVersion, ContainerRuntime runtime, string nodeName, bool first,
        bool kubeProxy = true, string? nodeIp = null)
    {
        var version = CheckVersion(kubernetesVersion);
        CheckName(nodeName);
        string[] skip = !kubeProxy && MinorOf(version) >= 32 ? ["--skip-phases=addon/kube-proxy"] : [];
        var upgrade = Part(first ? "kubeadm-upgrade-apply.sh" : "kubeadm-upgrade-node.sh", new() { { "SKIP_PHASES", skip } });
        var flatcar = os == NodeOperatingSystem.Flatcar;
        var values = new ScriptValues
        {
            { "NODE", nodeName },
            { "KUBERNETES_VERSION", version },
            { "ADMIN_KUBECONFIG", AdminKubeconfig },
            { "VERSION_GUARD", VersionGuard(AdminKubeconfig) },
            { "UPGRADE_MARKER", UpgradeMarker },
            { "ETCD_SNAPSHOT", EtcdSnapshot() },
            { "KUBEADM_UPGRADE", upgrade },
            { "UPGRADE_CORDON", UpgradeCordon(version) },
            { "KUBELET_NODE_IP_PIN", NodeIpPart("kubelet-node-ip-pin.sh", nodeIp) },
            { "KUBELET_FILE_PERMISSIONS", KubeletFilePermissions() },
            { "CONTROL_PLANE_CERTIFICATE_PERMISSIONS", ControlPlaneCertificatePermissions() },
            { "ETCD_DATA_OWNERSHIP", EtcdDataOwnership() },
        };
        AddPackagesAndRuntime(values, os, runtime);
        return Step(flatcar ? "upgrade-control-plane-flatcar.sh" : "upgrade-control-plane-ubuntu.sh", values);
    }

    /// <summary>On the first control-plane node, before a worker's upgrade: drains the worker unless it already runs
    /// <paramref name="kubernetesVersion"/>, holding kured's reboot lock first (<see cref="RebootLockHolder"/>; it waits up
    /// to 30 minutes for a reboot in progress), so no node reboots while the upgrade has nodes out.</summary>
    public static string DrainForUpgrade(string nodeName, string kubernetesVersion)
    {
        var version = CheckVersion(kubernetesVersion);
        CheckName(nodeName);
        return Step("drain-for-upgrade.sh", new()
        {
            { "ADMIN_KUBECONFIG", AdminKubeconfig },
            { "NODE", nodeName },
            { "KUBERNETES_VERSION", version },
            { "UPGRADE_CORDON", UpgradeCordon(version) },
            { "CORDONED_ANNOTATION", CordonedForUpgradeAnnotation },
        });
    }

    /// <summary>Upgrades a drained worker: containerd as <paramref name="runtime"/> says, kubeadm, <c>kubeadm upgrade
    /// node</c>, then kubelet and kubectl. Nothing happens when it already runs <paramref name="kubernetesVersion"/>.</summary>
    /// <param name="os">The node's operating system.</param>
    /// <param name="kubernetesVersion">The target version, MAJOR.MINOR.PATCH.</param>
    /// <param name="runtime">The container runtime the target version needs.</param>
    /// <param name="nodeName">The node's name: the guard asks the API for the version its kubelet runs (with the
    /// kubelet's own credentials).</param>
    /// <param name="nodeIp">kubelet's node IP, added to the flags of a node that joined without one; null when kubelet
    /// chooses.</param>
    public static string UpgradeWorker(NodeOperatingSystem os, string kubernetesVersion, ContainerRuntime runtime, string nodeName, string? nodeIp = null)
    {
        var version = CheckVersion(kubernetesVersion);
        CheckName(nodeName);
        var flatcar = os == NodeOperatingSystem.Flatcar;
        var values = new ScriptValues
        {
            { "KUBERNETES_VERSION", version },
            { "NODE", nodeName },
            { "VERSION_GUARD", VersionGuard(KubeletKubeconfig) },
            { "UPGRADE_MARKER", UpgradeMarker },
            { "KUBELET_NODE_IP_PIN", NodeIpPart("kubelet-node-ip-pin.sh", nodeIp) },
            { "KUBELET_FILE_PERMISSIONS", KubeletFilePermissions() },
        };
        AddPackagesAndRuntime(values, os, runtime);
        return Step(flatcar ? "upgrade-worker-flatcar.sh" : "upgrade-worker-ubuntu.sh", values);
    }

    /// <summary>On the first control-plane node, after a worker's upgrade to <paramref name="kubernetesVersion"/>: makes it
    /// schedulable again if the upgrade cordoned it (<see cref="CordonedForUpgradeAnnotation"/>); a node an operator
    /// cordoned stays cordoned. Once no node is cordoned for an upgrade any more, it releases the upgrade's hold on kured's
    /// reboot lock.</summary>
    public static string Uncordon(string nodeName, string kubernetesVersion)
    {
        CheckName(nodeName);
        var version = CheckVersion(kubernetesVersion);
        return Step("uncordon.sh", new()
        {
            { "ADMIN_KUBECONFIG", AdminKubeconfig },
            { "NODE", nodeName },
            { "UPGRADE_CORDON", UpgradeCordon(version) },
        });
    }

    /// <summary>
    /// On the first control-plane node: makes the cluster's Service proxy what the configuration says, and is a no-op
    /// when it already is (as on a new cluster, whose <c>kubeadm init</c> installed kube-proxy or skipped it).
    /// <list type="bullet">
    /// <item>kube-proxy wanted and missing: kubeadm's own addon phase adds it from the kubeadm configuration on this node
    /// (<c>kubeadm init phase addon kube-proxy --config</c>), and the cluster's kubeadm configuration is uploaded again
    /// (<c>kubeadm init phase upload-config kubeadm</c>) so that it no longer says kube-proxy is disabled and later
    /// upgrades keep it current. Then it waits until kube-proxy runs on every node.</item>
    /// <item>kube-proxy not wanted and present: refused unless Cilium's kube-proxy replacement is on; then the
    /// kube-proxy DaemonSet goes (foreground deletion: the command returns once its pods are gone) and, after the
    /// cluster's kubeadm configuration is uploaded with kube-proxy disabled, its ConfigMap, so kubeadm upgrades do not
    /// install it again (Cilium's "Kubernetes Without kube-proxy" guide). Each node's iptables rules are removed by
    /// <see cref="RemoveKubeProxyRules"/>.</item>
    /// </list>
    /// Both upload and add at the version the control plane runs (the API server's, not the configuration's): the step
    /// does not wait for the upgrades, so a Kubernetes version changed in the same update is still to come, and kubeadm's
    /// upgrade then moves the configuration and kube-proxy on. The caller orders it so that Services always have a proxy:
    /// before the network plugin stops replacing kube-proxy, after it has started to.
    /// </summary>
    /// <param name="kubeProxy">Whether the cluster runs kube-proxy.</param>
    public static string ReconcileServiceProxy(bool kubeProxy) =>
        Step(kubeProxy ? "service-proxy-with-kube-proxy.sh" : "service-proxy-without-kube-proxy.sh", new()
        {
            { "ADMIN_KUBECONFIG", AdminKubeconfig },
            { "KUBEADM_CONFIG_AT_RUNNING_VERSION", Part("kubeadm-config-at-running-version.sh", new() { { "KUBEADM_CONFIG", KubeadmConfigPath } }) },
        });

    /// <summary>
    /// On every node, once kube-proxy is gone: removes the iptables rules kube-proxy left behind, as Cilium's
    /// "Kubernetes Without kube-proxy" guide says to on each node (<c>iptables-save | grep -v KUBE | iptables-restore</c>),
    /// for each iptables backend on the host. Only where kube-proxy's own chains are still there; kubelet re-creates its
    /// own <c>KUBE-</c> chains by itself.
    /// </summary>
    public static string RemoveKubeProxyRules() => Step("kube-proxy-rules.sh", ScriptValues.Empty);

    /// <summary>The create step of a step that acts only when the node leaves (its delete does the work).</summary>
    public static string NothingToDo(string step, string reason) =>
        Step("nothing-to-do.sh", new() { { "STEP", step }, { "REASON", reason } });

    /// <summary>
    /// On control-plane node <paramref name="nodeName"/>, after its init or join: makes its static pods what the cluster's
    /// configuration gives (kubeadm's "Reconfiguring a kubeadm cluster"), at the version the cluster runs. On the node
    /// that runs the cluster's admin steps (<paramref name="admin"/>) the cluster's <c>kubeadm-config</c> and
    /// <c>kubelet-config</c> ConfigMaps are uploaded first from its kubeadm configuration (<c>kubeadm init phase
    /// upload-config kubeadm|kubelet</c>), when what they were last uploaded from
    /// (<see cref="UploadedConfigurationAnnotation"/>) differs. Then <c>kubeadm upgrade diff</c> compares the manifests
    /// kubeadm would write for this node with those it runs; where they are the same nothing else happens. Where they
    /// differ: an etcd snapshot (<see cref="EtcdSnapshotDir"/>), a copy of the three manifests
    /// (<see cref="ManifestBackupDir"/>), <c>kubeadm upgrade node phase control-plane --certificate-renewal=false
    /// --etcd-upgrade=false</c> (which replaces only the manifests that differ, waits for kubelet to run them and puts
    /// the old one back if it does not come up), then up to five minutes for the API server, controller manager and
    /// scheduler of this node to be ready, or a failure that names the backup and the snapshot. Under the node's kubeadm
    /// lock (<c>/run/platform-kubeadm.lock</c>), with the service-proxy step and <c>kubeadm upgrade apply</c>.
    /// </summary>
    /// <param name="nodeName">The control-plane node.</param>
    /// <param name="admin">Whether it is the node that runs the cluster's admin steps (the first control-plane node),
    /// whose kubeadm configuration is an InitConfiguration for it and which uploads the cluster's configuration.</param>
    public static string ReconfigureControlPlane(string nodeName, bool admin)
    {
        CheckName(nodeName);
        return Step("reconfigure-control-plane.sh", new()
        {
            { "ADMIN_KUBECONFIG", AdminKubeconfig },
            { "NODE", nodeName },
            { "CONFIGURATION_DIGEST", admin ? Part("configuration-digest.sh") : ScriptFragment.None },
            { "KUBEADM_CONFIG_AT_RUNNING_VERSION", Part("kubeadm-config-at-running-version.sh", new() { { "KUBEADM_CONFIG", KubeadmConfigPath } }) },
            { "ETCD_SNAPSHOT", EtcdSnapshot() },
            {
                "UPLOAD_CONFIGURATION", admin
                    ? Part("upload-configuration.sh", new() { { "UPLOADED_CONFIGURATION_ANNOTATION", UploadedConfigurationAnnotation }, { "KUBEADM_CONFIG", KubeadmConfigPath } })
                    : ScriptFragment.None
            },
            { "STATE_DIR", StateDir },
            { "MANIFEST_BACKUP_DIR", ManifestBackupDir },
            { "MANIFEST_BACKUPS_KEPT", ManifestBackupsKept.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
    }

    /// <summary>
    /// On node <paramref name="nodeName"/> (any role), once the cluster's <c>kubelet-config</c> ConfigMap is current:
    /// gives its kubelet that configuration. Where the node's <c>/var/lib/kubelet/config.yaml</c> already is what the
    /// ConfigMap holds nothing happens; otherwise the file is copied (<see cref="KubeletConfigBackupDir"/>),
    /// <c>kubeadm upgrade node phase kubelet-config</c> writes it from the ConfigMap, and only if that changed it kubelet
    /// restarts and the step waits (five minutes at most) for the node to be Ready. No drain: kubelet leaves the running
    /// containers alone while it restarts, and the settings the platform manages apply to the kubelet's own server and to
    /// pods started later.
    /// </summary>
    /// <param name="nodeName">The node.</param>
    /// <param name="controlPlane">Whether it is a control-plane node (it reads the ConfigMap with <c>admin.conf</c>; a
    /// worker with its kubelet's own credentials, which kubeadm lets read it).</param>
    public static string ReconfigureKubelet(string nodeName, bool controlPlane)
    {
        CheckName(nodeName);
        return Step("reconfigure-kubelet.sh", new()
        {
            { "NODE_KUBECONFIG", controlPlane ? AdminKubeconfig : KubeletKubeconfig },
            { "NODE", nodeName },
            { "KUBELET_CONFIG", KubeadmPaths.KubeletConfig },
            { "STATE_DIR", StateDir },
            { "KUBELET_CONFIG_BACKUP_DIR", KubeletConfigBackupDir },
            { "KUBELET_CONFIG_BACKUPS_KEPT", KubeletConfigBackupsKept.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
    }

    /// <summary>
    /// On the node that runs the cluster's admin steps, after every control-plane node's reconfiguration: once every
    /// control-plane node's API server runs with the encryption configuration that writes Secrets with
    /// <paramref name="writer"/> (its static pod's <see cref="KubeadmConfigRenderer.SecretsWriterVariable"/>) and is
    /// ready, rewrites through the API every Secret that etcd does not hold the way <paramref name="writer"/> stores it
    /// (read from the node's own etcd member: encrypted values start with <c>k8s:enc:&lt;provider&gt;:v1:key1:</c>),
    /// one namespace at a time, in rounds until none is left (five at most; a Secret changed meanwhile is taken up by
    /// the next round). So encryption switched on, off, or from aescbc to secretbox reaches the Secrets stored before,
    /// each Secret rewritten once, and a new cluster, whose Secrets are all stored as written, has nothing rewritten.
    /// </summary>
    /// <param name="writer">The provider that writes Secrets (<see cref="KubeadmConfigRenderer.SecretsWriter"/>):
    /// <c>secretbox</c>, <c>aescbc</c> or <c>identity</c>.</param>
    public static string RewriteSecrets(string writer)
    {
        if (writer is not ("secretbox" or "aescbc" or "identity"))
            throw new ArgumentException($"Secrets are written with secretbox, aescbc or identity, got '{writer}'.", nameof(writer));
        return Step("rewrite-secrets.sh", new()
        {
            { "ADMIN_KUBECONFIG", AdminKubeconfig },
            { "SECRETS_WRITER", writer },
            { "LOCAL_ETCD", Part("local-etcd.sh") },
            { "SECRETS_WRITER_VARIABLE", KubeadmConfigRenderer.SecretsWriterVariable },
            { "CONTROL_PLANE_LABEL", ControlPlaneLabel },
            { "ENCRYPTION_KEY_NAME", KubeadmConfigRenderer.EncryptionKeyName },
        });
    }

    /// <summary>The API server's static pod manifest, which kubeadm writes on every control-plane node.</summary>
    public const string ApiServerManifest = "/etc/kubernetes/manifests/kube-apiserver.yaml";

    /// <summary>
    /// On control-plane node <paramref name="nodeName"/>: makes its API server's structured authentication
    /// configuration (<see cref="KubeadmPaths.AuthenticationConfig"/>) <paramref name="configuration"/>
    /// (<see cref="AuthenticationConfigRenderer.Render"/>): written (root only, through a file beside it renamed over it)
    /// only where its content differs, so a second run writes nothing. Then, where the node's API server reads the
    /// file (its manifest has <c>--authentication-config</c>; on a cluster created before, the reconfigure step adds it
    /// and the API server starts with the file), waits up to five minutes until that API server runs with it: its
    /// <c>apiserver_authentication_config_controller_last_config_info</c> metric names the file's SHA-256. The API server
    /// reloads the file by itself and keeps its previous configuration while the new one is refused or an issuer cannot
    /// be reached, so the step fails then, naming where to look, and nothing else changes.
    /// </summary>
    /// <param name="nodeName">The control-plane node, whose mirror pod is <c>kube-apiserver-&lt;node&gt;</c>. Its own API
    /// server is asked on the loopback address, verified for the node's name, which kubeadm puts in every API server's
    /// serving certificate.</param>
    /// <param name="configuration">The AuthenticationConfiguration document.</param>
    public static string ConfigureAuthentication(string nodeName, string configuration)
    {
        CheckName(nodeName);
        ArgumentNullException.ThrowIfNull(configuration);
        return Step("authentication-config.sh", new()
        {
            { "NODE", nodeName },
            { "WRITE_FILE", WriteFile() },
            { "AUTHENTICATION_CONFIG_DIR", KubeadmPaths.AuthenticationConfigDir },
            { "AUTHENTICATION_CONFIG", KubeadmPaths.AuthenticationConfig },
            { "AUTHENTICATION_CONFIGURATION", configuration },
            { "API_SERVER_MANIFEST", ApiServerManifest },
            { "ADMIN_KUBECONFIG", AdminKubeconfig },
            { "LOCAL_API_SERVER", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"https://127.0.0.1:{KubeadmConfigRenderer.ApiServerBindPort}") },
        });
    }

    /// <summary>The delete step of a step that leaves nothing behind to undo (an upgrade is never reverted; a token expires).</summary>
    public static string NothingToUndo(string step, string reason) =>
        Step("nothing-to-undo.sh", new() { { "STEP", step }, { "REASON", reason } });

    /// <summary>The upgrade steps' guard: nothing to do when the node's kubelet reports the target and no upgrade of the
    /// node is under way (<see cref="UpgradeMarker"/>); a downgrade or a skipped minor is refused. It writes the marker
    /// once the upgrade may go on.</summary>
    private static ScriptFragment VersionGuard(string nodeKubeconfig) => Part("version-guard.sh", new()
    {
        { "NODE_KUBECONFIG", nodeKubeconfig },
        { "STATE_DIR", StateDir },
        { "UPGRADE_MARKER", UpgradeMarker },
    });

    private static string Step(string template, ScriptValues values) => ScriptTemplate.Get(template).Render(values);

    /// <summary>The <c>write_file</c> function of the steps that install files whose content they compare first
    /// (<c>parts/write-file.sh</c>).</summary>
    internal static ScriptFragment WriteFile() => Part("write-file.sh");

    private static ScriptFragment Part(string template, ScriptValues? values = null) =>
        ScriptTemplate.Get(ScriptTemplate.PartsFolder + template).RenderPart(values ?? ScriptValues.Empty);

    /// <summary>The parts that install Kubernetes and check or install containerd: apt's and Ubuntu's containerd, or
    /// Flatcar's sysext and own containerd.</summary>
    private static void AddPackagesAndRuntime(ScriptValues values, NodeOperatingSystem os, ContainerRuntime runtime)
    {
        values.Add("CONTAINERD_SUPPORT", ContainerdSupport(runtime));
        if (os == NodeOperatingSystem.Flatcar)
        {
            values.Add("CONTAINERD_FLATCAR", Part("containerd-flatcar.sh"));
            values.Add("KUBERNETES_SYSEXT", Part("kubernetes-sysext.sh"));
            values.Add("KUBELET_SERVICE_DROP_IN", KubeletServiceDropIn());
            return;
        }
        values.Add("APT", Part("apt.sh"));
        values.Add("CONTAINERD_UBUNTU", Part("containerd-ubuntu.sh"));
        values.Add("KUBERNETES_PACKAGES", Part("kubernetes-packages.sh"));
    }

    private static ScriptFragment ContainerdSupport(ContainerRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        if (runtime.SupportedContainerd.Count == 0)
            throw new ArgumentException("A container runtime needs at least one supported containerd release.", nameof(runtime));
        foreach (var release in runtime.SupportedContainerd.Where(r => !IsMajorMinorPatch(r)))
            throw new ArgumentException($"A containerd release is MAJOR.MINOR.PATCH, got '{release}'.", nameof(runtime));
        return Part("containerd-support.sh", new()
        {
            { "CONTAINERD_MINIMUMS", string.Join(' ', runtime.SupportedContainerd) },
            { "CONTAINERD_CONFIG_V2", ContainerdConfiguration.Render(ContainerdConfiguration.Containerd1Version, runtime.SandboxImage).TrimEnd('\n') },
            { "CONTAINERD_CONFIG_V3", ContainerdConfiguration.Render(ContainerdConfiguration.Containerd2Version, runtime.SandboxImage).TrimEnd('\n') },
        });
    }

    private static ScriptFragment NodeIpPart(string part, string? nodeIp)
    {
        if (nodeIp is null) return ScriptFragment.None;
        if (!CanonicalIp.Is(nodeIp))
            throw new ArgumentException($"kubelet's node IP is an IP address, got '{nodeIp}'.", nameof(nodeIp));
        return Part(part, new() { { "NODE_IP", nodeIp } });
    }

    private static ScriptFragment UpgradeCordon(string version) => Part("upgrade-cordon.sh", new()
    {
        { "CORDONED_ANNOTATION", CordonedForUpgradeAnnotation },
        { "KUBERNETES_VERSION", version },
        { "REBOOT_LOCK", RebootLock() },
    });

    /// <summary>kured's reboot lock, held by the upgrades and the removals while they have a node out
    /// (<c>hold_reboot_lock</c>, <c>release_reboot_lock</c>).</summary>
    private static ScriptFragment RebootLock() => Part("reboot-lock.sh", new()
    {
        { "CORDONED_ANNOTATION", CordonedForUpgradeAnnotation },
        { "REBOOT_LOCK_NAMESPACE", Reboots.KuredValues.Namespace },
        { "REBOOT_LOCK_DAEMONSET", Reboots.KuredValues.DaemonSetName },
        { "REBOOT_LOCK_ANNOTATION", Reboots.KuredValues.LockAnnotation },
        { "REBOOT_LOCK_HOLDER", RebootLockHolder },
        // Go's time.Duration in JSON: whole nanoseconds.
        { "REBOOT_LOCK_TTL_NANOSECONDS", (RebootLockTtl.Ticks * 100).ToString(System.Globalization.CultureInfo.InvariantCulture) },
    });

    private static ScriptFragment KubeletFilePermissions() => Part("kubelet-file-permissions.sh");

    private static ScriptFragment CertificateRenewalRemoval() => Part("certificate-renewal-removal.sh", new()
    {
        { "RENEWAL_TIMER_PATH", CertificateRenewalUnits.TimerPath },
        { "RENEWAL_SERVICE_PATH", CertificateRenewalUnits.ServicePath },
        { "RENEWAL_TIMER_UNIT", CertificateRenewalUnits.Name + ".timer" },
    });

    private static ScriptFragment ControlPlaneCertificatePermissions() => Part("control-plane-certificate-permissions.sh");

    /// <summary>CIS 1.1.12: the etcd data directory owned by etcd:etcd, on control-plane nodes.</summary>
    private static ScriptFragment EtcdDataOwnership() => Part("etcd-data-ownership.sh");

    /// <summary>The <c>etcd_snapshot</c> function: an etcd snapshot before a control-plane node's upgrade or
    /// reconfiguration, the newest <see cref="EtcdSnapshotsKept"/> of each kind kept.</summary>
    private static ScriptFragment EtcdSnapshot() => Part("etcd-snapshot.sh", new()
    {
        { "LOCAL_ETCD", Part("local-etcd.sh") },
        { "STATE_DIR", StateDir },
        { "ETCD_SNAPSHOT_DIR", EtcdSnapshotDir },
        { "ETCD_SNAPSHOTS_KEPT", EtcdSnapshotsKept.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    });

    /// <summary>CIS 4.1.1, 4.1.2 on Flatcar: a root-only copy of the sysext's kubelet drop-in under /etc.</summary>
    private static ScriptFragment KubeletServiceDropIn() => Part("kubelet-service-drop-in.sh");

    private static string Describe(NodeOperatingSystem os) => os switch
    {
        NodeOperatingSystem.Ubuntu2204 => "Ubuntu 22.04",
        NodeOperatingSystem.Ubuntu2404 => "Ubuntu 24.04",
        NodeOperatingSystem.Ubuntu2604 => "Ubuntu 26.04",
        NodeOperatingSystem.Flatcar => "Flatcar Container Linux",
        _ => throw new ArgumentOutOfRangeException(nameof(os), os, "unknown operating system"),
    };

    private static string CheckVersion(string version) => IsMajorMinorPatch(version)
        ? version
        : throw new ArgumentException($"A Kubernetes version is MAJOR.MINOR.PATCH, got '{version}'.", nameof(version));

    private static bool IsMajorMinorPatch(string version)
    {
        var parts = version.Split('.');
        return parts.Length == 3 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit));
    }

    private static int MinorOf(string version) => int.Parse(version.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture);

    private static void CheckName(string nodeName)
    {
        if (nodeName.Length is 0 or > 63 || !nodeName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            throw new ArgumentException($"A node name is a DNS-1123 label, got '{nodeName}'.", nameof(nodeName));
    }

    private static ScriptFragment KubeVipFunction(string address)
    {
        if (!System.Net.IPAddress.TryParse(address, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            throw new ArgumentException($"kube-vip needs an IPv4 address, got '{address}'.", nameof(address));
        return Part("kube-vip-function.sh", new() { { "KUBE_VIP_ADDRESS", address }, { "KUBE_VIP_TEMPLATE", KubeVipTemplatePath } });
    }
}
