using Pulumi;

namespace Platform.Components.Backup;

/// <summary>The S3 credentials of a <see cref="BackupTarget"/> outside the cluster, both Pulumi secrets. The in-cluster
/// target has none here: its ObjectBucketClaim's Secret holds them.</summary>
public sealed record BackupCredentials
{
    /// <summary>The access key ID; a secret. Required.</summary>
    public required Output<string> AccessKeyId { get; init; }

    /// <summary>The secret access key; a secret. Required.</summary>
    public required Output<string> SecretAccessKey { get; init; }
}
