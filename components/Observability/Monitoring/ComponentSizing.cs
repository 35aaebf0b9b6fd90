using System.Text.RegularExpressions;
using Platform.Components.Tenancy;

namespace Platform.Components.Observability.Monitoring;

/// <summary>How large one stateful part of the monitoring stack runs (Prometheus or Alertmanager): replicas, the size of
/// each replica's volume, its requests and memory limit, and for Prometheus how long it keeps data. The stacks give
/// each tier its defaults; <c>platform:monitoring</c> overrides any field.</summary>
public sealed partial record ComponentSizing
{
    /// <summary>Replicas (each with a volume of its own). Required.</summary>
    public required int Replicas { get; init; }

    /// <summary>Each replica's volume, whole gibibytes written <c>&lt;n&gt;Gi</c>. Required.</summary>
    public required string StorageSize { get; init; }

    /// <summary>The CPU request, a Kubernetes quantity (e.g. <c>500m</c>). Required.</summary>
    public required string CpuRequest { get; init; }

    /// <summary>The memory request, a Kubernetes quantity (e.g. <c>2Gi</c>). Required.</summary>
    public required string MemoryRequest { get; init; }

    /// <summary>The memory limit, a Kubernetes quantity, at least the request. No CPU limit: throttling a scraper or a
    /// notifier delays alerts, and the CPU request already guarantees its share. Required.</summary>
    public required string MemoryLimit { get; init; }

    /// <summary>How long data is kept, a Prometheus duration of one unit (<c>15d</c>, <c>72h</c>, <c>2w</c>). Required.
    /// Prometheus also stops at <see cref="RetentionSize"/>, so a full volume never stops it.</summary>
    public required string Retention { get; init; }

    /// <summary><see cref="StorageSize"/> in gibibytes.</summary>
    public int StorageGibibytes => StorageSizePattern().Match(StorageSize) is { Success: true } m
        ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
        : 0;

    /// <summary><see cref="Retention"/> in hours (e.g. <c>120h</c> for <c>5d</c>): Alertmanager's CRD takes hours,
    /// minutes and seconds only, Prometheus' days and weeks too.</summary>
    public string RetentionInHours => RetentionPattern().IsMatch(Retention) ? $"{RetentionHours(Retention)}h" : Retention;

    /// <summary>The size Prometheus keeps its TSDB under (<c>retentionSize</c>): 85% of the volume, leaving room for the
    /// write-ahead log and compaction, which need space beyond the blocks retention counts.</summary>
    public string RetentionSize => $"{Math.Max(1, StorageGibibytes * 85 / 100)}GiB";

    /// <summary>The problems with the sizing of <paramref name="part"/> (e.g. <c>prometheus</c>), each naming the field
    /// and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate(string part)
    {
        var problems = new List<string>();
        if (Replicas is < 1 or > 5)
            problems.Add($"{part}.replicas must be 1 to 5, not {Replicas}.");
        if (!StorageSizePattern().IsMatch(StorageSize) || StorageGibibytes is < 1 or > 10000)
            problems.Add($"{part}.storageSize '{StorageSize}' is not a volume size in whole gibibytes from 1Gi to 10000Gi; use e.g. \"50Gi\".");
        if (!KubernetesQuantity.IsSizing(CpuRequest))
            problems.Add($"{part}.cpuRequest '{CpuRequest}' is not a CPU quantity; use e.g. \"500m\" or \"2\".");
        if (!KubernetesQuantity.IsSizing(MemoryRequest))
            problems.Add($"{part}.memoryRequest '{MemoryRequest}' is not a memory quantity; use e.g. \"2Gi\".");
        if (!KubernetesQuantity.IsSizing(MemoryLimit))
            problems.Add($"{part}.memoryLimit '{MemoryLimit}' is not a memory quantity; use e.g. \"4Gi\".");
        else if (KubernetesQuantity.SizingValue(MemoryLimit) < KubernetesQuantity.SizingValue(MemoryRequest))
            problems.Add($"{part}.memoryLimit {MemoryLimit} is below memoryRequest {MemoryRequest}; the limit must be at least the request.");
        if (!RetentionPattern().IsMatch(Retention))
            problems.Add($"{part}.retention '{Retention}' is not a duration of whole hours, days or weeks; use e.g. \"15d\", \"72h\" or \"2w\".");
        else if (RetentionHours(Retention) is < 2 or > 24 * 366 * 2)
            problems.Add($"{part}.retention {Retention} must be from 2h to two years (104w).");
        return problems;
    }

    private static long RetentionHours(string retention)
    {
        var n = long.Parse(retention[..^1], System.Globalization.CultureInfo.InvariantCulture);
        return retention[^1] switch { 'h' => n, 'd' => n * 24, _ => n * 24 * 7 };
    }

    [GeneratedRegex("^([1-9][0-9]*)Gi$")]
    private static partial Regex StorageSizePattern();

    [GeneratedRegex("^[1-9][0-9]*[hdw]$")]
    private static partial Regex RetentionPattern();
}
