using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Components.Tenancy;

namespace Platform.Components.Observability.LogShipping;

/// <summary>How Fluent Bit ships logs (<see cref="LogShippingLayer"/>): the disk buffer each output may fill while
/// OpenSearch is unreachable, the DaemonSet's resources, the namespaces whose container logs stay on the nodes, and
/// whether pod labels are copied into every record. The stacks give each tier its defaults
/// (<c>platform:logShipping</c> overrides any field).</summary>
public sealed partial record LogShippingOptions
{
    /// <summary>The most each of the three outputs (containers, journal, audit) keeps on a node's disk while OpenSearch
    /// does not take its records (Fluent Bit's <c>storage.total_limit_size</c>): whole mebibytes or gibibytes written
    /// <c>&lt;n&gt;M</c> or <c>&lt;n&gt;G</c>, from 64M to 500G. Beyond it Fluent Bit drops the output's oldest chunks.
    /// Default <c>2G</c>.</summary>
    public string BufferLimit { get; init; } = "2G";

    /// <summary>The CPU request of each Fluent Bit pod, a Kubernetes quantity. Default <c>50m</c>.</summary>
    public string CpuRequest { get; init; } = "50m";

    /// <summary>The memory request of each Fluent Bit pod, a Kubernetes quantity. Default <c>64Mi</c>.</summary>
    public string MemoryRequest { get; init; } = "64Mi";

    /// <summary>The memory limit of each Fluent Bit pod, at least the request and at least <c>128Mi</c> (the chunks
    /// Fluent Bit holds in memory, <see cref="FluentBitConfig.MaxChunksUp"/> of about 2 MiB, fit under it). No CPU
    /// limit: a throttled shipper only falls behind. Default <c>256Mi</c>.</summary>
    public string MemoryLimit { get; init; } = "256Mi";

    /// <summary>Namespaces whose container logs are not shipped (DNS-1123 labels), e.g. a noisy test namespace. The
    /// platform's own namespaces are always shipped. Default none.</summary>
    public IReadOnlyList<string> ExcludedNamespaces { get; init; } = [];

    /// <summary>Whether each container record carries its pod's labels (<c>kubernetes.labels</c>). Annotations are
    /// never copied: their keys are unbounded and would grow the index mapping without limit. Default true.</summary>
    public bool PodLabels { get; init; } = true;

    /// <summary><see cref="BufferLimit"/> in mebibytes; 0 when it is not a valid size.</summary>
    public long BufferLimitMebibytes => BufferPattern().Match(BufferLimit) is { Success: true } m
        ? long.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) * (m.Groups["u"].Value == "G" ? 1024 : 1)
        : 0;

    /// <summary>The problems with the options, each naming the field and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BufferLimitMebibytes is < 64 or > 500 * 1024)
            problems.Add($"bufferLimit '{BufferLimit}' is not a size of whole mebibytes or gibibytes from 64M to 500G; use e.g. \"2G\" or \"512M\".");
        if (!KubernetesQuantity.IsSizing(CpuRequest))
            problems.Add($"cpuRequest '{CpuRequest}' is not a CPU quantity; use e.g. \"50m\" or \"1\".");
        var memoryRequest = KubernetesQuantity.SizingValue(MemoryRequest);
        var memoryLimit = KubernetesQuantity.SizingValue(MemoryLimit);
        if (memoryRequest is null)
            problems.Add($"memoryRequest '{MemoryRequest}' is not a memory quantity; use e.g. \"64Mi\".");
        if (memoryLimit is null)
            problems.Add($"memoryLimit '{MemoryLimit}' is not a memory quantity; use e.g. \"256Mi\".");
        else if (memoryLimit < 128d * 1024 * 1024)
            problems.Add($"memoryLimit {MemoryLimit} is below 128Mi, which Fluent Bit's chunks in memory need; use at least \"128Mi\".");
        else if (memoryRequest is not null && memoryLimit < memoryRequest)
            problems.Add($"memoryLimit {MemoryLimit} is below memoryRequest {MemoryRequest}; the limit must be at least the request.");
        foreach (var ns in ExcludedNamespaces)
        {
            if (ns is null || !Label().IsMatch(ns))
                problems.Add($"excludeNamespaces: '{ns}' is not a namespace name (a DNS-1123 label: lowercase letters, digits and '-', at most 63 characters).");
        }
        if (ExcludedNamespaces.Distinct(StringComparer.Ordinal).Count() != ExcludedNamespaces.Count)
            problems.Add("excludeNamespaces lists a namespace twice; list each once.");
        return problems;
    }

    [GeneratedRegex("^(?<n>[1-9][0-9]{0,6})(?<u>[MG])$")]
    private static partial Regex BufferPattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex Label();
}
