using Platform.Components.Observability.LogShipping;

namespace Platform.Stacks.Configuration;

/// <summary>The log shipping options each tier starts from (<c>platform:logShipping</c> overrides any field): the disk
/// buffer of each Fluent Bit output on every node, and each Fluent Bit pod's requests and memory limit. Small: 1G per
/// output, 50m and 64Mi, limit 256Mi. Medium: 2G, 100m and 128Mi, limit 512Mi. Enterprise: 5G, 200m and 256Mi, limit
/// 1Gi (busier nodes, and a longer outage survived).</summary>
public static class LogShippingTierSizing
{
    /// <summary>The defaults for <paramref name="tier"/>.</summary>
    public static LogShippingOptions For(PlatformTier tier) => tier switch
    {
        PlatformTier.Small => new() { BufferLimit = "1G", CpuRequest = "50m", MemoryRequest = "64Mi", MemoryLimit = "256Mi" },
        PlatformTier.Medium => new() { BufferLimit = "2G", CpuRequest = "100m", MemoryRequest = "128Mi", MemoryLimit = "512Mi" },
        _ => new() { BufferLimit = "5G", CpuRequest = "200m", MemoryRequest = "256Mi", MemoryLimit = "1Gi" },
    };
}
