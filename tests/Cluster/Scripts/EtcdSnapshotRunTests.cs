using System.Runtime.Versioning;
using Platform.Components.Cluster;
using Platform.Components.Cluster.Scripts;

namespace Platform.Tests.Cluster.Scripts;

/// <summary>
/// The etcd snapshot a control-plane upgrade takes before kubeadm changes anything, run on a <see cref="FakeHost"/>:
/// the crictl and etcdctl calls it makes, where the snapshot goes, the newest three kept, an upgrade stopped when etcd
/// gives no snapshot, and none taken when the node runs the target or kubeadm has already upgraded its API server.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EtcdSnapshotRunTests : IDisposable
{
    private const string Crictl = "crictl --runtime-endpoint unix:///run/containerd/containerd.sock";

    private const string ListEtcd = $"{Crictl} ps --name ^etcd$ --label io.kubernetes.pod.namespace=kube-system --state running -q";

    private const string Certificates = "--cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt "
        + "--key=/etc/kubernetes/pki/etcd/healthcheck-client.key";

    private const string Staged = "/var/lib/etcd/platform-snapshot.db";

    private const string Now = "20261201T113310Z";

    private const string Snapshot = NodeScripts.EtcdSnapshotDir + "/" + Now + "-v1.35.4-to-v1.36.2.db";

    private const UnixFileMode RootOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// crictl on a control-plane node whose etcd container (<c>$FAKE/etcd-container</c>, when there is one) runs the
    /// etcd image's etcdctl and etcdutl: <c>snapshot save</c> writes the member's data (<c>$FAKE/etcd-data</c>) the
    /// way etcdctl does (a <c>.part</c> file, mode 0600, renamed) unless <c>$FAKE/etcd-unhealthy</c> says etcd does
    /// not answer; <c>snapshot status</c> reads the file. Anything else is refused.
    /// </summary>
    private const string EtcdCrictl = """
        [ "$1 $2" = "--runtime-endpoint unix:///run/containerd/containerd.sock" ] || { echo "unexpected: crictl $*" >&2; exit 2; }
        shift 2
        container="$(cat "$FAKE/etcd-container" 2>/dev/null || true)"
        case "$*" in
          "ps --name ^etcd\$ --label io.kubernetes.pod.namespace=kube-system --state running -q") [ -z "$container" ] || echo "$container" ;;
          "exec $container etcdctl --endpoints="*" snapshot save "*)
            [ -n "$container" ] || exit 1
            if [ -f "$FAKE/etcd-unhealthy" ]; then echo "Error: context deadline exceeded" >&2; exit 1; fi
            file="${*: -1}"
            (umask 077; cat "$FAKE/etcd-data" >"$file.part")
            mv "$file.part" "$file"
            echo "Snapshot saved at $file" ;;
          "exec $container etcdutl snapshot status "*) [ -n "$container" ] && [ -s "${*: -1}" ] && echo "1a2b3c4d, 4242, 1234, 5.2 MB" ;;
          *) echo "unexpected: crictl $*" >&2; exit 2 ;;
        esac
        """;

    /// <summary>The etcd static pod manifest kubeadm writes, as far as the snapshot reads it: its client URLs, the
    /// local one first.</summary>
    private static string EtcdManifest(string localUrl) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: etcd
          namespace: kube-system
        spec:
          containers:
          - command:
            - etcd
            - --advertise-client-urls=https://10.0.0.11:2379
            - --data-dir=/var/lib/etcd
            - --listen-client-urls={localUrl},https://10.0.0.11:2379
            - --listen-metrics-urls=http://127.0.0.1:2381
            image: registry.k8s.io/etcd:3.6.11-0
        """;

    private static string ApiServerManifest(string version) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: kube-apiserver
          namespace: kube-system
        spec:
          containers:
          - image: registry.k8s.io/kube-apiserver:v{version}
            name: kube-apiserver
        """;

    private readonly FakeHost _host = new();

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData(NodeOperatingSystem.Ubuntu2404, "https://127.0.0.1:2379")]
    [InlineData(NodeOperatingSystem.Flatcar, "https://127.0.0.1:2379")]
    // A node that advertises an IPv6 address: kubeadm's etcd listens on [::1] instead.
    [InlineData(NodeOperatingSystem.Ubuntu2404, "https://[::1]:2379")]
    public void A_control_plane_upgrade_snapshots_etcd_through_the_etcd_container_before_kubeadm_and_keeps_it_root_only(NodeOperatingSystem os, string localUrl)
    {
        ControlPlane(os, "1.35.4", localUrl);

        var run = _host.Run(NodeScripts.UpgradeControlPlane(os, "1.36.2", TestRuntime.Current, "cp-1", first: true));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                ListEtcd,
                $"{Crictl} exec 3f2a9c etcdctl --endpoints={localUrl} {Certificates} snapshot save {Staged}",
                $"{Crictl} exec 3f2a9c etcdutl snapshot status {Staged}",
            ],
            run.CallsOf("crictl"));
        var calls = run.Calls.ToList();
        var lastSnapshotCall = calls.FindLastIndex(c => c.StartsWith("crictl ", StringComparison.Ordinal));
        // Before anything that changes the node: packages, the sysext, kubeadm, the drain (reading the version and
        // looking for kured's reboot lock change nothing).
        var firstChange = calls.FindIndex(c => c.StartsWith("apt-", StringComparison.Ordinal) || c.StartsWith("curl ", StringComparison.Ordinal)
            || c.StartsWith("kubeadm ", StringComparison.Ordinal) || (c.StartsWith("kubectl ", StringComparison.Ordinal) && !c.EndsWith(ReportedVersion, StringComparison.Ordinal) && c != KuredLookup)
            || c.StartsWith("systemd-sysext ", StringComparison.Ordinal));
        Assert.True(firstChange > lastSnapshotCall, run.ToString());
        Assert.Contains("kubeadm upgrade apply v1.36.2 --yes", calls);
        Assert.Equal("etcd data at 1.35.4\n", _host.Read(Snapshot));
        Assert.Equal(RootOnly, _host.Mode(Snapshot));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, _host.Mode(NodeScripts.EtcdSnapshotDir));
        Assert.Equal([Path.GetFileName(Snapshot)], Snapshots());
        Assert.False(_host.Exists(Staged));
        Assert.Contains($"etcd snapshot: {Snapshot}\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_newest_three_snapshots_are_kept_and_files_an_operator_put_beside_them_stay()
    {
        ControlPlane(NodeOperatingSystem.Ubuntu2404, "1.35.4", "https://127.0.0.1:2379");
        string[] older =
        [
            "20250301T090000Z-v1.32.3-to-v1.33.1.db",
            "20250901T090000Z-v1.33.1-to-v1.34.2.db",
            "20260301T090000Z-v1.34.2-to-v1.35.4.db",
        ];
        foreach (var name in older) _host.Write($"{NodeScripts.EtcdSnapshotDir}/{name}", "old\n", RootOnly);
        _host.Write($"{NodeScripts.EtcdSnapshotDir}/before-the-migration.db", "mine\n", RootOnly);

        var run = _host.Run(NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "cp-1", first: true));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["20250901T090000Z-v1.33.1-to-v1.34.2.db", "20260301T090000Z-v1.34.2-to-v1.35.4.db", Path.GetFileName(Snapshot), "before-the-migration.db"],
            Snapshots());
    }

    [Theory]
    [InlineData("unhealthy", "etcd at https://127.0.0.1:2379 gave no snapshot")]
    [InlineData("stopped", "the etcd container is not running (see crictl ps -a --name etcd)")]
    [InlineData("no manifest", "no local etcd client URL in /etc/kubernetes/manifests/etcd.yaml (kubeadm's etcd static pod)")]
    [InlineData("disk full", "/var/lib/etcd has 1500 bytes free, and etcd's 1000-byte database needs 4500 (the snapshot, kubeadm's 2500-byte copy of the data directory under /etc/kubernetes/tmp, and as much as the database again left to etcd)")]
    public void An_upgrade_whose_etcd_snapshot_fails_stops_before_anything_changes(string etcd, string reason)
    {
        ControlPlane(NodeOperatingSystem.Ubuntu2404, "1.35.4", "https://127.0.0.1:2379");
        switch (etcd)
        {
            case "unhealthy": File.WriteAllText(Path.Combine(_host.State, "etcd-unhealthy"), ""); break;
            case "stopped": File.Delete(Path.Combine(_host.State, "etcd-container")); break;
            case "disk full":
                _host.Write("/var/lib/etcd/member/snap/db", new string('e', 1000), RootOnly);
                _host.Fake("df", """case "$*" in "--output=avail -B1 "*/var/lib/etcd) printf '    Avail\n     1500\n' ;; esac""");
                _host.Fake("du", """case "$*" in "-sb "*/var/lib/etcd) printf '2500\t%s\n' "$2" ;; esac""");
                break;
            default: File.Delete(_host.PathOf("/etc/kubernetes/manifests/etcd.yaml")); break;
        }
        var before = _host.Snapshot();

        var run = _host.Run(NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "cp-1", first: true));

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith($"etcd snapshot before the upgrade of cp-1 to v1.36.2: {reason}; nothing was changed. Fix etcd on this node, then run pulumi up again\n",
            run.Errors, StringComparison.Ordinal);
        // kubectl only read the version the node's kubelet reports, and looked for kured (there is none to lock).
        Assert.Empty(run.CallsOf("kubeadm", "apt-get", "apt-mark", "systemctl"));
        Assert.All(run.CallsOf("kubectl"), c => Assert.True(c.EndsWith(ReportedVersion, StringComparison.Ordinal) || c == KuredLookup, c));
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void What_a_snapshot_killed_half_way_left_in_the_data_directory_goes_even_when_the_next_one_fails()
    {
        ControlPlane(NodeOperatingSystem.Ubuntu2404, "1.35.4", "https://127.0.0.1:2379");
        _host.Write(Staged + ".part", "half a snapshot\n", RootOnly);
        File.WriteAllText(Path.Combine(_host.State, "etcd-unhealthy"), "");

        var run = _host.Run(NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "cp-1", first: true));

        Assert.Equal(1, run.ExitCode);
        Assert.False(_host.Exists(Staged + ".part"));
        Assert.False(_host.Exists(Staged));
    }

    [Fact]
    public void A_node_that_runs_the_target_takes_no_snapshot()
    {
        ControlPlane(NodeOperatingSystem.Ubuntu2404, "1.36.2", "https://127.0.0.1:2379");
        var before = _host.Snapshot();

        var run = _host.Run(NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "cp-1", first: true));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("already at v1.36.2\n", run.Output);
        Assert.Empty(run.CallsOf("crictl"));
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void A_run_after_kubeadm_upgraded_the_api_server_keeps_the_snapshot_from_before_and_takes_no_other()
    {
        ControlPlane(NodeOperatingSystem.Ubuntu2404, "1.35.4", "https://127.0.0.1:2379");
        _host.Write($"{NodeScripts.EtcdSnapshotDir}/20261201T101500Z-v1.35.4-to-v1.36.2.db", "before the upgrade\n", RootOnly);
        // An earlier run stopped after kubeadm upgrade apply (its drain timed out, say): the API server runs the target.
        _host.Write("/etc/kubernetes/manifests/kube-apiserver.yaml", ApiServerManifest("1.36.2"), RootOnly);

        var run = _host.Run(NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "cp-1", first: true));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.CallsOf("crictl"));
        Assert.Contains("kubeadm upgrade apply v1.36.2 --yes", run.Calls);
        Assert.Equal(["20261201T101500Z-v1.35.4-to-v1.36.2.db"], Snapshots());
    }

    [Fact]
    public void An_api_server_at_a_version_that_only_starts_like_the_target_still_gets_a_snapshot()
    {
        ControlPlane(NodeOperatingSystem.Ubuntu2404, "1.35.4", "https://127.0.0.1:2379");
        _host.Write("/etc/kubernetes/manifests/kube-apiserver.yaml", ApiServerManifest("1.36.20"), RootOnly);

        var run = _host.Run(NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "cp-1", first: true));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([Path.GetFileName(Snapshot)], Snapshots());
    }

    [Fact]
    public void A_flatcar_control_plane_is_drained_before_the_sysext_switch_puts_the_new_kubelet_on_disk()
    {
        ControlPlane(NodeOperatingSystem.Flatcar, "1.35.4", "https://127.0.0.1:2379");

        var run = _host.Run(NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Flatcar, "1.36.2", TestRuntime.Current, "cp-1", first: true));

        Assert.True(run.ExitCode == 0, run.ToString());
        var calls = run.Calls.ToList();
        var drain = calls.IndexOf("kubectl drain cp-1 --ignore-daemonsets --delete-emptydir-data --timeout=15m");
        // The image is downloaded and checked before the drain (a failed download leaves the node schedulable), and
        // switched to after it.
        var download = calls.FindLastIndex(c => c.StartsWith("curl ", StringComparison.Ordinal));
        Assert.True(download >= 0 && download < drain && drain < calls.IndexOf("systemd-sysext refresh"), run.ToString());
        Assert.True(calls.IndexOf("systemd-sysext refresh") < calls.IndexOf("kubeadm upgrade apply v1.36.2 --yes"), run.ToString());
    }

    [Fact]
    public void A_flatcar_control_plane_whose_sysext_does_not_match_its_checksum_is_left_schedulable()
    {
        ControlPlane(NodeOperatingSystem.Flatcar, "1.35.4", "https://127.0.0.1:2379");
        File.WriteAllText(Path.Combine(_host.State, "sums"), "0000000000000000000000000000000000000000000000000000000000000000  kubernetes-v1.36.2-x86-64.raw\n");

        var run = _host.Run(NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Flatcar, "1.36.2", TestRuntime.Current, "cp-1", first: true));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("the sysext kubernetes-v1.36.2-x86-64.raw does not match", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("kubectl drain", StringComparison.Ordinal) || c.StartsWith("kubectl annotate", StringComparison.Ordinal));
        Assert.False(_host.Exists(NodeScripts.UpgradeMarker));
    }

    [Fact]
    public void A_flatcar_control_plane_that_restarted_on_the_new_kubelet_before_kubeadm_upgraded_it_is_upgraded_by_the_next_run()
    {
        ControlPlane(NodeOperatingSystem.Flatcar, "1.35.4", "https://127.0.0.1:2379");
        var upgrade = NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Flatcar, "1.36.2", TestRuntime.Current, "cp-1", first: true);
        _host.Fake("kubeadm", """echo "error execution phase preflight" >&2; exit 1""");

        Assert.Equal(1, _host.Run(upgrade).ExitCode);
        Assert.Equal("1.36.2\n", _host.Read(NodeScripts.UpgradeMarker));

        // The node restarted meanwhile: the sysext's new kubelet runs and reports the target; the static pods are old.
        File.WriteAllText(Path.Combine(_host.State, "kubelet-version"), "1.36.2\n");
        _host.Fake("kubeadm", "");
        var next = _host.Run(upgrade);

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.DoesNotContain("already at", next.Output, StringComparison.Ordinal);
        Assert.Contains("kubeadm upgrade apply v1.36.2 --yes", next.Calls);
        Assert.Contains("systemctl restart kubelet", next.Calls);
        Assert.False(_host.Exists(NodeScripts.UpgradeMarker));

        var done = _host.Run(upgrade);
        Assert.True(done.ExitCode == 0, done.ToString());
        Assert.Equal("already at v1.36.2\n", done.Output);
    }

    [Theory]
    [InlineData(true, "kubeadm upgrade apply v1.36.2 --yes")]
    [InlineData(false, "kubeadm upgrade node")]
    public void Kubeadm_upgrades_a_control_plane_under_the_lock_the_certificate_renewal_takes(bool first, string upgrade)
    {
        ControlPlane(NodeOperatingSystem.Ubuntu2404, "1.35.4", "https://127.0.0.1:2379");
        // kubeadm refuses to upgrade unless someone holds the kubeadm lock (the upgrade step itself, through flock).
        _host.Fake("kubeadm", """
            case "$1 $2" in
              "upgrade apply"|"upgrade node")
                exec 7>>"$ROOT/run/platform-kubeadm.lock"
                if flock -n 7; then echo "kubeadm $1 $2 without the kubeadm lock" >&2; exit 3; fi ;;
            esac
            """);

        var run = _host.Run(NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "cp-1", first));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(upgrade, run.Calls);
    }

    /// <summary>A control-plane node at kubelet <paramref name="running"/>, its API server at the same version and
    /// kubeadm's etcd running (listening locally on <paramref name="localUrl"/>), with the tools its upgrade uses.</summary>
    /// <summary>The kubectl call that looks for kured's DaemonSet, whose reboot lock an upgrade holds.</summary>
    private const string KuredLookup = "kubectl -n kured get daemonset kured --ignore-not-found -o name";

    /// <summary>The end of the kubectl call that reads the version the node's kubelet reports (the upgrade's guard).</summary>
    private const string ReportedVersion = "get node cp-1 -o jsonpath={.status.nodeInfo.kubeletVersion}";

    private void ControlPlane(NodeOperatingSystem os, string running, string localUrl)
    {
        WithRunningEtcd(_host, localUrl);
        File.WriteAllText(Path.Combine(_host.State, "etcd-data"), $"etcd data at {running}\n");
        _host.Write("/etc/kubernetes/manifests/kube-apiserver.yaml", ApiServerManifest(running), RootOnly);
        _host.Fake("date", $"""[ "$*" = "-u +%Y%m%dT%H%M%SZ" ] && echo {Now}""");
        _host.Fake("kubelet", """[ "$*" = --version ] && echo "Kubernetes v$(cat "$FAKE/kubelet-version")" """);
        // What the node's kubelet reports to the API (the upgrade's guard), other kubectl calls doing nothing.
        _host.Fake("kubectl", """
            case "$*" in
              *"get node cp-1 -o jsonpath={.status.nodeInfo.kubeletVersion}") echo "v$(cat "$FAKE/kubelet-version")" ;;
            esac
            """);
        File.WriteAllText(Path.Combine(_host.State, "kubelet-version"), running + "\n");
        _host.Fake("containerd", """[ "$*" = --version ] && echo "containerd github.com/containerd/containerd/v2 v2.2.1 1234abcd" """);
        if (os == NodeOperatingSystem.Flatcar)
        {
            _host.Fake("curl", FlatcarSysextFake.Curl);
        }
        else
        {
            _host.CreateFolder("/etc/apt/sources.list.d");
        }
    }

    /// <summary>kubeadm's etcd on <paramref name="host"/>: its static pod manifest (listening locally on
    /// <paramref name="localUrl"/>), its data directory and its running container, reached through crictl. Another
    /// test's control-plane upgrade gets past the snapshot with it.</summary>
    internal static void WithRunningEtcd(FakeHost host, string localUrl = "https://127.0.0.1:2379")
    {
        host.Write("/etc/kubernetes/manifests/etcd.yaml", EtcdManifest(localUrl), RootOnly);
        host.CreateFolder("/var/lib/etcd/member");
        File.SetUnixFileMode(host.PathOf("/var/lib/etcd"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(host.State, "etcd-container"), "3f2a9c");
        if (!File.Exists(Path.Combine(host.State, "etcd-data"))) File.WriteAllText(Path.Combine(host.State, "etcd-data"), "etcd data\n");
        host.Fake("crictl", EtcdCrictl);
    }

    private IReadOnlyList<string> Snapshots() =>
        Directory.EnumerateFiles(_host.PathOf(NodeScripts.EtcdSnapshotDir)).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToList();
}
