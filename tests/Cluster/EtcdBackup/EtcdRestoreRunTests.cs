using System.Runtime.Versioning;
using Platform.Components.Cluster.EtcdBackup;
using Platform.Components.Cluster.Scripts;
using Platform.Tests.Cluster.Scripts;

namespace Platform.Tests.Cluster.EtcdBackup;

/// <summary>
/// The restore script on an <see cref="EtcdBackupHost"/>: stop and restore refuse while the node's etcd is healthy
/// unless told they may, each phase refuses to run out of order, a restore from an uploaded (encrypted) snapshot with the
/// key on standard input gives etcdutl every member, this one's name and peer URL and a token from the snapshot, and
/// swaps the data directories, and finish starts the API server again once etcd is healthy.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EtcdRestoreRunTests : IDisposable
{
    private const string Manifests = "/etc/kubernetes/manifests";

    /// <summary>ctr running the etcd image's etcdutl: the restore writes the snapshot's content into the new data directory.</summary>
    private const string Ctr = """
        data=""
        snapshot=""
        while [ $# -gt 0 ]; do
          case "$1" in
            --data-dir) data="$2"; shift ;;
            restore) snapshot="$2"; shift ;;
          esac
          shift
        done
        [ -z "$FAKE/ctr-fails" ] || [ ! -f "$FAKE/ctr-fails" ] || exit 1
        mkdir -p "$data/member/snap"
        cp "$snapshot" "$data/member/snap/db"
        """;

    private static readonly EtcdMember[] Members = [new("cp-1", "10.0.0.11"), new("cp-2", "10.0.0.12"), new("cp-3", "10.0.0.13")];

    private readonly EtcdBackupHost _node = new();

    public EtcdRestoreRunTests()
    {
        _node.Host.Fake("ctr", Ctr);
        _node.Host.Write("/var/lib/etcd/member/snap/db", "the data before the restore\n");
    }

    public void Dispose() => _node.Dispose();

    private ScriptRun Restore(string arguments, string stdin = "")
    {
        var script = EtcdBackupScripts.RestoreEtcd("cp-1", Members, EtcdBackupRunTests.External());
        // As the operator runs it: the script with its arguments.
        return _node.Host.Run($"set -- {arguments}\n{script}", stdin);
    }

    [Fact]
    public void Stop_refuses_while_etcd_is_healthy_and_changes_nothing()
    {
        _node.Mark("etcd-healthy");
        var before = _node.Host.Snapshot();

        var run = Restore("stop");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("etcd on cp-1 is healthy", run.Errors, StringComparison.Ordinal);
        Assert.Contains("--yes-i-am-restoring", run.Errors, StringComparison.Ordinal);
        Assert.Equal(before, _node.Host.Snapshot());
    }

    [Fact]
    public void Restore_refuses_while_etcd_is_healthy_too()
    {
        _node.Mark("etcd-healthy");
        _node.Host.Write($"{NodeScripts.EtcdSnapshotDir}/{EtcdBackupHost.Now}-scheduled.db", "snapshot\n");
        var before = _node.Host.Snapshot();

        var run = Restore($"restore {NodeScripts.EtcdSnapshotDir}/{EtcdBackupHost.Now}-scheduled.db");

        Assert.Equal(3, run.ExitCode);
        Assert.Empty(run.CallsOf("ctr"));
        Assert.Equal(before, _node.Host.Snapshot());
    }

    [Fact]
    public void With_the_confirmation_stop_holds_the_manifests_until_kubelet_has_stopped_etcd_and_the_api_server()
    {
        _node.Mark("etcd-healthy");

        var run = Restore("stop --yes-i-am-restoring");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(_node.Host.Exists($"{Manifests}/etcd.yaml"));
        Assert.False(_node.Host.Exists($"{Manifests}/kube-apiserver.yaml"));
        Assert.True(_node.Host.Exists($"{EtcdBackupScripts.RestoreHoldDir}/etcd.yaml"));
        Assert.True(_node.Host.Exists($"{EtcdBackupScripts.RestoreHoldDir}/kube-apiserver.yaml"));

        // Again: nothing left to stop, and no confirmation needed with etcd down.
        var again = Restore("stop");
        Assert.True(again.ExitCode == 0, again.ToString());
    }

    [Fact]
    public void A_restore_before_stop_is_refused()
    {
        _node.Host.Write($"{NodeScripts.EtcdSnapshotDir}/x.db", "snapshot\n");
        _node.Mark("stopped-etcd");

        var run = Restore($"restore {NodeScripts.EtcdSnapshotDir}/x.db");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("run restore-etcd.sh stop on every control-plane node first", run.Errors, StringComparison.Ordinal);
        Assert.Empty(run.CallsOf("ctr"));
    }

    [Fact]
    public void An_uploaded_snapshot_is_fetched_decrypted_with_the_key_on_standard_input_and_restored_as_this_member_of_every_member()
    {
        // A backup cp-1 uploaded, then fetched back.
        _node.Host.Fake("systemctl", "");
        _node.ServeBucketAt(EtcdBackupRunTests.BucketUrl);
        var credentials = EtcdBackupScripts.CredentialsFile(EtcdBackupHost.AccessKeyId, EtcdBackupHost.SecretAccessKey);
        Assert.Equal(0, _node.Host.Run(EtcdBackupScripts.Install("cp-1", Members, EtcdBackupRunTests.External(), TestBackupKey.CertificatePem), credentials).ExitCode);
        Assert.Equal(0, _node.Host.Run(EtcdBackupScripts.BackupEtcd("cp-1", EtcdBackupRunTests.External())).ExitCode);
        var key = $"prod/etcd-snapshots/cp-1/{EtcdBackupHost.Now}-scheduled.db.cms";
        var list = Restore("list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal($"{key}\n", list.Output);
        Assert.Equal(0, Restore($"fetch {key}").ExitCode);
        var fetched = $"{NodeScripts.EtcdSnapshotDir}/{EtcdBackupHost.Now}-scheduled.db.cms";
        Assert.True(_node.Host.Exists(fetched));
        _node.Mark("etcd-healthy");
        Assert.Equal(0, Restore("stop --yes-i-am-restoring").ExitCode);

        var noKey = Restore($"restore {fetched}");
        Assert.Equal(1, noKey.ExitCode);
        Assert.Contains("give the stack's etcdBackupDecryptionKey", noKey.Errors, StringComparison.Ordinal);

        var run = Restore($"restore {fetched} --key -", TestBackupKey.PrivateKeyPem);

        Assert.True(run.ExitCode == 0, run.ToString());
        var plain = $"{NodeScripts.EtcdSnapshotDir}/{EtcdBackupHost.Now}-scheduled.db";
        var token = "restored-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("etcd data of cp-1\n")))[..16];
        var ctr = Assert.Single(run.CallsOf("ctr"));
        var container = ctr.Split(' ')[8];
        Assert.StartsWith("platform-etcd-restore-", container, StringComparison.Ordinal);
        Assert.Equal(
            "ctr -n k8s.io run --rm --mount type=bind,src=/var/lib,dst=/var/lib,options=rbind:rw registry.k8s.io/etcd:3.6.11-0 " +
            $"{container} etcdutl snapshot restore {plain} --data-dir /var/lib/etcd-restored --name cp-1 " +
            "--initial-advertise-peer-urls https://10.0.0.11:2380 " +
            "--initial-cluster cp-1=https://10.0.0.11:2380,cp-2=https://10.0.0.12:2380,cp-3=https://10.0.0.13:2380 " +
            $"--initial-cluster-token {token} --bump-revision 1000000000 --mark-compacted",
            ctr);
        // The restored data in place, the old one aside, etcd's manifest back; the API server's still held.
        Assert.Equal("etcd data of cp-1\n", _node.Host.Read("/var/lib/etcd/member/snap/db"));
        Assert.Equal("the data before the restore\n", _node.Host.Read($"/var/lib/etcd.before-restore-{EtcdBackupHost.Now}/member/snap/db"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, _node.Host.Mode("/var/lib/etcd"));
        Assert.Contains("chown -R etcd:etcd /var/lib/etcd", run.Calls);
        Assert.True(_node.Host.Exists($"{Manifests}/etcd.yaml"));
        Assert.False(_node.Host.Exists($"{Manifests}/kube-apiserver.yaml"));
        // The key was never on a command line and is gone from the node.
        Assert.All(run.Calls, c => Assert.DoesNotContain("PRIVATE KEY", c, StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(_node.Host.PathOf("/run"), "platform-etcd-restore-key.*"));

        // Run again, it refuses: the restored etcd runs, healthy.
        var again = Restore($"restore {fetched} --key -", TestBackupKey.PrivateKeyPem);
        Assert.Equal(3, again.ExitCode);
        Assert.Empty(again.CallsOf("ctr"));
        // Even when told it may, while etcd's manifest is back.
        var confirmed = Restore($"restore {fetched} --key - --yes-i-am-restoring", TestBackupKey.PrivateKeyPem);
        Assert.Equal(1, confirmed.ExitCode);
        Assert.Contains("run restore-etcd.sh stop on every control-plane node first", confirmed.Errors, StringComparison.Ordinal);
        Assert.Empty(confirmed.CallsOf("ctr"));

        var finish = Restore("finish");

        Assert.True(finish.ExitCode == 0, finish.ToString());
        Assert.True(_node.Host.Exists($"{Manifests}/kube-apiserver.yaml"));
        Assert.Contains("systemctl restart kubelet", finish.Calls);
    }

    [Fact]
    public void A_wrong_key_restores_nothing()
    {
        _node.Host.Write($"{NodeScripts.EtcdSnapshotDir}/x.db.cms", "not a CMS structure\n");
        Assert.Equal(0, Restore("stop").ExitCode);
        var before = _node.Host.Snapshot();

        var run = Restore($"restore {NodeScripts.EtcdSnapshotDir}/x.db.cms --key -", TestBackupKey.PrivateKeyPem);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("openssl could not decrypt", run.Errors, StringComparison.Ordinal);
        Assert.Empty(run.CallsOf("ctr"));
        Assert.Equal(before, _node.Host.Snapshot());
    }

    [Fact]
    public void Without_a_backup_target_list_says_where_the_local_snapshots_are()
    {
        var script = EtcdBackupScripts.RestoreEtcd("cp-1", Members, null);

        var run = _node.Host.Run($"set -- list\n{script}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"this cluster has no backup target (platform:backup): use a snapshot on a control-plane node, under {NodeScripts.EtcdSnapshotDir}", run.Errors, StringComparison.Ordinal);
    }
}
