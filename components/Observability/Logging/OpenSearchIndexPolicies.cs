using System.Text.Json;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Observability.Logging;

/// <summary>
/// What the logging layer sets up in OpenSearch through its REST API (pure functions; <see cref="OpenSearchSetupJob"/>
/// sends them): one Index State Management policy that deletes every <c>logs-*</c>, <c>jaeger-*</c> and
/// <c>falco-*</c> index <see cref="LoggingOptions.RetentionDays"/> days after it was created, attached to each new index
/// by its <c>ism_template</c>, and composable index templates for <c>logs-*</c> and <c>falco-*</c> with the tier's
/// shards and replicas. Jaeger's indices get no template here: Jaeger creates its own (with its mappings), and an
/// overlapping template of higher priority would replace them.
/// </summary>
/// <remarks>ISM: https://docs.opensearch.org/latest/im-plugin/ism/policies/ (states, <c>min_index_age</c>,
/// <c>ism_template</c>) and .../ism/api/ (a policy is updated with <c>if_seq_no</c>/<c>if_primary_term</c>; indices
/// already managed keep the version they started with until <c>change_policy</c> moves them). Index templates:
/// https://docs.opensearch.org/latest/im-plugin/index-templates/.</remarks>
public static class OpenSearchIndexPolicies
{
    /// <summary>The ISM policy's id.</summary>
    public const string PolicyId = "platform-retention";

    /// <summary>The index patterns the retention policy manages.</summary>
    public static IReadOnlyList<string> ManagedPatterns { get; } = ["logs-*", "jaeger-*", "falco-*"];

    /// <summary>The priority of the policy's <c>ism_template</c> and of the index templates.</summary>
    public const int Priority = 100;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The ISM policy document (the body of <c>PUT _plugins/_ism/policies/platform-retention</c>): state
    /// <c>hot</c> until the index is <paramref name="retentionDays"/> days old, then <c>delete</c>.</summary>
    public static string Policy(int retentionDays)
    {
        if (retentionDays is < 1 or > 3650) throw new ArgumentOutOfRangeException(nameof(retentionDays), retentionDays, "Retention is 1 to 3650 days.");
        var policy = Map(
            ("description", $"Platform logging retention: delete logs-*, jaeger-* and falco-* indices {retentionDays} days after their creation."),
            ("default_state", "hot"),
            ("states", new object[]
            {
                Map(("name", "hot"), ("actions", Array.Empty<object>()),
                    ("transitions", new object[] { Map(("state_name", "delete"), ("conditions", Map(("min_index_age", $"{retentionDays}d")))) })),
                Map(("name", "delete"), ("actions", new object[] { Map(("delete", Map())) }), ("transitions", Array.Empty<object>())),
            }),
            ("ism_template", new object[] { Map(("index_patterns", ManagedPatterns.ToArray()), ("priority", Priority)) }));
        return JsonSerializer.Serialize(Map(("policy", policy)), Indented);
    }

    /// <summary>The index templates by name (the bodies of <c>PUT _index_template/&lt;name&gt;</c>): <c>platform-logs</c>
    /// for <c>logs-*</c> and <c>platform-falco</c> for <c>falco-*</c>, each with <paramref name="shards"/> primary shards
    /// and <paramref name="replicas"/> replicas and a <c>@timestamp</c> date field.</summary>
    public static IReadOnlyDictionary<string, string> Templates(int shards, int replicas)
    {
        if (shards < 1) throw new ArgumentOutOfRangeException(nameof(shards), shards, "An index has at least one shard.");
        if (replicas < 0) throw new ArgumentOutOfRangeException(nameof(replicas), replicas, "Replicas are not negative.");
        string Template(string pattern) => JsonSerializer.Serialize(Map(
            ("index_patterns", new[] { pattern }),
            ("priority", Priority),
            ("template", Map(
                ("settings", Map(("index", Map(("number_of_shards", shards), ("number_of_replicas", replicas))))),
                ("mappings", Map(("properties", Map(("@timestamp", Map(("type", "date"))))))))),
            ("_meta", Map(("managed-by", "platform")))), Indented);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["platform-logs"] = Template("logs-*"),
            ["platform-falco"] = Template("falco-*"),
        };
    }
}
