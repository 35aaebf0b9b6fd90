using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Components.Observability.Logging;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:logging</c> over the tier's defaults (<see cref="LoggingTierSizing"/>); unknown fields are
/// errors.</summary>
internal static class LoggingOptionsParser
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    private sealed record DashboardsJson(
        [property: JsonPropertyName("host")] string? Host,
        [property: JsonPropertyName("replicas")] int? Replicas);

    private sealed record LoggingJson(
        [property: JsonPropertyName("replicas")] int? Replicas,
        [property: JsonPropertyName("storageSize")] string? StorageSize,
        [property: JsonPropertyName("retentionDays")] int? RetentionDays,
        [property: JsonPropertyName("cpuRequest")] string? CpuRequest,
        [property: JsonPropertyName("memoryRequest")] string? MemoryRequest,
        [property: JsonPropertyName("memoryLimit")] string? MemoryLimit,
        [property: JsonPropertyName("ephemeral")] bool? Ephemeral,
        [property: JsonPropertyName("dashboards")] DashboardsJson? Dashboards);

    /// <summary>The logging options for <paramref name="tier"/>: its defaults when the key is unset, null when the value
    /// is wrong (see the problems) or the tier is unknown.</summary>
    public static LoggingOptions? Read(IPlatformConfigSource source, PlatformTier? tier, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Logging;
        var text = source.Get(key.Name)?.Trim();
        LoggingJson? json = null;
        if (!string.IsNullOrEmpty(text))
        {
            try
            {
                json = JsonSerializer.Deserialize<LoggingJson>(text, Strict) ?? throw new JsonException("The value is null.");
            }
            catch (JsonException e)
            {
                var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? key.Name : key.Name + e.Path.TrimStart('$');
                problems.Add(where, $"{e.Message.Split(" Path:")[0]} Use e.g. `{key.Example}`.");
                return null;
            }
        }
        if (tier is not { } t) return null;

        var defaults = LoggingTierSizing.For(t);
        var options = json is null ? defaults : defaults with
        {
            Replicas = json.Replicas ?? defaults.Replicas,
            StorageSize = json.StorageSize ?? defaults.StorageSize,
            RetentionDays = json.RetentionDays ?? defaults.RetentionDays,
            CpuRequest = json.CpuRequest ?? defaults.CpuRequest,
            MemoryRequest = json.MemoryRequest ?? defaults.MemoryRequest,
            MemoryLimit = json.MemoryLimit ?? defaults.MemoryLimit,
            Ephemeral = json.Ephemeral ?? defaults.Ephemeral,
            DashboardsReplicas = json.Dashboards?.Replicas ?? defaults.DashboardsReplicas,
            DashboardsHost = json.Dashboards?.Host ?? defaults.DashboardsHost,
        };
        var before = problems.Count;
        foreach (var problem in options.Validate())
            problems.Add(key.Name, problem);
        return problems.Count == before ? options : null;
    }
}
