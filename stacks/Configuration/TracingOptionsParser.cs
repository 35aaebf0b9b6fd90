using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Components.Observability.Tracing;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:tracing</c> over the tier's defaults (<see cref="TracingTierSizing"/>); unknown fields are
/// errors.</summary>
internal static class TracingOptionsParser
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    private sealed record TracingJson(
        [property: JsonPropertyName("samplingRate")] double? SamplingRate,
        [property: JsonPropertyName("replicas")] int? Replicas,
        [property: JsonPropertyName("cpuRequest")] string? CpuRequest,
        [property: JsonPropertyName("memoryRequest")] string? MemoryRequest,
        [property: JsonPropertyName("memoryLimit")] string? MemoryLimit,
        [property: JsonPropertyName("retentionDays")] int? RetentionDays,
        [property: JsonPropertyName("maxTraces")] int? MaxTraces,
        [property: JsonPropertyName("host")] string? Host);

    /// <summary>The tracing options for <paramref name="tier"/>: its defaults when the key is unset, null when the value
    /// is wrong (see the problems) or the tier is unknown.</summary>
    public static TracingOptions? Read(IPlatformConfigSource source, PlatformTier? tier, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Tracing;
        var text = source.Get(key.Name)?.Trim();
        TracingJson? json = null;
        if (!string.IsNullOrEmpty(text))
        {
            try
            {
                json = JsonSerializer.Deserialize<TracingJson>(text, Strict) ?? throw new JsonException("The value is null.");
            }
            catch (JsonException e)
            {
                var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? key.Name : key.Name + e.Path.TrimStart('$');
                problems.Add(where, $"{e.Message.Split(" Path:")[0]} Use e.g. `{key.Example}`.");
                return null;
            }
        }
        if (tier is not { } t) return null;

        var defaults = TracingTierSizing.Defaults(t);
        var options = json is null ? defaults : defaults with
        {
            SamplingRate = json.SamplingRate ?? defaults.SamplingRate,
            Replicas = json.Replicas,
            CpuRequest = json.CpuRequest ?? defaults.CpuRequest,
            MemoryRequest = json.MemoryRequest ?? defaults.MemoryRequest,
            MemoryLimit = json.MemoryLimit ?? defaults.MemoryLimit,
            RetentionDays = json.RetentionDays ?? defaults.RetentionDays,
            MaxTraces = json.MaxTraces ?? defaults.MaxTraces,
            Host = json.Host,
        };
        var problemsFound = options.Validate();
        foreach (var problem in problemsFound)
            problems.Add(key.Name, problem);
        return problemsFound.Count == 0 ? options : null;
    }
}
