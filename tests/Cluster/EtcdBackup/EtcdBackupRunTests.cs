using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Platform.Components.Backup;
using Platform.Components.Cluster.EtcdBackup;
using Platform.Components.Cluster.Scripts;
using Platform.Tests.Cluster.Scripts;
using Platform.Tests.Harness;

namespace Platform.Tests.Cluster.EtcdBackup;

/// <summary>
/// The scheduled backup's script on an <see cref="EtcdBackupHost"/>, after the etcd-backup step installed it: the
/// snapshot (of its own kind, the newest three kept), its encryption (decrypted again with the key that stays in the
/// stack), the upload with the credentials only in curl's config file, the deletion of this node's uploads past the
/// retention, nothing while an upgrade is under way, and the failures that leave the service failed with the snapshot
/// kept locally.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EtcdBackupRunTests : IDisposable
{
    internal const string BucketUrl = "https://s3.example.internal:9000/platform-backups";

    private const string Key = "prod/etcd-snapshots/cp-1/" + EtcdBackupHost.Now + "-scheduled.db.cms";

    private static readonly EtcdMember[] Members = [new("cp-1", "10.0.0.11"), new("cp-2", "10.0.0.12"), new("cp-3", "10.0.0.13")];

    private readonly EtcdBackupHost _node = new();

    public EtcdBackupRunTests() => _node.ServeBucketAt(BucketUrl);

    public void Dispose() => _node.Dispose();

    internal static EtcdBackupArgs External(int retentionDays = 14) => new()
    {
        Target = new BackupTarget
        {
            Endpoint = new Uri("https://s3.example.internal:9000"),
            Bucket = "platform-backups",
            Region = "eu-central-1",
            Prefix = "prod",
            ForcePathStyle = true,
        },
        RetentionDays = retentionDays,
    };

    private static string Credentials => EtcdBackupScripts.CredentialsFile(EtcdBackupHost.AccessKeyId, EtcdBackupHost.SecretAccessKey);

    private ScriptRun Install(EtcdBackupArgs backup)
    {
        var run = _node.Host.Run(EtcdBackupScripts.Install("cp-1", Members, backup, TestBackupKey.CertificatePem), Credentials);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    private ScriptRun Backup(EtcdBackupArgs backup) => _node.Host.Run(EtcdBackupScripts.BackupEtcd("cp-1", backup));

    private IReadOnlyList<string> LocalSnapshots() =>
        Directory.EnumerateFiles(_node.Host.PathOf(NodeScripts.EtcdSnapshotDir)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    [Fact]
    public void A_backup_snapshots_etcd_keeps_it_locally_and_uploads_it_encrypted_to_the_stack_key_with_the_credentials_only_in_curl_config()
    {
        Install(External());

        var run = Backup(External());

        Assert.True(run.ExitCode == 0, run.ToString());
        // The snapshot, of its own kind, root only, beside the upgrades' ones.
        var local = $"{NodeScripts.EtcdSnapshotDir}/{EtcdBackupHost.Now}-scheduled.db";
        Assert.Equal("etcd data of cp-1\n", _node.Host.Read(local));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, _node.Host.Mode(local));
        // Uploaded under the node's own folder; only the stack's key decrypts it (AES-256-GCM, the key wrapped with RSA-OAEP).
        Assert.Equal([Key], _node.Objects());
        var uploaded = _node.Object(Key);
        Assert.DoesNotContain("etcd data", Encoding.Latin1.GetString(uploaded), StringComparison.Ordinal);
        Assert.Equal("etcd data of cp-1\n", Encoding.UTF8.GetString(TestBackupKey.Decrypt(uploaded)!));
        var structure = TestBackupKey.Describe(uploaded);
        Assert.Contains("authEnvelopedData", structure, StringComparison.Ordinal);
        Assert.Contains("aes-256-gcm", structure, StringComparison.Ordinal);
        Assert.Contains("rsaesOaep", structure, StringComparison.Ordinal);
        // The payload hash curl signs is the uploaded file's.
        var put = Assert.Single(_node.Requests(), r => r.StartsWith("PUT ", StringComparison.Ordinal));
        Assert.Equal($"PUT /{Key} {Convert.ToHexStringLower(SHA256.HashData(uploaded))}", put);
        // The credentials reached curl in its config file only: never on a command line (the fake refuses that too).
        Assert.Equal($"user = \"{EtcdBackupHost.AccessKeyId}:{EtcdBackupHost.SecretAccessKey}\"", _node.CurlConfig());
        Assert.All(run.Calls, c => Assert.DoesNotContain(EtcdBackupHost.SecretAccessKey, c, StringComparison.Ordinal));
        Assert.DoesNotContain(EtcdBackupHost.SecretAccessKey, run.Output + run.Errors, StringComparison.Ordinal);
        Assert.Contains($"--aws-sigv4 aws:amz:eu-central-1:s3", Assert.Single(run.CallsOf("curl"), c => c.Contains("--upload-file", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal($"2026-12-01T11:33:10Z {Key}\n", _node.Host.Read(EtcdBackupScripts.LastUploadPath));
        // Nothing encrypted stays on the node.
        Assert.Empty(Directory.EnumerateFiles(_node.Host.PathOf(EtcdBackupScripts.StateDir), "*.cms*"));
        Assert.Contains($"etcd backup of cp-1 uploaded: {Key}", run.Output, StringComparison.Ordinal);
        Assert.Equal("", ShellCheck.Findings(EtcdBackupScripts.BackupEtcd("cp-1", External())));
    }

    [Fact]
    public void The_node_keeps_its_newest_three_scheduled_snapshots_and_leaves_the_upgrade_snapshots_alone()
    {
        Install(External());
        _node.Host.Write($"{NodeScripts.EtcdSnapshotDir}/20260301T090000Z-v1.34.2-to-v1.35.4.db", "upgrade\n");
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

        for (var hour = 0; hour < 5; hour++)
        {
            _node.At(start.AddHours(hour));
            var run = Backup(External());
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        Assert.Equal(
        [
            "20260301T090000Z-v1.34.2-to-v1.35.4.db",
            "20261201T100000Z-scheduled.db",
            "20261201T110000Z-scheduled.db",
            "20261201T120000Z-scheduled.db",
        ], LocalSnapshots());
        Assert.Equal(5, _node.Objects().Count);
    }

    [Fact]
    public void Uploads_of_this_node_past_the_retention_are_deleted_and_nothing_else()
    {
        Install(External(retentionDays: 7));
        _node.PutObject("prod/etcd-snapshots/cp-1/20261120T113310Z-scheduled.db.cms", "old");
        _node.PutObject("prod/etcd-snapshots/cp-1/20261124T113311Z-scheduled.db.cms", "within a week");
        _node.PutObject("prod/etcd-snapshots/cp-1/20200101T000000Z-kept-by-hand.db", "an operator's");
        _node.PutObject("prod/etcd-snapshots/cp-2/20261101T000000Z-scheduled.db.cms", "another node's");
        _node.PutObject("prod/velero/backups/20200101T000000Z-scheduled.db.cms", "velero's");

        var run = Backup(External(retentionDays: 7));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
        [
            "prod/etcd-snapshots/cp-1/20200101T000000Z-kept-by-hand.db",
            "prod/etcd-snapshots/cp-1/20261124T113311Z-scheduled.db.cms",
            Key,
            "prod/etcd-snapshots/cp-2/20261101T000000Z-scheduled.db.cms",
            "prod/velero/backups/20200101T000000Z-scheduled.db.cms",
        ], _node.Objects());
        Assert.Contains("GET /?list-type=2&prefix=prod%2Fetcd-snapshots%2Fcp-1%2F " + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", _node.Requests());
        Assert.Contains("deleted prod/etcd-snapshots/cp-1/20261120T113310Z-scheduled.db.cms (older than 7 days)", run.Output, StringComparison.Ordinal);
    }

    // S3 lists at most 1000 keys at a time: the retention reads every page, with the continuation token encoded.
    [Fact]
    public void The_retention_reads_every_page_of_the_listing()
    {
        Install(External(retentionDays: 7));
        _node.Mark("page-size", "1");
        _node.PutObject("prod/etcd-snapshots/cp-1/20261118T113310Z-scheduled.db.cms", "old");
        _node.PutObject("prod/etcd-snapshots/cp-1/20261120T113310Z-scheduled.db.cms", "old too");
        _node.PutObject("prod/etcd-snapshots/cp-1/20261124T113311Z-scheduled.db.cms", "within a week");

        var run = Backup(External(retentionDays: 7));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["prod/etcd-snapshots/cp-1/20261124T113311Z-scheduled.db.cms", Key], _node.Objects());
        Assert.Contains(_node.Requests(), r => r.StartsWith("GET /?continuation-token=t%3D2&list-type=2&prefix=prod%2Fetcd-snapshots%2Fcp-1%2F ", StringComparison.Ordinal));
    }

    // An upgrade takes its snapshot before it holds the kubeadm lock: the scheduled one is staged under a name of its
    // own, so neither removes or moves the other's file.
    [Fact]
    public void The_scheduled_snapshot_is_staged_apart_from_an_upgrades()
    {
        Install(External());
        _node.Host.Write("/var/lib/etcd/platform-snapshot.db", "an upgrade's snapshot being taken\n");

        var run = Backup(External());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("an upgrade's snapshot being taken\n", _node.Host.Read("/var/lib/etcd/platform-snapshot.db"));
        Assert.False(_node.Host.Exists("/var/lib/etcd/platform-snapshot-scheduled.db"));
    }

    [Fact]
    public void No_backup_is_taken_while_an_upgrade_of_the_node_is_under_way()
    {
        Install(External());
        _node.Host.Write(NodeScripts.UpgradeMarker, "1.36.2\n");
        var before = _node.Host.Snapshot();

        var run = Backup(External());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.CallsOf("crictl", "curl", "openssl"));
        Assert.Equal(before, _node.Host.Snapshot());
        Assert.Contains("an upgrade of cp-1 is under way", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7.81.0", "curl 7.81 cannot sign S3 requests (it signs no x-amz-content-sha256): curl 7.87 or later is needed (Ubuntu 24.04, Flatcar)")]
    [InlineData("down", "the upload of " + Key + " failed")]
    [InlineData("no credentials", "the backup target's credentials are not at /etc/kubernetes/platform/etcd-backup/s3-credentials.conf")]
    public void A_failed_upload_fails_the_run_with_its_reason_and_keeps_the_snapshot_locally(string failure, string reason)
    {
        Install(External());
        switch (failure)
        {
            case "down": _node.Mark("s3-down"); break;
            case "no credentials": File.Delete(_node.Host.PathOf(EtcdBackupScripts.CredentialsPath)); break;
            default: _node.Mark("curl-version", failure); break;
        }

        var run = Backup(External());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(reason, run.Errors, StringComparison.Ordinal);
        Assert.Contains($"the snapshot is kept locally at {NodeScripts.EtcdSnapshotDir}/{EtcdBackupHost.Now}-scheduled.db", run.Errors, StringComparison.Ordinal);
        Assert.Equal([$"{EtcdBackupHost.Now}-scheduled.db"], LocalSnapshots());
        Assert.Empty(_node.Objects());
        Assert.False(_node.Host.Exists(EtcdBackupScripts.LastUploadPath));
        Assert.Empty(Directory.EnumerateFiles(_node.Host.PathOf(EtcdBackupScripts.StateDir), "*.cms*"));
    }

    [Fact]
    public void A_snapshot_etcd_does_not_give_fails_the_run_and_uploads_nothing()
    {
        Install(External());
        File.Delete(_node.Host.PathOf("/etc/kubernetes/manifests/etcd.yaml"));

        var run = Backup(External());

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("etcd snapshot before the scheduled backup: no local etcd client URL in /etc/kubernetes/manifests/etcd.yaml (kubeadm's etcd static pod); nothing was changed. The backup timer's next run tries again\n",
            run.Errors, StringComparison.Ordinal);
        Assert.Empty(run.CallsOf("curl"));
    }

    [Fact]
    public void The_backup_takes_the_kubeadm_lock_for_the_snapshot_and_stops_when_another_operation_holds_it()
    {
        Install(External());
        _node.Host.Fake("flock", "[ ! -f \"$FAKE/kubeadm-lock-held\" ]");

        var run = Backup(External());

        Assert.True(run.ExitCode == 0, run.ToString());
        var calls = run.Calls.ToList();
        var locked = calls.IndexOf("flock -w 900 9");
        Assert.True(locked >= 0 && locked < calls.FindIndex(c => c.Contains("snapshot save", StringComparison.Ordinal)), run.ToString());

        _node.Mark("kubeadm-lock-held");
        var held = Backup(External());

        Assert.Equal(1, held.ExitCode);
        Assert.Contains("another kubeadm operation has held /run/platform-kubeadm.lock for 15 minutes", held.Errors, StringComparison.Ordinal);
        Assert.Empty(held.CallsOf("crictl", "curl"));
    }

    [Fact]
    public void The_in_cluster_target_is_reached_at_its_service_cluster_ip_with_the_bucket_claim_credentials_read_at_run_time()
    {
        var backup = External() with { Target = External().Target! with { InCluster = true, Prefix = "" } };
        var access = Convert.ToBase64String(Encoding.UTF8.GetBytes("RGWACCESS123"));
        var secret = Convert.ToBase64String(Encoding.UTF8.GetBytes("RGWSECRETabc/+="));
        _node.Host.Fake("kubectl", $$"""
            case "$*" in
              *" -n velero get configmap velero-bucket -o jsonpath="*) echo "rook-ceph-rgw-objects.rook-ceph.svc 80 velero-3f9c1e" ;;
              *" -n rook-ceph get service rook-ceph-rgw-objects -o jsonpath={.spec.clusterIP}") echo 10.96.0.50 ;;
              *" -n velero get secret velero-bucket -o jsonpath={.data.AWS_ACCESS_KEY_ID}") echo {{access}} ;;
              *" -n velero get secret velero-bucket -o jsonpath={.data.AWS_SECRET_ACCESS_KEY}") echo {{secret}} ;;
              *) echo "unexpected: kubectl $*" >&2; exit 2 ;;
            esac
            """);
        _node.ServeBucketAt("http://10.96.0.50:80/velero-3f9c1e");
        Assert.Equal(0, _node.Host.Run(EtcdBackupScripts.Install("cp-1", Members, backup, TestBackupKey.CertificatePem)).ExitCode);

        var run = Backup(backup);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([$"etcd-snapshots/cp-1/{EtcdBackupHost.Now}-scheduled.db.cms"], _node.Objects());
        Assert.Equal("user = \"RGWACCESS123:RGWSECRETabc/+=\"\n", _node.CurlConfig());
        Assert.All(run.CallsOf("kubectl"), c => Assert.StartsWith("kubectl --kubeconfig /etc/kubernetes/admin.conf", c, StringComparison.Ordinal));
        Assert.All(run.Calls, c => Assert.DoesNotContain("RGWSECRET", c, StringComparison.Ordinal));
        Assert.DoesNotContain("RGWSECRET", run.Output + run.Errors, StringComparison.Ordinal);
        // The credentials' file under /run went with the run, and none is kept on the node.
        Assert.Empty(Directory.EnumerateFiles(_node.Host.PathOf("/run"), "platform-etcd-backup-s3.*"));
        Assert.False(_node.Host.Exists(EtcdBackupScripts.CredentialsPath));
    }
}
