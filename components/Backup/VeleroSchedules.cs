namespace Platform.Components.Backup;

/// <summary>The spec of a Velero Schedule (<c>velero.io/v1</c>) for a <see cref="BackupSchedule"/>: its cron and a
/// backup template with the TTL, the namespaces, the storage location and how volumes are backed up. A pure
/// function.</summary>
public static class VeleroSchedules
{
    /// <summary>The Schedule's API version.</summary>
    public const string ApiVersion = "velero.io/v1";

    /// <summary>The Schedule's kind.</summary>
    public const string Kind = "Schedule";

    /// <summary>The spec for <paramref name="schedule"/>: every namespace (<c>*</c>) unless <paramref name="included"/>
    /// names some, minus <paramref name="excluded"/>; file-system backup of every pod volume with
    /// <see cref="BackupVolumes.FileSystem"/>; never native volume snapshots (no VolumeSnapshotLocation exists).</summary>
    public static IReadOnlyDictionary<string, object> Spec(BackupSchedule schedule, IReadOnlyList<string> included, IReadOnlyList<string> excluded, BackupVolumes volumes)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(included);
        ArgumentNullException.ThrowIfNull(excluded);
        var template = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["ttl"] = schedule.Ttl,
            ["storageLocation"] = VeleroValues.StorageLocation,
            ["includedNamespaces"] = included.Count == 0 ? new object[] { "*" } : included.Cast<object>().ToArray(),
        };
        if (excluded.Count > 0) template["excludedNamespaces"] = excluded.Cast<object>().ToArray();
        template["defaultVolumesToFsBackup"] = volumes == BackupVolumes.FileSystem;
        template["snapshotVolumes"] = false;
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["schedule"] = schedule.Cron,
            ["useOwnerReferencesInBackup"] = false,
            ["template"] = template,
        };
    }
}
