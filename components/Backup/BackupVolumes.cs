namespace Platform.Components.Backup;

/// <summary>How Velero backs up the data in pods' volumes (<c>platform:backup.volumes</c>).</summary>
public enum BackupVolumes
{
    /// <summary>File-system backup of every pod volume by the node agent with Kopia (Velero's
    /// <c>defaultVolumesToFsBackup</c>): works with any storage, copies files while the pods run. The default.</summary>
    FileSystem,

    /// <summary>CSI snapshots with data movement to the bucket. Needs the CSI snapshot CRDs, the snapshot controller and
    /// a VolumeSnapshotClass for the storage, which this version of the platform does not deploy: a configuration
    /// error until it does.</summary>
    Snapshot,

    /// <summary>No volume data: the Kubernetes objects only (a pod volume is backed up only when its pod is annotated
    /// <c>backup.velero.io/backup-volumes</c>).</summary>
    None,
}
