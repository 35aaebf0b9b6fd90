using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Components.Backup;
using Platform.Components.Cluster.Scripts;

namespace Platform.Components.Cluster.EtcdBackup;

/// <summary>
/// The node scripts of the control-plane nodes' scheduled etcd backups and of their restore, rendered from the templates
/// <c>etcd-backup.sh</c> (the step), <c>backup-etcd.sh</c> (the service's script), <c>restore-etcd.sh</c> (the operator's)
/// and their parts. Nothing secret is in any of them: the target's credentials reach the node on the step's standard
/// input (<see cref="CredentialsFile"/>), and the in-cluster target's are read on the node at each run.
/// </summary>
public static partial class EtcdBackupScripts
{
    /// <summary>The script the backup service runs (<see cref="BackupEtcd"/>).</summary>
    public const string BackupScriptPath = NodeScripts.PlatformDir + "/backup-etcd.sh";

    /// <summary>The restore script on every control-plane node (<see cref="RestoreEtcd"/>).</summary>
    public const string RestoreScriptPath = NodeScripts.PlatformDir + "/restore-etcd.sh";

    /// <summary>The backup's own files (root only): the recipient certificate, the target's CA certificates and credentials.</summary>
    public const string ConfigDir = NodeScripts.PlatformDir + "/etcd-backup";

    /// <summary>The certificate the snapshots are encrypted to (<see cref="EtcdBackupKey.RecipientCertificatePem"/>).</summary>
    public const string RecipientPath = ConfigDir + "/recipient.pem";

    /// <summary>The curl config file with the target's credentials (mode 0600), for a target outside the cluster.</summary>
    public const string CredentialsPath = ConfigDir + "/s3-credentials.conf";

    /// <summary>The CA certificates the target's TLS certificate is checked with, when the target has its own.</summary>
    public const string CaPath = ConfigDir + "/ca.pem";

    /// <summary>The backup's state: the encrypted snapshot while it is uploaded, and <see cref="LastUploadPath"/>.</summary>
    public const string StateDir = NodeScripts.StateDir + "/etcd-backup";

    /// <summary>Written after each upload: its UTC time (RFC 3339) and its key.</summary>
    public const string LastUploadPath = StateDir + "/last-upload";

    /// <summary>Where a restore holds the kube-apiserver and etcd manifests while they are stopped.</summary>
    public const string RestoreHoldDir = NodeScripts.StateDir + "/etcd-restore";

    /// <summary>How many of its scheduled snapshots (<c>*-scheduled.db</c> in <see cref="NodeScripts.EtcdSnapshotDir"/>)
    /// a control-plane node keeps locally: the newest three. The upgrades' own snapshots are counted apart.</summary>
    public const int ScheduledSnapshotsKept = 3;

    /// <summary>The folder under the target's prefix that holds the snapshots, one folder per node.</summary>
    public const string KeyFolder = "etcd-snapshots";

    /// <summary>
    /// The step on control-plane node <paramref name="nodeName"/>: writes the restore script (<see cref="RestoreEtcd"/>)
    /// and, with a backup target, the backup script, the recipient certificate, the target's CA certificates, the
    /// credentials from standard input and the units (<see cref="EtcdBackupUnits"/>), each only where its content
    /// differs, and starts the timer; without one, removes the backup's units, script and files. A second run changes
    /// nothing; the node's reset and clean-up remove everything.
    /// </summary>
    /// <param name="nodeName">The control-plane node.</param>
    /// <param name="members">Every etcd member of the cluster (the live control-plane nodes), for the restore.</param>
    /// <param name="backup">The backup settings; null or without a target for none.</param>
    /// <param name="recipientCertificatePem">The certificate the snapshots are encrypted to.</param>
    public static string Install(string nodeName, IReadOnlyList<EtcdMember> members, EtcdBackupArgs? backup, string recipientCertificatePem)
    {
        CheckName(nodeName);
        ArgumentNullException.ThrowIfNull(recipientCertificatePem);
        var enabled = backup is { Enabled: true };
        var part = enabled
            ? Part("etcd-backup-install.sh", new()
            {
                { "ETCD_BACKUP_CONFIG_DIR", ConfigDir },
                { "ETCD_BACKUP_SCRIPT_PATH", BackupScriptPath },
                { "ETCD_BACKUP_SCRIPT", BackupEtcd(nodeName, backup!) },
                { "ETCD_BACKUP_RECIPIENT_PATH", RecipientPath },
                { "ETCD_BACKUP_RECIPIENT", recipientCertificatePem },
                { "ETCD_BACKUP_CA_BUNDLE", backup!.Target!.CaBundlePem ?? "" },
                { "ETCD_BACKUP_CA_PATH", CaPath },
                { "ETCD_BACKUP_CREDENTIALS_PATH", CredentialsPath },
                { "ETCD_BACKUP_SERVICE_PATH", EtcdBackupUnits.ServicePath },
                { "ETCD_BACKUP_SERVICE", EtcdBackupUnits.Service() },
                { "ETCD_BACKUP_TIMER_PATH", EtcdBackupUnits.TimerPath },
                { "ETCD_BACKUP_TIMER", EtcdBackupUnits.Timer(backup.Frequency) },
                { "ETCD_BACKUP_TIMER_UNIT", EtcdBackupUnits.Name + ".timer" },
            })
            : Removal();
        return ScriptTemplate.Get("etcd-backup.sh").Render(new()
        {
            { "NODE", nodeName },
            { "PLATFORM_DIR", NodeScripts.PlatformDir },
            { "UNIT_FOLDER", Certificates.CertificateRenewalUnits.Folder },
            { "ETCD_RESTORE_SCRIPT_PATH", RestoreScriptPath },
            { "ETCD_RESTORE_SCRIPT", RestoreEtcd(nodeName, members, enabled ? backup : null) },
            { "ETCD_BACKUP", part },
            { "WRITE_FILE", NodeScripts.WriteFile() },
        });
    }

    /// <summary>
    /// The script the backup service of control-plane node <paramref name="nodeName"/> runs: nothing while an upgrade of
    /// the node is under way (<see cref="NodeScripts.UpgradeMarker"/>); otherwise, under the kubeadm lock only for the
    /// snapshot, a snapshot of the node's etcd member (the upgrades' <c>etcd_snapshot</c>, of its own kind
    /// <c>*-scheduled.db</c>, the newest <see cref="ScheduledSnapshotsKept"/> kept), then, without the lock, the
    /// snapshot encrypted to the recipient certificate (<c>openssl cms</c>, AES-256-GCM, RSA-OAEP), uploaded to
    /// <c>&lt;prefix&gt;/etcd-snapshots/&lt;node&gt;/&lt;snapshot&gt;.cms</c>, recorded in <see cref="LastUploadPath"/>,
    /// and the node's uploads older than <see cref="EtcdBackupArgs.RetentionDays"/> deleted. Every failure exits
    /// non-zero with its reason, in the journal.
    /// </summary>
    public static string BackupEtcd(string nodeName, EtcdBackupArgs backup)
    {
        CheckName(nodeName);
        ArgumentNullException.ThrowIfNull(backup);
        var target = backup.Target ?? throw new ArgumentException("A backup needs a target.", nameof(backup));
        if (backup.RetentionDays < 1)
            throw new ArgumentException($"Uploaded etcd snapshots are kept for at least a day, got {backup.RetentionDays}.", nameof(backup));
        return ScriptTemplate.Get("backup-etcd.sh").Render(new()
        {
            { "NODE", nodeName },
            { "ETCD_BACKUP_STATE_DIR", StateDir },
            { "S3_KEY_PREFIX", KeyPrefix(target) },
            { "ETCD_BACKUP_RETENTION_DAYS", backup.RetentionDays.ToString(CultureInfo.InvariantCulture) },
            { "ETCD_SNAPSHOT_DIR", NodeScripts.EtcdSnapshotDir },
            { "ETCD_SNAPSHOTS_KEPT", ScheduledSnapshotsKept.ToString(CultureInfo.InvariantCulture) },
            { "ETCD_SNAPSHOT", EtcdSnapshot() },
            { "S3_TARGET", S3Target(backup) },
            { "S3", S3(target) },
            { "UPGRADE_MARKER", NodeScripts.UpgradeMarker },
            { "STATE_DIR", NodeScripts.StateDir },
            { "ETCD_BACKUP_RECIPIENT_PATH", RecipientPath },
        });
    }

    /// <summary>
    /// The operator's restore script on control-plane node <paramref name="nodeName"/>, in phases run on every
    /// control-plane node in turn (etcd's "Disaster recovery": every member restored from the same snapshot with the
    /// initial cluster of all of them): <c>stop</c> (kube-apiserver and etcd), <c>restore &lt;snapshot&gt;</c> (decrypts
    /// a <c>.cms</c> snapshot with the key given on a file or standard input, <c>etcdutl snapshot restore</c> in the
    /// etcd image with this member's name and peer URL, <paramref name="members"/> as the initial cluster and a token
    /// from the snapshot's digest, the old data directory moved aside, etcd started) and <c>finish</c> (etcd healthy,
    /// kube-apiserver started, the other components and kubelet restarted); <c>list</c> and <c>fetch</c> read the
    /// backup target. <c>stop</c> and <c>restore</c> refuse while the node's etcd is healthy, unless given
    /// <c>--yes-i-am-restoring</c>.
    /// </summary>
    public static string RestoreEtcd(string nodeName, IReadOnlyList<EtcdMember> members, EtcdBackupArgs? backup)
    {
        CheckName(nodeName);
        ArgumentNullException.ThrowIfNull(members);
        var self = members.SingleOrDefault(m => m.Name == nodeName)
            ?? throw new ArgumentException($"Node {nodeName} is not among the etcd members.", nameof(members));
        foreach (var member in members)
        {
            CheckName(member.Name);
            ArgumentException.ThrowIfNullOrWhiteSpace(member.Address, nameof(members));
        }
        var target = backup is { Enabled: true } ? backup.Target : null;
        return ScriptTemplate.Get("restore-etcd.sh").Render(new()
        {
            { "NODE", nodeName },
            { "ETCD_MEMBER_PEER_URL", self.PeerUrl },
            { "ETCD_INITIAL_CLUSTER", string.Join(',', members.Select(m => $"{m.Name}={m.PeerUrl}")) },
            { "ETCD_RESTORE_HOLD_DIR", RestoreHoldDir },
            { "ETCD_SNAPSHOT_DIR", NodeScripts.EtcdSnapshotDir },
            { "S3_KEY_PREFIX", target is null ? "" : KeyPrefix(target) },
            { "LOCAL_ETCD", Part("local-etcd.sh") },
            { "S3_TARGET", target is null ? Part("s3-none.sh", new() { { "ETCD_SNAPSHOT_DIR", NodeScripts.EtcdSnapshotDir } }) : S3Target(backup!) },
            { "S3", target is null ? ScriptFragment.None : S3(target) },
            { "STATE_DIR", NodeScripts.StateDir },
            { "ETCD_DATA_OWNERSHIP", Part("etcd-data-ownership.sh") },
        });
    }

    /// <summary>The curl config file that gives curl the target's credentials (<c>user = "id:secret"</c>), sent on the
    /// step's standard input and written root only: curl reads it with <c>--config</c>, so the credentials are never
    /// on a command line.</summary>
    /// <exception cref="ArgumentException">A credential is empty, or has a colon (the access key ID) or a line end.</exception>
    public static string CredentialsFile(string accessKeyId, string secretAccessKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(secretAccessKey);
        if (accessKeyId.Contains(':', StringComparison.Ordinal) || (accessKeyId + secretAccessKey).Any(char.IsControl))
            throw new ArgumentException("An S3 access key ID has no colon, and neither credential has a control character.", nameof(accessKeyId));
        static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return $"user = \"{Escape(accessKeyId)}:{Escape(secretAccessKey)}\"\n";
    }

    /// <summary>The key prefix of the nodes' uploads: <c>&lt;prefix&gt;/etcd-snapshots/</c> (or
    /// <c>etcd-snapshots/</c>); each node's are under <c>&lt;node&gt;/</c> below it.</summary>
    /// <exception cref="ArgumentException">The prefix has characters other than letters, digits and <c>. _ - /</c>.</exception>
    public static string KeyPrefix(BackupTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var prefix = target.Prefix.Trim('/');
        if (!SafeKey().IsMatch(prefix))
            throw new ArgumentException($"A backup prefix has only letters, digits and . _ - /, got '{target.Prefix}'.", nameof(target));
        return prefix.Length == 0 ? KeyFolder + "/" : $"{prefix}/{KeyFolder}/";
    }

    /// <summary>The URL of the target's bucket, to which <c>/&lt;key&gt;</c> is appended: <c>endpoint/bucket</c> in path
    /// style, <c>bucket.endpoint</c> otherwise.</summary>
    /// <exception cref="ArgumentException">The endpoint is not http(s) or has a query, or the bucket or region is not
    /// an S3 name.</exception>
    public static string S3Url(BackupTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var endpoint = target.Endpoint;
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https") || endpoint.Query.Length > 0 || endpoint.Fragment.Length > 0)
            throw new ArgumentException($"A backup endpoint is an http or https URL without a query, got '{endpoint}'.", nameof(target));
        if (!BucketName().IsMatch(target.Bucket))
            throw new ArgumentException($"An S3 bucket name has 3 to 63 lower-case letters, digits, dots and hyphens, got '{target.Bucket}'.", nameof(target));
        var path = endpoint.AbsolutePath.TrimEnd('/');
        var port = endpoint.IsDefaultPort ? "" : string.Create(CultureInfo.InvariantCulture, $":{endpoint.Port}");
        return target.ForcePathStyle
            ? $"{endpoint.Scheme}://{endpoint.Authority}{path}/{target.Bucket}"
            : $"{endpoint.Scheme}://{target.Bucket}.{endpoint.IdnHost}{port}{path}";
    }

    /// <summary>The removal of the backup's units, script and files (in the step without a target, the node's reset and
    /// its clean-up).</summary>
    internal static ScriptFragment Removal() => Part("etcd-backup-removal.sh", new()
    {
        { "ETCD_BACKUP_TIMER_PATH", EtcdBackupUnits.TimerPath },
        { "ETCD_BACKUP_SERVICE_PATH", EtcdBackupUnits.ServicePath },
        { "ETCD_BACKUP_TIMER_UNIT", EtcdBackupUnits.Name + ".timer" },
        { "ETCD_BACKUP_SCRIPT_PATH", BackupScriptPath },
        { "ETCD_BACKUP_CONFIG_DIR", ConfigDir },
    });

    private static ScriptFragment EtcdSnapshot() => Part("etcd-snapshot.sh", new()
    {
        { "LOCAL_ETCD", Part("local-etcd.sh") },
        { "STATE_DIR", NodeScripts.StateDir },
        { "ETCD_SNAPSHOT_DIR", NodeScripts.EtcdSnapshotDir },
        { "ETCD_SNAPSHOTS_KEPT", ScheduledSnapshotsKept.ToString(CultureInfo.InvariantCulture) },
    });

    private static ScriptFragment S3(BackupTarget target)
    {
        if (!RegionName().IsMatch(target.Region))
            throw new ArgumentException($"An S3 region has letters, digits and hyphens, got '{target.Region}'.", nameof(target));
        return Part("s3.sh", new() { { "S3_REGION", target.Region } });
    }

    private static ScriptFragment S3Target(EtcdBackupArgs backup)
    {
        var target = backup.Target!;
        if (target.InCluster)
        {
            CheckName(backup.BucketClaimNamespace);
            CheckName(backup.BucketClaimName);
            return Part("s3-in-cluster.sh", new()
            {
                { "ADMIN_KUBECONFIG", NodeScripts.AdminKubeconfig },
                { "BUCKET_CLAIM_NAMESPACE", backup.BucketClaimNamespace },
                { "BUCKET_CLAIM_NAME", backup.BucketClaimName },
            });
        }
        return Part("s3-target.sh", new()
        {
            { "S3_URL", S3Url(target) },
            { "ETCD_BACKUP_CREDENTIALS_PATH", CredentialsPath },
            { "ETCD_BACKUP_CA_PATH", CaPath },
        });
    }

    private static ScriptFragment Part(string template, ScriptValues? values = null) =>
        ScriptTemplate.Get(ScriptTemplate.PartsFolder + template).RenderPart(values ?? ScriptValues.Empty);

    private static void CheckName(string name)
    {
        if (name.Length is 0 or > 63 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            throw new ArgumentException($"A node or object name here is a DNS-1123 label, got '{name}'.", nameof(name));
    }

    [GeneratedRegex("^[A-Za-z0-9._/-]*$")]
    private static partial Regex SafeKey();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    private static partial Regex RegionName();
}
