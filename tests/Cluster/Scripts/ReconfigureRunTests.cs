using System.Runtime.Versioning;
using Platform.Components.Cluster;
using Platform.Components.Cluster.Kubeadm;
using Platform.Components.Cluster.Scripts;
using Platform.Tests.Cluster.Kubeadm;

namespace Platform.Tests.Cluster.Scripts;

/// <summary>
/// The reconfigure steps run on a <see cref="FakeHost"/> whose kubeadm keeps the cluster's kubeadm-config and derives the
/// node's static pod manifests from it the way kubeadm does (a manifest says which uploaded configuration it was made
/// from): a changed configuration is uploaded, snapshotted, backed up and regenerated in that order; a configuration
/// init used, or one already applied, runs nothing; a control plane that does not come back fails with its backup; a
/// kubelet configuration reaches the node's file and restarts kubelet only when it changed; taints follow the inventory.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ReconfigureRunTests : IDisposable
{
    private const string Now = "20261201T113310Z";

    private const string Backup = NodeScripts.ManifestBackupDir + "/" + Now;

    private const string Snapshot = NodeScripts.EtcdSnapshotDir + "/" + Now + "-v1.36.2-reconfigure.db";

    private const string NodePhase = "kubeadm upgrade node phase control-plane --certificate-renewal=false --etcd-upgrade=false";

    private const UnixFileMode RootOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly string[] Components = ["kube-apiserver", "kube-controller-manager", "kube-scheduler"];

    /// <summary>kubeadm as far as these steps use it: init and upload-config keep the uploaded configuration
    /// (<c>$FAKE/kubeadm-config</c>) and init makes the manifests from it; <c>upgrade diff</c> prints a unified diff when
    /// the API server's manifest was made from another configuration; the control-plane phase makes the three manifests
    /// from the uploaded one, or fails as kubeadm does when the new API server does not come up (<c>$FAKE/kubeadm-fails</c>,
    /// after putting the old manifests back); the kubelet-config phase writes the node's kubelet file from the
    /// kubelet-config ConfigMap (<c>$FAKE/kubelet-config</c>).</summary>
    private const string Kubeadm = """
        manifests() { for c in kube-apiserver kube-controller-manager kube-scheduler; do echo "# made from $(sha256sum <"$FAKE/kubeadm-config" | cut -d' ' -f1)" >"$ROOT/etc/kubernetes/manifests/$c.yaml"; done; }
        case "$*" in
          "init --config "*" --skip-token-print") cp "$3" "$FAKE/kubeadm-config"; mkdir -p "$ROOT/etc/kubernetes/manifests"; manifests ;;
          "init phase upload-config kubeadm --config "*) cp "${*: -1}" "$FAKE/kubeadm-config" ;;
          "init phase upload-config kubelet --config "*) ;;
          "upgrade diff")
            echo "[upgrade/diff] Reading configuration from the \"kubeadm-config\" ConfigMap in namespace \"kube-system\"..."
            if ! grep -qx "# made from $(sha256sum <"$FAKE/kubeadm-config" | cut -d' ' -f1)" "$ROOT/etc/kubernetes/manifests/kube-apiserver.yaml"; then
              printf -- '--- /etc/kubernetes/manifests/kube-apiserver.yaml\n+++ new manifest\n@@ -1 +1 @@\n-old\n+new\n'
            fi ;;
          "upgrade node phase control-plane --certificate-renewal=false --etcd-upgrade=false")
            if [ -f "$FAKE/kubeadm-fails" ]; then echo "[upgrade/staticpods] timed out waiting for the kube-apiserver to restart; rolled back" >&2; exit 1; fi
            manifests ;;
          "upgrade node phase kubelet-config") cp "$FAKE/kubelet-config" "$ROOT/var/lib/kubelet/config.yaml" ;;
          *) echo "unexpected: kubeadm $*" >&2; exit 2 ;;
        esac
        """;

    /// <summary>kubectl on the admin kubeconfig: kubeadm-config's version and the annotation of what it was uploaded
    /// from, the kubelet-config ConfigMap, and the readiness of the node's control-plane pods and Node
    /// (<c>$FAKE/unhealthy</c> makes them not ready).</summary>
    private const string Kubectl = """
        ready() { if [ -f "$FAKE/unhealthy" ]; then echo False; else echo True; fi; }
        case "$*" in
          *"-n kube-system get configmap kubeadm-config -o jsonpath={.data.ClusterConfiguration}") grep '^kubernetesVersion:' "$FAKE/kubeadm-config" ;;
          *"-n kube-system get configmap kubeadm-config -o jsonpath={.metadata.annotations.platform/configuration-sha256}") cat "$FAKE/uploaded" 2>/dev/null || true ;;
          *"-n kube-system annotate configmap kubeadm-config --overwrite platform/configuration-sha256="*) last="${*: -1}"; printf '%s' "${last#*=}" >"$FAKE/uploaded" ;;
          "-n kube-system get configmap kubelet-config -o jsonpath={.data.kubelet}") cat "$FAKE/kubelet-config" ;;
          "-n kube-system get pod "*" -o jsonpath={.status.conditions[?(@.type==\"Ready\")].status}") ready ;;
          "get node "*" -o jsonpath={.status.conditions[?(@.type==\"Ready\")].status}") ready ;;
          *) echo "unexpected: kubectl $*" >&2; exit 2 ;;
        esac
        """;

    private readonly FakeHost _host = new();

    public ReconfigureRunTests()
    {
        _host.Fake("kubeadm", Kubeadm);
        _host.Fake("kubectl", Kubectl);
        _host.Fake("date", $"""[ "$*" = "-u +%Y%m%dT%H%M%SZ" ] && echo {Now}""");
        _host.Write(NodeScripts.AdminKubeconfig, "admin\n", RootOnly);
        EtcdSnapshotRunTests.WithRunningEtcd(_host);
    }

    public void Dispose() => _host.Dispose();

    private static string InitConfiguration(KubeadmHardening? hardening = null) =>
        KubeadmConfigRenderer.RenderInit(KubeadmDocuments.ClusterSpec("1.36.2", hardening), KubeadmDocuments.ControlPlane(), KubeadmDocuments.Token);

    /// <summary>The first control-plane node as <c>kubeadm init</c>'s step left it, from <see cref="InitConfiguration"/>.</summary>
    private void Initialised()
    {
        _host.Write(NodeScripts.KubeadmConfigPath, InitConfiguration(), RootOnly);
        File.Delete(_host.PathOf(NodeScripts.AdminKubeconfig));
        var init = _host.Run(NodeScripts.InitFirstControlPlane(null));
        Assert.True(init.ExitCode == 0, init.ToString());
        _host.Write(NodeScripts.AdminKubeconfig, "admin\n", RootOnly);
    }

    [Fact]
    public void On_a_new_cluster_the_configuration_init_used_runs_nothing_but_the_checks()
    {
        Initialised();
        // The lock the node's kubeadm steps share, there since the first of them ran.
        _host.Write("/run/platform-kubeadm.lock", "");
        var before = _host.Snapshot();

        var run = _host.Run(NodeScripts.ReconfigureControlPlane("cp-1", admin: true));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["kubeadm upgrade diff"], run.CallsOf("kubeadm"));
        Assert.Empty(run.CallsOf("crictl"));
        Assert.DoesNotContain(run.Calls, c => c.Contains(" annotate ", StringComparison.Ordinal));
        Assert.Contains("the cluster's kubeadm-config and kubelet-config are current\n", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("the static pods of cp-1 are current\n", run.Output, StringComparison.Ordinal);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void A_changed_setting_is_uploaded_snapshotted_backed_up_and_regenerated_in_that_order_and_a_second_run_changes_nothing()
    {
        Initialised();
        var old = _host.Read("/etc/kubernetes/manifests/kube-apiserver.yaml");
        // A hardening switch turned off after init: the API server loses --profiling=false.
        _host.Write(NodeScripts.KubeadmConfigPath, InitConfiguration(new KubeadmHardening { DisableProfiling = false }), RootOnly);

        var run = _host.Run(NodeScripts.ReconfigureControlPlane("cp-1", admin: true));

        Assert.True(run.ExitCode == 0, run.ToString());
        var order = run.Calls.Where(c => c.StartsWith("kubeadm ", StringComparison.Ordinal) || c.Contains(" snapshot save ", StringComparison.Ordinal)
            || c.Contains(" annotate ", StringComparison.Ordinal)).Select(c => c.Contains(" snapshot save ", StringComparison.Ordinal) ? "snapshot" : c).ToList();
        Assert.Equal(
            [
                "kubeadm init phase upload-config kubeadm --config /etc/kubernetes/platform/kubeadm.yaml.running",
                "kubeadm init phase upload-config kubelet --config /etc/kubernetes/platform/kubeadm.yaml.running",
                $"kubectl -n kube-system annotate configmap kubeadm-config --overwrite platform/configuration-sha256={Digest(_host.Read(NodeScripts.KubeadmConfigPath))}",
                "kubeadm upgrade diff",
                "snapshot",
                NodePhase,
            ],
            order);
        // The running configuration is the node's, at the version kubeadm-config names, and is gone afterwards.
        Assert.Equal(_host.Read(NodeScripts.KubeadmConfigPath), File.ReadAllText(Path.Combine(_host.State, "kubeadm-config")));
        Assert.False(_host.Exists(NodeScripts.KubeadmConfigPath + ".running"));
        Assert.Contains("+++ new manifest", run.Output, StringComparison.Ordinal);
        Assert.True(_host.Exists(Snapshot), run.ToString());
        Assert.Equal(RootOnly, _host.Mode(Snapshot));
        foreach (var component in Components)
            Assert.Equal(old, _host.Read($"{Backup}/{component}.yaml"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, _host.Mode(Backup));
        Assert.NotEqual(old, _host.Read("/etc/kubernetes/manifests/kube-apiserver.yaml"));
        Assert.EndsWith("the control plane of cp-1 runs the cluster's configuration\n", run.Output, StringComparison.Ordinal);

        var before = _host.Snapshot();
        var second = _host.Run(NodeScripts.ReconfigureControlPlane("cp-1", admin: true));

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(["kubeadm upgrade diff"], second.CallsOf("kubeadm"));
        Assert.Empty(second.CallsOf("crictl"));
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void A_joined_control_plane_regenerates_from_the_uploaded_configuration_and_uploads_nothing()
    {
        Initialised();
        // The first control-plane node's step uploaded a changed configuration; this node still runs the old one.
        File.AppendAllText(Path.Combine(_host.State, "kubeadm-config"), "# changed\n");
        _host.Write(NodeScripts.KubeadmConfigPath,
            KubeadmConfigRenderer.RenderJoin(KubeadmDocuments.ClusterSpec("1.36.2"), KubeadmDocuments.ControlPlane() with { Name = "cp-2" }, KubeadmDocuments.Discovery()),
            RootOnly);

        var run = _host.Run(NodeScripts.ReconfigureControlPlane("cp-2", admin: false));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["kubeadm upgrade diff", NodePhase], run.CallsOf("kubeadm"));
        Assert.DoesNotContain(run.Calls, c => c.Contains(" annotate ", StringComparison.Ordinal));
        Assert.True(_host.Exists(Snapshot), run.ToString());
    }

    [Fact]
    public void A_control_plane_that_is_not_ready_after_the_regeneration_fails_naming_the_backup_and_the_snapshot()
    {
        Initialised();
        _host.Write(NodeScripts.KubeadmConfigPath, InitConfiguration(new KubeadmHardening { StrongTls = false }), RootOnly);
        File.WriteAllText(Path.Combine(_host.State, "unhealthy"), "");

        var run = _host.Run(NodeScripts.ReconfigureControlPlane("cp-1", admin: true));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(NodePhase, run.Calls);
        Assert.Contains($"the control plane of cp-1 is not ready 5 minutes after its static pods were regenerated", run.Errors, StringComparison.Ordinal);
        Assert.Contains($"copy the manifests from {Backup} to /etc/kubernetes/manifests/", run.Errors, StringComparison.Ordinal);
        Assert.Contains($"the etcd snapshot from before is {Snapshot}", run.Errors, StringComparison.Ordinal);
        Assert.Equal(60, run.CallsOf("sleep").Count);
    }

    [Fact]
    public void A_control_plane_kubeadm_cannot_bring_up_fails_naming_the_backup()
    {
        Initialised();
        _host.Write(NodeScripts.KubeadmConfigPath, InitConfiguration(new KubeadmHardening { StrongTls = false }), RootOnly);
        File.WriteAllText(Path.Combine(_host.State, "kubeadm-fails"), "");

        var run = _host.Run(NodeScripts.ReconfigureControlPlane("cp-1", admin: true));

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith($"kubeadm could not bring up the regenerated control plane of cp-1 and put back what it had replaced; the manifests from before this step are in {Backup} and the etcd snapshot is {Snapshot}. Fix the setting, then run pulumi up again\n",
            run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void An_etcd_that_gives_no_snapshot_stops_the_reconfiguration_before_any_manifest_changes()
    {
        Initialised();
        _host.Write(NodeScripts.KubeadmConfigPath, InitConfiguration(new KubeadmHardening { StrongTls = false }), RootOnly);
        File.WriteAllText(Path.Combine(_host.State, "etcd-unhealthy"), "");
        var manifests = Components.Select(c => _host.Read($"/etc/kubernetes/manifests/{c}.yaml")).ToList();

        var run = _host.Run(NodeScripts.ReconfigureControlPlane("cp-1", admin: true));

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("etcd snapshot before the reconfiguration of cp-1: etcd at https://127.0.0.1:2379 gave no snapshot; nothing was changed. Fix etcd on this node, then run pulumi up again\n",
            run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(NodePhase, run.Calls);
        Assert.Equal(manifests, Components.Select(c => _host.Read($"/etc/kubernetes/manifests/{c}.yaml")));
    }

    [Fact]
    public void A_changed_kubelet_configuration_reaches_the_node_file_and_restarts_kubelet_once()
    {
        Kubelet(onNode: "kind: KubeletConfiguration\nreadOnlyPort: 10255\n", inCluster: "kind: KubeletConfiguration\nreadOnlyPort: 0\n");
        var script = NodeScripts.ReconfigureKubelet("worker-1", controlPlane: false);

        var run = _host.Run(script);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["kubeadm upgrade node phase kubelet-config"], run.CallsOf("kubeadm"));
        Assert.Equal(["systemctl restart kubelet", "systemctl is-active --quiet kubelet"], run.CallsOf("systemctl"));
        Assert.Equal("kind: KubeletConfiguration\nreadOnlyPort: 0\n", _host.Read(KubeadmPaths.KubeletConfig));
        Assert.Equal("kind: KubeletConfiguration\nreadOnlyPort: 10255\n", _host.Read($"{NodeScripts.KubeletConfigBackupDir}/{Now}-config.yaml"));
        // A worker reads the ConfigMap with its kubelet's credentials.
        Assert.Contains("/etc/kubernetes/kubelet.conf", script, StringComparison.Ordinal);
        Assert.DoesNotContain(NodeScripts.AdminKubeconfig, script, StringComparison.Ordinal);

        var before = _host.Snapshot();
        var second = _host.Run(script);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(second.CallsOf("kubeadm", "systemctl"));
        Assert.Equal("kubelet on worker-1 runs the cluster's configuration\n", second.Output);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void A_kubelet_file_kubeadm_writes_back_unchanged_restarts_nothing()
    {
        // The ConfigMap's text differs from the file in form only: kubeadm writes the file it had.
        Kubelet(onNode: "kind: KubeletConfiguration\n", inCluster: "kind: KubeletConfiguration\n# form\n");
        _host.Fake("kubeadm", """[ "$*" = "upgrade node phase kubelet-config" ] || exit 2""");

        var run = _host.Run(NodeScripts.ReconfigureKubelet("worker-1", controlPlane: false));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["kubeadm upgrade node phase kubelet-config"], run.CallsOf("kubeadm"));
        Assert.Empty(run.CallsOf("systemctl"));
        Assert.Empty(Directory.EnumerateFiles(_host.PathOf(NodeScripts.KubeletConfigBackupDir)));
    }

    [Fact]
    public void A_kubelet_that_is_not_ready_after_its_restart_fails_naming_the_previous_configuration()
    {
        Kubelet(onNode: "kind: KubeletConfiguration\n", inCluster: "kind: KubeletConfiguration\nprotectKernelDefaults: true\n");
        File.WriteAllText(Path.Combine(_host.State, "unhealthy"), "");

        var run = _host.Run(NodeScripts.ReconfigureKubelet("cp-1", controlPlane: true));

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith($"kubelet on cp-1 is not Ready 5 minutes after its restart with the cluster's new configuration (see journalctl -u kubelet on it). The previous configuration is {NodeScripts.KubeletConfigBackupDir}/{Now}-config.yaml: copy it to {KubeadmPaths.KubeletConfig} and restart kubelet to go back\n",
            run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_adds_and_removes_only_the_taints_the_platform_manages_and_a_second_run_changes_nothing()
    {
        // kubeadm registered the node with the inventory's taint and the control-plane taint; an operator added one; the
        // inventory now has another taint instead, and the cluster no longer has workers (no control-plane taint).
        File.WriteAllText(Path.Combine(_host.State, "taints"),
            "dedicated=infra:NoSchedule\nnode-role.kubernetes.io/control-plane:NoSchedule\noperator/maintenance:NoExecute\n");
        File.WriteAllText(Path.Combine(_host.State, "managed-taints"), "dedicated:NoSchedule");
        _host.Fake("kubectl", """
            case "$*" in
              "get node cp-1") ;;
              "get node cp-1 -o jsonpath={.metadata.annotations.platform/managed-labels}") ;;
              "annotate node cp-1 --overwrite platform/managed-labels=") ;;
              "get node cp-1 -o jsonpath={.metadata.annotations.platform/managed-taints}") cat "$FAKE/managed-taints" ;;
              "get node cp-1 -o jsonpath={range .spec.taints[*]}{.key}:{.effect}{\"\\n\"}{end}") sed 's/=[^:]*:/:/' "$FAKE/taints" ;;
              "taint node cp-1 "*-)
                taint="${4%-}"; { grep -v "^${taint%%:*}[=:].*${taint##*:}\$" "$FAKE/taints" || true; } >"$FAKE/taints.new"
                mv "$FAKE/taints.new" "$FAKE/taints" ;;
              "taint node cp-1 --overwrite "*)
                for taint in "${@:5}"; do
                  key="${taint%%[=:]*}"; effect="${taint##*:}"
                  { grep -v "^$key[=:].*:$effect\$" "$FAKE/taints" || true; echo "$taint"; } | sort >"$FAKE/taints.new"
                  mv "$FAKE/taints.new" "$FAKE/taints"
                done ;;
              "annotate node cp-1 --overwrite platform/managed-taints="*) printf '%s' "${5#*=}" >"$FAKE/managed-taints" ;;
              *) echo "unexpected: kubectl $*" >&2; exit 2 ;;
            esac
            """);
        var script = NodeScripts.RegisterMember("cp-1", new Dictionary<string, string>(),
            [new NodeTaint { Key = "gpu", Value = "a100", Effect = TaintEffect.PreferNoSchedule }], controlPlane: true);

        var first = _host.Run(script);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(["kubectl taint node cp-1 dedicated:NoSchedule-", "kubectl taint node cp-1 node-role.kubernetes.io/control-plane:NoSchedule-"],
            first.Calls.Where(c => c.StartsWith("kubectl taint", StringComparison.Ordinal) && c.EndsWith('-')));
        Assert.Equal("gpu=a100:PreferNoSchedule\noperator/maintenance:NoExecute\n", State("taints"));
        Assert.Equal("gpu:PreferNoSchedule", State("managed-taints"));

        var state = (State("taints"), State("managed-taints"));
        var second = _host.Run(script);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain(second.Calls, c => c.StartsWith("kubectl taint", StringComparison.Ordinal) && c.EndsWith('-'));
        Assert.Equal(state, (State("taints"), State("managed-taints")));
    }

    private void Kubelet(string onNode, string inCluster)
    {
        _host.Write(NodeScripts.KubeletKubeconfig, "kubelet\n", RootOnly);
        _host.Write(KubeadmPaths.KubeletConfig, onNode, RootOnly);
        File.WriteAllText(Path.Combine(_host.State, "kubelet-config"), inCluster);
    }

    private string State(string name) => File.ReadAllText(Path.Combine(_host.State, name));

    /// <summary>What <c>configuration_digest</c> gives: the SHA-256 of the ClusterConfiguration and
    /// KubeletConfiguration documents without the <c>kubernetesVersion</c> line, computed here independently.</summary>
    private static string Digest(string kubeadmConfig)
    {
        var kept = kubeadmConfig.Split("---\n")
            .Where(d => d.Contains("\nkind: ClusterConfiguration\n", StringComparison.Ordinal) || d.Contains("\nkind: KubeletConfiguration\n", StringComparison.Ordinal))
            .Select(d => string.Concat(d.Split('\n').SkipLast(1).Where(l => !l.StartsWith("kubernetesVersion:", StringComparison.Ordinal)).Select(l => l + "\n")));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Concat(kept))));
    }
}
