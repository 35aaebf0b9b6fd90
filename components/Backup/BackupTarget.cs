namespace Platform.Components.Backup;

/// <summary>Where the platform's backups go: an S3 bucket, either the in-cluster Rook object store's (a bucket claimed
/// for Velero) or an external S3 endpoint's. Velero's BackupStorageLocation is built from it, and other backups (the
/// etcd snapshots) can read it from the composition. Holds nothing secret: the credentials are
/// <see cref="BackupCredentials"/>.</summary>
public sealed record BackupTarget
{
    /// <summary>The S3 endpoint, scheme, host and port (e.g. <c>https://s3.example.internal:9000</c>); https unless the
    /// configuration explicitly allows http (the in-cluster Rook gateway is plain http inside the cluster). Required.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The bucket's name. Required.</summary>
    public required string Bucket { get; init; }

    /// <summary>The region the S3 requests are signed for (e.g. <c>us-east-1</c>). Required.</summary>
    public required string Region { get; init; }

    /// <summary>The key prefix (a "folder") under which the backups are kept in the bucket, without leading or trailing
    /// <c>/</c>; empty (the default) for the bucket's root.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Whether requests address the bucket in the path (<c>https://host/bucket/key</c>), as on-prem S3 servers
    /// (MinIO, Ceph RGW) expect, rather than as a virtual host (<c>https://bucket.host/key</c>). Default false.</summary>
    public bool ForcePathStyle { get; init; }

    /// <summary>The PEM certificates that sign the endpoint's TLS certificate, when it is not signed by a public CA;
    /// null (the default) to trust the system's CAs.</summary>
    public string? CaBundlePem { get; init; }

    /// <summary>Whether the target is the cluster's own Rook object store (reached only from inside the cluster, with
    /// credentials that live in the cluster); false for an external endpoint. Default false.</summary>
    public bool InCluster { get; init; }
}
