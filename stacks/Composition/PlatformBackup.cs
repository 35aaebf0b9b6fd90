using System.Text.Json;
using Platform.Components.Backup;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Configuration;
using Pulumi;

namespace Platform.Stacks.Composition;

/// <summary>The one place that decides where the platform's backups go (<see cref="PlatformContext.BackupTarget"/>):
/// from <c>platform:backup</c> and the storage the platform deploys, with the tier's default schedules. Other backups
/// (the etcd snapshots) read the same target and credentials from the context.</summary>
public static class PlatformBackup
{
    /// <summary>The schedules of a tier when <c>platform:backup.schedules</c> is unset: small, daily at 01:00 UTC kept 7
    /// days; medium, daily kept 14 days; enterprise, hourly (at half past, apart from the daily run) kept 48 hours and
    /// daily kept 30 days.</summary>
    public static IReadOnlyList<BackupSchedule> DefaultSchedules(PlatformTier tier) => tier switch
    {
        PlatformTier.Small => [new BackupSchedule("daily", "0 1 * * *", "168h")],
        PlatformTier.Medium => [new BackupSchedule("daily", "0 1 * * *", "336h")],
        _ => [new BackupSchedule("hourly", "30 * * * *", "48h"), new BackupSchedule("daily", "0 1 * * *", "720h")],
    };

    /// <summary>The schedules of a stack: the configured ones, or the tier's.</summary>
    public static IReadOnlyList<BackupSchedule> Schedules(PlatformSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Backup.Schedules ?? DefaultSchedules(settings.Tier);
    }

    /// <summary>The kind of target: the configured one, else the Rook object store when the platform deploys Rook-Ceph,
    /// else none (a configuration error when the backup capability is on).</summary>
    public static BackupTargetKind? TargetKind(PlatformSettings settings, PlatformStorage storage)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(storage);
        return settings.Backup.Target ?? (storage.DeployedByThePlatform ? BackupTargetKind.Rook : null);
    }

    /// <summary>The backup target of a stack whose backup capability is on in <paramref name="decisions"/>, or null when
    /// it is off (or has no target: <c>LayerRequirements</c> stops such a run first).</summary>
    public static BackupTarget? Target(PlatformSettings settings, IReadOnlyList<CapabilityDecision> decisions, PlatformStorage storage)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        if (!decisions.Any(d => d.Id == CapabilityIds.Backup && d.Enabled)) return null;
        return TargetKind(settings, storage) switch
        {
            BackupTargetKind.Rook => RookBackupBucket.Target,
            BackupTargetKind.S3 => settings.Backup.ExternalTarget(),
            _ => null,
        };
    }

    /// <summary>The S3 key of an external target from the secret <c>platform:backupCredentials</c> (a JSON object with
    /// accessKeyId and secretAccessKey), each part a secret output; null for an in-cluster target or none. A value of the
    /// wrong shape fails the update with a message naming the key, never the value.</summary>
    public static BackupCredentials? Credentials(BackupTarget? target, Output<string>? secretJson)
    {
        if (target is null || target.InCluster || secretJson is null) return null;
        var pair = secretJson.Apply(Parse);
        return new BackupCredentials
        {
            AccessKeyId = Output.CreateSecret(pair.Apply(p => p.AccessKeyId)),
            SecretAccessKey = Output.CreateSecret(pair.Apply(p => p.SecretAccessKey)),
        };
    }

    /// <summary>The control planes' scheduled etcd backups to the same target: hourly on the enterprise tier (as its
    /// Velero schedules), daily otherwise, uploads kept as long as the tier's daily backups (7, 14 or 30 days); the
    /// in-cluster target's key is read on the nodes from Velero's bucket claim. No target, no scheduled backup.</summary>
    public static Platform.Components.Cluster.EtcdBackup.EtcdBackupArgs EtcdBackup(PlatformSettings settings, BackupTarget? target, BackupCredentials? credentials)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (target is null) return new();
        return new()
        {
            Target = target,
            Credentials = credentials,
            Frequency = settings.Tier == PlatformTier.Enterprise
                ? Platform.Components.Cluster.EtcdBackup.EtcdBackupFrequency.Hourly
                : Platform.Components.Cluster.EtcdBackup.EtcdBackupFrequency.Daily,
            RetentionDays = settings.Tier switch { PlatformTier.Small => 7, PlatformTier.Medium => 14, _ => 30 },
            BucketClaimNamespace = BackupNamespaces.Velero,
            BucketClaimName = RookBackupBucket.ClaimName,
        };
    }

    /// <summary>The warning for an enterprise stack whose backups stay in the cluster they protect; null otherwise.</summary>
    public static string? Warning(PlatformSettings settings, BackupTarget? target)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (target is not { InCluster: true } || settings.Tier != PlatformTier.Enterprise) return null;
        return $"{PlatformConfigKeys.Backup.FullName}: the enterprise tier's backups go to the cluster's own Rook object store, " +
            "so losing the cluster (or its Ceph) loses them with it. Set target s3 with an endpoint outside the cluster and " +
            $"{PlatformConfigKeys.BackupCredentials.FullName} (README: Backups with Velero).";
    }

    /// <summary>The warning for control-plane nodes on Ubuntu 22.04 while backups have a target: its curl (7.81) cannot
    /// sign the payload hash S3 requires (curl signs it from 7.87), so those nodes keep their etcd snapshots locally and
    /// their backup service fails at each upload; null when there are none.</summary>
    public static string? EtcdUploadWarning(PlatformSettings settings, BackupTarget? target)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (target is null) return null;
        var old = settings.Nodes
            .Where(n => n.Role == Platform.Components.Cluster.NodeRole.ControlPlane && !n.Dead && n.OperatingSystem == Platform.Components.Cluster.NodeOperatingSystem.Ubuntu2204)
            .Select(n => n.Name).ToList();
        if (old.Count == 0) return null;
        return $"{PlatformConfigKeys.Nodes.FullName}: the control-plane nodes {string.Join(", ", old)} run Ubuntu 22.04, whose curl (7.81) " +
            "cannot sign S3 uploads: their scheduled etcd snapshots stay on the nodes and their platform-etcd-backup service fails at " +
            "each upload. Move them to Ubuntu 24.04 or later, or Flatcar (README: etcd backups and restore).";
    }

    private static (string AccessKeyId, string SecretAccessKey) Parse(string json)
    {
        var key = PlatformConfigKeys.BackupCredentials;
        var fix = $"Set it as a secret JSON object {{\"accessKeyId\": ..., \"secretAccessKey\": ...}}: `{key.SetCommand}`.";
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new RunException($"{key.FullName} is {ConfigSyntax.Describe(root.ValueKind)}, not an object. {fix}");
            var unknown = root.EnumerateObject().Select(p => p.Name).Where(n => n is not ("accessKeyId" or "secretAccessKey")).ToList();
            if (unknown.Count > 0)
                throw new RunException($"{key.FullName} has unknown fields {string.Join(", ", unknown)}. {fix}");
            return (Text(root, "accessKeyId"), Text(root, "secretAccessKey"));
        }
        catch (JsonException)
        {
            // The parser's message may quote the value: only the key is named.
            throw new RunException($"{key.FullName} is not JSON. {fix}");
        }

        string Text(JsonElement root, string field) =>
            root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text && !text.Any(c => c is '\n' or '\r')
                ? text
                : throw new RunException($"{key.FullName} lacks {field} (non-empty text on one line). {fix}");
    }
}
