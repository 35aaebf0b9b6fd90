using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Components.Security.Audits;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:securityAudits</c> over the tier's Falco sizing; unknown fields are errors, and so are an
/// exception without a reason, without a namespace and an image, or for a rule Falco does not load, and an unknown
/// priority.</summary>
internal static class SecurityAuditsOptionsParser
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    private sealed record ExceptionJson(
        [property: JsonPropertyName("rule")] string? Rule,
        [property: JsonPropertyName("namespace")] string? Namespace,
        [property: JsonPropertyName("image")] string? Image,
        [property: JsonPropertyName("reason")] string? Reason);

    private sealed record OutputJson([property: JsonPropertyName("minimumPriority")] string? MinimumPriority);

    private sealed record OutputsJson(
        [property: JsonPropertyName("alertmanager")] OutputJson? Alertmanager,
        [property: JsonPropertyName("opensearch")] OutputJson? OpenSearch);

    private sealed record SecurityAuditsJson(
        [property: JsonPropertyName("minimumPriority")] string? MinimumPriority,
        [property: JsonPropertyName("outputs")] OutputsJson? Outputs,
        [property: JsonPropertyName("exceptions")] ExceptionJson?[]? Exceptions,
        [property: JsonPropertyName("cpuRequest")] string? CpuRequest,
        [property: JsonPropertyName("memoryRequest")] string? MemoryRequest,
        [property: JsonPropertyName("memoryLimit")] string? MemoryLimit);

    /// <summary>The options for <paramref name="tier"/>: its defaults when the key is unset, null when the value is wrong
    /// (see the problems).</summary>
    public static SecurityAuditsOptions? Read(IPlatformConfigSource source, PlatformTier? tier, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.SecurityAudits;
        var defaults = TierDefaults(tier);
        var text = source.Get(key.Name)?.Trim();
        if (string.IsNullOrEmpty(text))
            return defaults;
        SecurityAuditsJson json;
        try
        {
            json = JsonSerializer.Deserialize<SecurityAuditsJson>(text, Strict) ?? throw new JsonException("the value is null");
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? key.Name : key.Name + e.Path.TrimStart('$');
            problems.Add(where, $"{e.Message.Split(" Path:")[0]} Use e.g. `{key.Example}`.");
            return null;
        }

        var before = problems.Count;
        var minimum = Priority(json.MinimumPriority, $"{key.Name}.minimumPriority", defaults.MinimumPriority, problems);
        var alertmanager = Priority(json.Outputs?.Alertmanager?.MinimumPriority, $"{key.Name}.outputs.alertmanager.minimumPriority", defaults.AlertmanagerMinimumPriority, problems);
        var opensearch = Priority(json.Outputs?.OpenSearch?.MinimumPriority, $"{key.Name}.outputs.opensearch.minimumPriority", defaults.OpenSearchMinimumPriority, problems);
        var exceptions = new List<AuditException>();
        for (var i = 0; i < (json.Exceptions?.Length ?? 0); i++)
        {
            if (json.Exceptions![i] is not { } e)
            {
                problems.Add($"{key.Name}.exceptions[{i}]", "is null. Give {\"rule\": ..., \"namespace\" and/or \"image\": ..., \"reason\": ...}.");
                continue;
            }
            exceptions.Add(new AuditException
            {
                Rule = e.Rule ?? "",
                Namespace = string.IsNullOrWhiteSpace(e.Namespace) ? null : e.Namespace,
                Image = string.IsNullOrWhiteSpace(e.Image) ? null : e.Image,
                Reason = e.Reason ?? "",
            });
        }
        if (problems.Count > before)
            return null;
        var options = defaults with
        {
            MinimumPriority = minimum,
            AlertmanagerMinimumPriority = alertmanager,
            OpenSearchMinimumPriority = opensearch,
            Exceptions = exceptions,
            CpuRequest = json.CpuRequest ?? defaults.CpuRequest,
            MemoryRequest = json.MemoryRequest ?? defaults.MemoryRequest,
            MemoryLimit = json.MemoryLimit ?? defaults.MemoryLimit,
        };
        var found = options.Validate();
        foreach (var problem in found)
        {
            // Each problem starts with the field it is about ("exceptions[0].reason ...", "cpuRequest ...").
            var field = problem.Split(' ')[0];
            problems.Add($"{key.Name}.{field}", problem[(field.Length + 1)..]);
        }
        return found.Count == 0 ? options : null;
    }

    /// <summary>Falco's sizing per tier: every node runs one, so the small tier asks for less memory; the enterprise
    /// tier's busier nodes get more headroom.</summary>
    private static SecurityAuditsOptions TierDefaults(PlatformTier? tier) => tier switch
    {
        PlatformTier.Small => new SecurityAuditsOptions { CpuRequest = "50m", MemoryRequest = "256Mi", MemoryLimit = "512Mi" },
        PlatformTier.Enterprise => new SecurityAuditsOptions { CpuRequest = "200m", MemoryRequest = "512Mi", MemoryLimit = "1536Mi" },
        _ => new SecurityAuditsOptions(),
    };

    private static FalcoPriority Priority(string? text, string where, FalcoPriority fallback, ProblemCollector problems)
    {
        if (text is null) return fallback;
        if (FalcoPriorityNames.Parse(text) is { } priority) return priority;
        problems.Add(where, $"'{text}' is not a Falco priority. Use one of {string.Join(", ", FalcoPriorityNames.All)}.");
        return fallback;
    }
}
