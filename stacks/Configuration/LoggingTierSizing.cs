using Platform.Components.Observability.Logging;

namespace Platform.Stacks.Configuration;

/// <summary>The logging layer each tier starts from (<c>platform:logging</c> overrides any field). Small: one OpenSearch
/// node (2Gi, a 1 GiB heap), 30Gi, a week of indices, one Dashboards. Medium: three nodes (4Gi each), 100Gi each, two
/// weeks, two Dashboards. Enterprise: three larger nodes (8Gi), 300Gi each, 30 days, two Dashboards. The volumes hold the
/// retention of roughly 2, 5 and 8 GiB of logs, traces and audit events a day with one replica of every shard (medium and
/// enterprise), leaving the room OpenSearch's disk watermarks keep free (85% of a volume).</summary>
public static class LoggingTierSizing
{
    /// <summary>The logging options for <paramref name="tier"/>.</summary>
    public static LoggingOptions For(PlatformTier tier) => tier switch
    {
        PlatformTier.Small => new()
        {
            Replicas = 1, StorageSize = "30Gi", RetentionDays = 7, CpuRequest = "500m", MemoryRequest = "2Gi", MemoryLimit = "2Gi",
            DashboardsReplicas = 1,
        },
        PlatformTier.Medium => new()
        {
            Replicas = 3, StorageSize = "100Gi", RetentionDays = 14, CpuRequest = "1", MemoryRequest = "4Gi", MemoryLimit = "4Gi",
            DashboardsReplicas = 2,
        },
        _ => new()
        {
            Replicas = 3, StorageSize = "300Gi", RetentionDays = 30, CpuRequest = "2", MemoryRequest = "8Gi", MemoryLimit = "8Gi",
            DashboardsReplicas = 2,
        },
    };
}
