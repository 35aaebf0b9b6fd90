using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Components.Observability.Monitoring;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:monitoring</c> over the tier's defaults (<see cref="MonitoringTierSizing"/>); unknown
/// fields are errors.</summary>
internal static class MonitoringOptionsParser
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    private static readonly Dictionary<string, AlertReceiverKind> Kinds = new(StringComparer.Ordinal)
    {
        ["email"] = AlertReceiverKind.Email, ["slack"] = AlertReceiverKind.Slack, ["teams"] = AlertReceiverKind.Teams,
        ["pagerduty"] = AlertReceiverKind.PagerDuty, ["watchdog"] = AlertReceiverKind.Watchdog,
    };

    private sealed record SizingJson(
        [property: JsonPropertyName("replicas")] int? Replicas,
        [property: JsonPropertyName("retention")] string? Retention,
        [property: JsonPropertyName("storageSize")] string? StorageSize,
        [property: JsonPropertyName("cpuRequest")] string? CpuRequest,
        [property: JsonPropertyName("memoryRequest")] string? MemoryRequest,
        [property: JsonPropertyName("memoryLimit")] string? MemoryLimit);

    private sealed record ReceiverJson(
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("type")] string? Type,
        [property: JsonPropertyName("to")] string? To,
        [property: JsonPropertyName("from")] string? From,
        [property: JsonPropertyName("smarthost")] string? Smarthost,
        [property: JsonPropertyName("username")] string? Username,
        [property: JsonPropertyName("channel")] string? Channel,
        [property: JsonPropertyName("severities")] string[]? Severities);

    private sealed record AlertmanagerJson(
        [property: JsonPropertyName("replicas")] int? Replicas,
        [property: JsonPropertyName("retention")] string? Retention,
        [property: JsonPropertyName("storageSize")] string? StorageSize,
        [property: JsonPropertyName("cpuRequest")] string? CpuRequest,
        [property: JsonPropertyName("memoryRequest")] string? MemoryRequest,
        [property: JsonPropertyName("memoryLimit")] string? MemoryLimit,
        [property: JsonPropertyName("receivers")] ReceiverJson[]? Receivers);

    private sealed record GrafanaJson([property: JsonPropertyName("host")] string? Host);

    private sealed record MonitoringJson(
        [property: JsonPropertyName("ephemeral")] bool? Ephemeral,
        [property: JsonPropertyName("prometheus")] SizingJson? Prometheus,
        [property: JsonPropertyName("alertmanager")] AlertmanagerJson? Alertmanager,
        [property: JsonPropertyName("grafana")] GrafanaJson? Grafana);

    /// <summary>The monitoring options for <paramref name="tier"/>: its defaults when the key is unset, null when the
    /// value is wrong (see the problems) or the tier is unknown.</summary>
    public static MonitoringOptions? Read(IPlatformConfigSource source, PlatformTier? tier, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Monitoring;
        var text = source.Get(key.Name)?.Trim();
        MonitoringJson? json = null;
        if (!string.IsNullOrEmpty(text))
        {
            try
            {
                json = JsonSerializer.Deserialize<MonitoringJson>(text, Strict) ?? throw new JsonException("The value is null.");
            }
            catch (JsonException e)
            {
                var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? key.Name : key.Name + e.Path.TrimStart('$');
                problems.Add(where, $"{e.Message.Split(" Path:")[0]} Use e.g. `{key.Example}`.");
                return null;
            }
        }
        if (tier is not { } t) return null;

        var before = problems.Count;
        var receivers = new List<AlertReceiver>();
        var list = json?.Alertmanager?.Receivers ?? [];
        for (var i = 0; i < list.Length; i++)
        {
            var r = list[i];
            var path = $"{key.Name}.alertmanager.receivers[{i}]";
            if (r is null)
            {
                problems.Add(path, "is null. Give an object with name and type, e.g. {\"name\": \"ops-mail\", \"type\": \"email\", ...}.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(r.Name))
                problems.Add($"{path}.name", "is missing. Give every receiver a name (a DNS-1123 label, its key in platform:monitoringSecrets).");
            if (r.Type is null || !Kinds.TryGetValue(r.Type, out var kind))
            {
                problems.Add($"{path}.type", $"'{r.Type}' is not a receiver type. Use one of {string.Join(", ", Kinds.Keys)}.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(r.Name)) continue;
            receivers.Add(new AlertReceiver
            {
                Name = r.Name, Kind = kind, To = r.To, From = r.From, Smarthost = r.Smarthost, Username = r.Username,
                Channel = r.Channel, Severities = r.Severities,
            });
        }
        var prometheus = Sizing(MonitoringTierSizing.Prometheus(t), json?.Prometheus);
        var am = json?.Alertmanager;
        var alertmanager = Sizing(MonitoringTierSizing.Alertmanager(t),
            am is null ? null : new SizingJson(am.Replicas, am.Retention, am.StorageSize, am.CpuRequest, am.MemoryRequest, am.MemoryLimit));
        var options = new MonitoringOptions
        {
            Prometheus = prometheus,
            Alertmanager = alertmanager,
            Ephemeral = json?.Ephemeral ?? false,
            Receivers = receivers,
            GrafanaHost = json?.Grafana?.Host,
        };
        foreach (var problem in options.Validate())
            problems.Add(key.Name, problem);
        return problems.Count == before ? options : null;
    }

    private static ComponentSizing Sizing(ComponentSizing defaults, SizingJson? json) => json is null ? defaults : defaults with
    {
        Replicas = json.Replicas ?? defaults.Replicas,
        Retention = json.Retention ?? defaults.Retention,
        StorageSize = json.StorageSize ?? defaults.StorageSize,
        CpuRequest = json.CpuRequest ?? defaults.CpuRequest,
        MemoryRequest = json.MemoryRequest ?? defaults.MemoryRequest,
        MemoryLimit = json.MemoryLimit ?? defaults.MemoryLimit,
    };
}
