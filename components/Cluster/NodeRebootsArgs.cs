using Platform.Components.Cluster.Reboots;

namespace Platform.Components.Cluster;

/// <summary>How <see cref="NodeReboots"/> reboots nodes.</summary>
public sealed record NodeRebootsArgs
{
    /// <summary>The reboot window and drain timeout. Default <see cref="NodeRebootOptions"/>' defaults (every day, the
    /// whole day, UTC, 15-minute drains).</summary>
    public NodeRebootOptions Options { get; init; } = new();

    /// <summary>How kured's metrics are scraped; null (the default) when monitoring is off: then the chart creates no
    /// ServiceMonitor.</summary>
    public Observability.MetricsScraping? Metrics { get; init; }
}
