using Platform.Components.Backup;

namespace Platform.Components.Cluster.EtcdBackup;

/// <summary>
/// The control-plane nodes' scheduled etcd backups (<see cref="ClusterArgs.EtcdBackup"/>): every control-plane node
/// snapshots its etcd member on a systemd timer, keeps the newest <see cref="EtcdBackupScripts.ScheduledSnapshotsKept"/>
/// locally, encrypts the snapshot to the stack's backup certificate (<see cref="EtcdBackupKey"/>) and uploads it to
/// <see cref="Target"/> under its own node name. Without a target nothing is scheduled, and the nodes' backup units are
/// removed; the restore script is on every control-plane node either way.
/// </summary>
public sealed record EtcdBackupArgs
{
    /// <summary>The S3 target; null (the default) schedules no backup.</summary>
    public BackupTarget? Target { get; init; }

    /// <summary>The target's credentials (Pulumi secrets), required for a target outside the cluster; the in-cluster
    /// target's are read on the node from the ObjectBucketClaim's Secret at each run, so they never enter the state.
    /// Default null.</summary>
    public BackupCredentials? Credentials { get; init; }

    /// <summary>How often each control-plane node backs up. Default <see cref="EtcdBackupFrequency.Daily"/> (the
    /// enterprise tier sets <see cref="EtcdBackupFrequency.Hourly"/>).</summary>
    public EtcdBackupFrequency Frequency { get; init; } = EtcdBackupFrequency.Daily;

    /// <summary>How many days uploaded snapshots are kept: after each upload, a node deletes its own uploads older than
    /// this. Default 14.</summary>
    public int RetentionDays { get; init; } = 14;

    /// <summary>The namespace of the ObjectBucketClaim whose Secret and ConfigMap give the in-cluster target's
    /// credentials and bucket. Default <c>velero</c>.</summary>
    public string BucketClaimNamespace { get; init; } = "velero";

    /// <summary>The ObjectBucketClaim's name (its Secret and ConfigMap have the same name). Default
    /// <c>velero-bucket</c>, the backup layer's claim (<see cref="RookBackupBucket.ClaimName"/>).</summary>
    public string BucketClaimName { get; init; } = RookBackupBucket.ClaimName;

    /// <summary>Whether backups are scheduled: there is a target.</summary>
    public bool Enabled => Target != null;
}
