namespace Platform.Components.Backup;

/// <summary>Which S3 store holds the backups (<c>platform:backup.target</c>).</summary>
public enum BackupTargetKind
{
    /// <summary>A bucket of the cluster's own Rook-Ceph object store, claimed for Velero (an ObjectBucketClaim on the
    /// <c>ceph-bucket</c> class). Protects against mistakes (a deleted namespace, an overwritten volume), not against
    /// losing the cluster.</summary>
    Rook,

    /// <summary>An S3 endpoint outside the cluster, with its bucket, region and credentials.</summary>
    S3,
}
