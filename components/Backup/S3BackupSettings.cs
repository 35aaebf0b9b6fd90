namespace Platform.Components.Backup;

/// <summary>An external S3 endpoint for backups (<c>platform:backup.s3</c>); its access key is the secret
/// <c>platform:backupCredentials</c>.</summary>
public sealed record S3BackupSettings
{
    /// <summary>The endpoint URL, <c>https://host[:port]</c> (no path, query or user). Required.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The bucket, which must exist. Required.</summary>
    public required string Bucket { get; init; }

    /// <summary>The region requests are signed for (MinIO and Ceph accept <c>us-east-1</c> unless configured
    /// otherwise). Required.</summary>
    public required string Region { get; init; }

    /// <summary>A key prefix inside the bucket (e.g. <c>clusters/prod</c>), without leading or trailing <c>/</c>, so that
    /// several clusters can share a bucket. Default empty: the bucket's root.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Path-style requests (<c>https://host/bucket</c>). Default true, as on-prem S3 servers expect; false for
    /// virtual-hosted buckets (<c>https://bucket.host</c>).</summary>
    public bool ForcePathStyle { get; init; } = true;

    /// <summary>PEM certificates of the CA that signs the endpoint's certificate, when it is a private CA; null (the
    /// default) trusts the public CAs of Velero's image.</summary>
    public string? CaBundle { get; init; }

    /// <summary>Allow an <c>http://</c> endpoint: the access key and every backup then cross the network in clear text.
    /// Default false (https only); for a test endpoint on a trusted network only.</summary>
    public bool AllowHttp { get; init; }
}
