using Platform.Components.Observability.Monitoring;

namespace Platform.Stacks.Configuration;

/// <summary>The sizing of Prometheus and Alertmanager each tier starts from (<c>platform:monitoring</c> overrides any
/// field). Small: one replica of each, a week of metrics. Medium: a Prometheus pair and two Alertmanagers (high
/// availability through node drains), two weeks. Enterprise: a larger pair, 30 days, and three Alertmanagers. The
/// volumes hold the retention of a cluster of about 20, 100 and 300 nodes at kube-prometheus-stack's default scrape
/// interval (30s); <c>retentionSize</c> (85% of the volume) stops a larger cluster before the volume fills.</summary>
public static class MonitoringTierSizing
{
    /// <summary>Prometheus's sizing for <paramref name="tier"/>.</summary>
    public static ComponentSizing Prometheus(PlatformTier tier) => tier switch
    {
        PlatformTier.Small => new() { Replicas = 1, Retention = "7d", StorageSize = "20Gi", CpuRequest = "200m", MemoryRequest = "1Gi", MemoryLimit = "2Gi" },
        PlatformTier.Medium => new() { Replicas = 2, Retention = "15d", StorageSize = "50Gi", CpuRequest = "500m", MemoryRequest = "2Gi", MemoryLimit = "4Gi" },
        _ => new() { Replicas = 2, Retention = "30d", StorageSize = "150Gi", CpuRequest = "1", MemoryRequest = "4Gi", MemoryLimit = "8Gi" },
    };

    /// <summary>Alertmanager's sizing for <paramref name="tier"/> (its retention is how long silences and the
    /// notification log are kept: Alertmanager's own default, 120h).</summary>
    public static ComponentSizing Alertmanager(PlatformTier tier) => tier switch
    {
        PlatformTier.Small => new() { Replicas = 1, Retention = "120h", StorageSize = "2Gi", CpuRequest = "20m", MemoryRequest = "64Mi", MemoryLimit = "256Mi" },
        PlatformTier.Medium => new() { Replicas = 2, Retention = "120h", StorageSize = "2Gi", CpuRequest = "50m", MemoryRequest = "128Mi", MemoryLimit = "256Mi" },
        _ => new() { Replicas = 3, Retention = "120h", StorageSize = "5Gi", CpuRequest = "100m", MemoryRequest = "128Mi", MemoryLimit = "512Mi" },
    };
}
