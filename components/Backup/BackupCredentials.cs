using Pulumi;

namespace Platform.Components.Backup;

/// <summary>The S3 access key of an external <see cref="BackupTarget"/>, as Pulumi secrets (from the secret
/// configuration <c>platform:backupCredentials</c>). Never written into Helm values or command lines: a layer that needs
/// them puts them into a Kubernetes Secret whose data stays secret in the state.</summary>
public sealed record BackupCredentials
{
    /// <summary>The access key id; a secret output. Required.</summary>
    public required Output<string> AccessKeyId { get; init; }

    /// <summary>The secret access key; a secret output. Required.</summary>
    public required Output<string> SecretAccessKey { get; init; }
}
