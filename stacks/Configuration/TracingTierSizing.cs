using Platform.Components.Observability.Tracing;

namespace Platform.Stacks.Configuration;

/// <summary>The tracing defaults of each tier (<c>platform:tracing</c> overrides any field). The sampling rate falls as
/// the organisation grows (small 10%, medium 5%, enterprise 1%): the span volume grows with the number of services
/// and requests, and a few percent of a busy system's traces still show every slow path. Retention in OpenSearch: 3, 7
/// and 14 days. Resources: one collector handles a few thousand spans per second per CPU.</summary>
public static class TracingTierSizing
{
    /// <summary>The options of <paramref name="tier"/> (replicas unset: one, or <see cref="Replicas"/> with OpenSearch).</summary>
    public static TracingOptions Defaults(PlatformTier tier) => tier switch
    {
        PlatformTier.Small => new() { SamplingRate = 0.1, CpuRequest = "100m", MemoryRequest = "256Mi", MemoryLimit = "512Mi", RetentionDays = 3, MaxTraces = 20_000 },
        PlatformTier.Medium => new() { SamplingRate = 0.05, CpuRequest = "200m", MemoryRequest = "512Mi", MemoryLimit = "1Gi", RetentionDays = 7, MaxTraces = 50_000 },
        _ => new() { SamplingRate = 0.01, CpuRequest = "500m", MemoryRequest = "1Gi", MemoryLimit = "2Gi", RetentionDays = 14, MaxTraces = 100_000 },
    };

    /// <summary>Jaeger replicas of <paramref name="tier"/> when traces are in OpenSearch: one for small, two (high
    /// availability through node drains) from medium up.</summary>
    public static int Replicas(PlatformTier tier) => tier == PlatformTier.Small ? 1 : 2;
}
