using Pulumi;

namespace Platform.Components.Backup;

/// <summary>What <see cref="BackupLayer"/> installs.</summary>
public sealed record BackupLayerArgs
{
    /// <summary>Where backups go (<see cref="RookBackupBucket.Target"/> for the in-cluster store). Required.</summary>
    public required BackupTarget Target { get; init; }

    /// <summary>The S3 key of an external target, as secrets; required unless the target is in the cluster (whose key
    /// Rook writes into the cluster), refused then.</summary>
    public BackupCredentials? Credentials { get; init; }

    /// <summary>The recurring backups, at least one. Required.</summary>
    public required IReadOnlyList<BackupSchedule> Schedules { get; init; }

    /// <summary>The namespaces every backup holds; empty (the default) for all.</summary>
    public IReadOnlyList<string> IncludedNamespaces { get; init; } = [];

    /// <summary>The namespaces no backup holds. Default <see cref="BackupNamespaces.DefaultExcluded"/>.</summary>
    public IReadOnlyList<string> ExcludedNamespaces { get; init; } = BackupNamespaces.DefaultExcluded;

    /// <summary>How volume data is backed up. Default <see cref="BackupVolumes.FileSystem"/>.</summary>
    public BackupVolumes Volumes { get; init; } = BackupVolumes.FileSystem;

    /// <summary>How Velero's metrics are scraped, when the monitoring capability is on: then the chart creates a
    /// ServiceMonitor and a PodMonitor and the release waits for the Prometheus Operator's CRDs. Default null (off).</summary>
    public Observability.MetricsScraping? Metrics { get; init; }

    /// <summary>What the in-cluster bucket's claim waits for: the release holding the Ceph object store and its bucket
    /// class (<c>PlatformLayers.StorageReady</c>). Default none.</summary>
    public IReadOnlyList<Resource> StorageReady { get; init; } = [];
}
