using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Components.Tenancy;

namespace Platform.Components.Observability.Logging;

/// <summary>How the logging capability runs (<c>platform:logging</c>): OpenSearch's nodes (replicas, requests, memory
/// limit, the volume of each), how long the indices are kept, whether the data lives in persistent volumes, and OpenSearch
/// Dashboards (replicas, hostname behind the default IngressClass). The stacks apply the tier's defaults
/// (<c>LoggingTierSizing</c>); every field can be overridden.</summary>
public sealed partial record LoggingOptions
{
    /// <summary>OpenSearch nodes (each master-eligible, data and ingest, with a volume of its own): 1, or 3 to 9 (two
    /// master-eligible nodes lose their quorum with either). Required.</summary>
    public required int Replicas { get; init; }

    /// <summary>Each node's volume, whole gibibytes written <c>&lt;n&gt;Gi</c>. Required.</summary>
    public required string StorageSize { get; init; }

    /// <summary>How many days an index of <c>logs-*</c>, <c>jaeger-*</c> or <c>falco-*</c> is kept before the ISM policy
    /// deletes it, 1 to 3650. Required.</summary>
    public required int RetentionDays { get; init; }

    /// <summary>Each node's CPU request, a Kubernetes quantity (e.g. <c>1</c>). Required.</summary>
    public required string CpuRequest { get; init; }

    /// <summary>Each node's memory request, a Kubernetes quantity (e.g. <c>4Gi</c>). Required.</summary>
    public required string MemoryRequest { get; init; }

    /// <summary>Each node's memory limit, at least the request and from 1Gi to 64Gi: the JVM heap is half of it
    /// (<see cref="HeapMebibytes"/>), the rest is Lucene's page cache and direct memory. No CPU limit: throttling a
    /// node slows every query and bulk write, and the request guarantees its share. Required.</summary>
    public required string MemoryLimit { get; init; }

    /// <summary>Whether the nodes keep their data in <c>emptyDir</c> volumes instead of persistent volumes of the
    /// platform's StorageClass: every index is then lost when a pod moves or restarts. Default false: a stack without
    /// storage is refused.</summary>
    public bool Ephemeral { get; init; }

    /// <summary>OpenSearch Dashboards replicas, 1 to 5. Default 1.</summary>
    public int DashboardsReplicas { get; init; } = 1;

    /// <summary>OpenSearch Dashboards' hostname on the default IngressClass (e.g. <c>logs.example.com</c>). Default none:
    /// no Ingress (reach it with <c>kubectl port-forward</c>).</summary>
    public string? DashboardsHost { get; init; }

    /// <summary>The JVM heap of each node in mebibytes: half the memory limit (OpenSearch's guidance: at most half the
    /// memory, the rest for the file system cache), at most 31744 (31 GiB, below the compressed-pointer limit).</summary>
    public int HeapMebibytes => KubernetesQuantity.SizingValue(MemoryLimit) is { } bytes ? (int)Math.Min(31_744, bytes / 2 / (1024 * 1024)) : 0;

    /// <summary>The replicas of every index's shards: one copy on another node when there are several nodes, none on a
    /// single node (a replica shard never shares its primary's node, so it would stay unassigned and the cluster yellow).</summary>
    public int IndexReplicas => Replicas > 1 ? 1 : 0;

    /// <summary>The primary shards of every new index: one per node up to three.</summary>
    public int IndexShards => Math.Min(Replicas, 3);

    /// <summary><see cref="StorageSize"/> in gibibytes.</summary>
    public int StorageGibibytes => StorageSizePattern().Match(StorageSize) is { Success: true } m
        ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
        : 0;

    /// <summary>The problems with these options, each a sentence naming the field and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Replicas is not (1 or >= 3 and <= 9))
            problems.Add($"replicas must be 1, or 3 to 9, not {Replicas}: two master-eligible OpenSearch nodes lose their quorum when either goes.");
        if (!StorageSizePattern().IsMatch(StorageSize) || StorageGibibytes is < 1 or > 10000)
            problems.Add($"storageSize '{StorageSize}' is not a volume size in whole gibibytes from 1Gi to 10000Gi; use e.g. \"100Gi\".");
        if (RetentionDays is < 1 or > 3650)
            problems.Add($"retentionDays must be 1 to 3650, not {RetentionDays}.");
        if (!KubernetesQuantity.IsSizing(CpuRequest))
            problems.Add($"cpuRequest '{CpuRequest}' is not a CPU quantity; use e.g. \"500m\" or \"2\".");
        if (!KubernetesQuantity.IsSizing(MemoryRequest))
            problems.Add($"memoryRequest '{MemoryRequest}' is not a memory quantity; use e.g. \"4Gi\".");
        if (!KubernetesQuantity.IsSizing(MemoryLimit))
        {
            problems.Add($"memoryLimit '{MemoryLimit}' is not a memory quantity; use e.g. \"4Gi\".");
        }
        else
        {
            var limit = KubernetesQuantity.SizingValue(MemoryLimit);
            if (limit < 1024d * 1024 * 1024 || limit > 64d * 1024 * 1024 * 1024)
                problems.Add($"memoryLimit {MemoryLimit} must be from 1Gi to 64Gi (the JVM heap is half of it).");
            if (limit < KubernetesQuantity.SizingValue(MemoryRequest))
                problems.Add($"memoryLimit {MemoryLimit} is below memoryRequest {MemoryRequest}; the limit must be at least the request.");
        }
        if (DashboardsReplicas is < 1 or > 5)
            problems.Add($"dashboards.replicas must be 1 to 5, not {DashboardsReplicas}.");
        if (DashboardsHost is { } host && !Hostname().IsMatch(host))
            problems.Add($"dashboards.host '{host}' is not a DNS name (dot-separated lowercase labels with at least one dot), e.g. logs.example.com.");
        return problems;
    }

    [GeneratedRegex("^([1-9][0-9]*)Gi$")]
    private static partial Regex StorageSizePattern();

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$")]
    private static partial Regex Hostname();
}
