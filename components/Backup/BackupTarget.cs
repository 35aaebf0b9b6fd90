namespace Platform.Components.Backup;

/// <summary>Where the platform's backups go (the <c>platform:backup</c> target): an S3-compatible bucket outside the
/// cluster, or the Rook object store inside it. Velero's backups and the control-plane nodes' etcd snapshots share it,
/// each under its own key prefix.</summary>
public sealed record BackupTarget
{
    /// <summary>The S3 endpoint, e.g. <c>https://s3.example.internal:9000</c>. Required.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The bucket. Required (for the in-cluster target, the ObjectBucketClaim's ConfigMap has the one in use).</summary>
    public required string Bucket { get; init; }

    /// <summary>The region requests are signed for (SigV4). Required.</summary>
    public required string Region { get; init; }

    /// <summary>The key prefix everything is stored under, without a leading or trailing slash. Default none.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Whether objects are addressed as <c>endpoint/bucket/key</c> (MinIO, Ceph RGW) rather than
    /// <c>bucket.endpoint/key</c>. Default false.</summary>
    public bool ForcePathStyle { get; init; }

    /// <summary>The CA certificates (PEM) the endpoint's TLS certificate is checked with. Default null: the system's.</summary>
    public string? CaBundlePem { get; init; }

    /// <summary>Whether the target is the Rook object store inside the cluster, whose bucket and credentials an
    /// ObjectBucketClaim in namespace <c>velero</c> holds. Default false.</summary>
    public bool InCluster { get; init; }
}
