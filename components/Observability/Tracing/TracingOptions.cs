using System.Text.RegularExpressions;

namespace Platform.Components.Observability.Tracing;

/// <summary>How the tracing capability runs (<c>platform:tracing</c>): the sampling rate Jaeger serves to applications,
/// replicas and resources, how long traces stay in OpenSearch, how many the memory storage keeps, and the query UI's
/// hostname. The stacks fill every field from the tier's defaults (<c>TracingTierSizing</c>) where the configuration
/// leaves it out.</summary>
public sealed partial record TracingOptions
{
    /// <summary>The share of traces applications record, 0 (exclusive) to 1: the default strategy of Jaeger's remote
    /// sampling endpoint (<see cref="JaegerConfiguration.SamplingHttpPort"/>), which SDKs configured with the
    /// <c>jaeger_remote</c> sampler poll. Required.</summary>
    public required double SamplingRate { get; init; }

    /// <summary>Jaeger replicas; null: one. More than one needs the OpenSearch storage (each replica's memory storage
    /// would hold other traces). Default null.</summary>
    public int? Replicas { get; init; }

    /// <summary>The CPU request, a Kubernetes quantity (e.g. <c>200m</c>). Required.</summary>
    public required string CpuRequest { get; init; }

    /// <summary>The memory request, a Kubernetes quantity (e.g. <c>512Mi</c>). Required.</summary>
    public required string MemoryRequest { get; init; }

    /// <summary>The memory limit, a Kubernetes quantity at least the request; the collector's memory limiter refuses
    /// spans (applications retry) at 80% of it. No CPU limit. Required.</summary>
    public required string MemoryLimit { get; init; }

    /// <summary>Days of traces kept in OpenSearch: the index cleaner deletes the daily <c>jaeger-*</c> indices that are
    /// older, every night. 1 to 90. Required.</summary>
    public required int RetentionDays { get; init; }

    /// <summary>Traces the memory storage keeps (the oldest go first); used without OpenSearch. 1000 to 1000000.
    /// Required.</summary>
    public required int MaxTraces { get; init; }

    /// <summary>The Jaeger UI's hostname on the default IngressClass (e.g. <c>jaeger.example.com</c>). Default none: no
    /// Ingress (reach it with <c>kubectl port-forward</c> or through Grafana's Jaeger data source).</summary>
    public string? Host { get; init; }

    /// <summary>The problems with these options, each a sentence naming the field and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (double.IsNaN(SamplingRate) || SamplingRate is <= 0 or > 1)
            problems.Add($"samplingRate {SamplingRate.ToString(System.Globalization.CultureInfo.InvariantCulture)} must be above 0 and at most 1 (a share: 0.05 records one trace in twenty).");
        if (Replicas is < 1 or > 10)
            problems.Add($"replicas must be 1 to 10, not {Replicas}.");
        if (!Quantity().IsMatch(CpuRequest))
            problems.Add($"cpuRequest '{CpuRequest}' is not a CPU quantity; use e.g. \"200m\" or \"1\".");
        if (!MemoryQuantity().IsMatch(MemoryRequest))
            problems.Add($"memoryRequest '{MemoryRequest}' is not a memory quantity in Mi or Gi; use e.g. \"512Mi\".");
        if (!MemoryQuantity().IsMatch(MemoryLimit))
            problems.Add($"memoryLimit '{MemoryLimit}' is not a memory quantity in Mi or Gi; use e.g. \"1Gi\".");
        else if (MemoryQuantity().IsMatch(MemoryRequest) && Mebibytes(MemoryLimit) < Mebibytes(MemoryRequest))
            problems.Add($"memoryLimit {MemoryLimit} is below memoryRequest {MemoryRequest}; the limit must be at least the request.");
        if (RetentionDays is < 1 or > 90)
            problems.Add($"retentionDays must be 1 to 90, not {RetentionDays}.");
        if (MaxTraces is < 1000 or > 1_000_000)
            problems.Add($"maxTraces must be 1000 to 1000000, not {MaxTraces}.");
        if (Host is { } host && !Hostname().IsMatch(host))
            problems.Add($"host '{host}' is not a DNS name (dot-separated lowercase labels with at least one dot), e.g. jaeger.example.com.");
        return problems;
    }

    /// <summary><paramref name="quantity"/> (e.g. <c>512Mi</c>, <c>2Gi</c>) in mebibytes.</summary>
    internal static long Mebibytes(string quantity)
    {
        var m = MemoryQuantity().Match(quantity);
        var n = long.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return m.Groups["s"].Value == "Gi" ? n * 1024 : n;
    }

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?m?$")]
    private static partial Regex Quantity();

    [GeneratedRegex("^(?<n>[1-9][0-9]*)(?<s>Mi|Gi)$")]
    private static partial Regex MemoryQuantity();

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$")]
    private static partial Regex Hostname();
}
