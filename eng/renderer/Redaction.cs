using System.Text.Json.Nodes;

namespace Platform.Renderer;

/// <summary>Takes secret material out of what people read: every made-up secret value of the plan (private keys,
/// random secrets, key bytes), and the values of Kubernetes Secrets.</summary>
public sealed class Redaction
{
    private readonly IReadOnlyList<KeyValuePair<string, string>> _values;

    /// <summary>Redacts the secret values of <paramref name="plan"/>.</summary>
    public Redaction(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        // Longest first, so a value that contains another is replaced whole.
        _values = plan.SecretValues.OrderByDescending(kv => kv.Key.Length).ToList();
    }

    /// <summary>What stands in for a redacted value.</summary>
    public static string Marker(string what) => $"<redacted {what}>";

    /// <summary><paramref name="text"/> with every secret value replaced by its marker.</summary>
    public string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (value, what) in _values)
            text = text.Replace(value.TrimEnd('\n'), Marker(what), StringComparison.Ordinal);
        return text;
    }

    /// <summary>A Kubernetes object with its Secret values replaced (for kind Secret) and every secret value redacted.</summary>
    public JsonObject KubernetesObject(JsonObject source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = (JsonObject)Node(source)!;
        if (copy["kind"]?.GetValue<string>() == "Secret")
        {
            foreach (var field in new[] { "data", "stringData" })
                if (copy[field] is JsonObject values)
                    foreach (var key in values.Select(kv => kv.Key).ToList())
                        values[key] = Marker($"Secret {field}.{key}");
        }
        return copy;
    }

    /// <summary>A copy of <paramref name="node"/> with every secret value in its strings redacted.</summary>
    public JsonNode? Node(JsonNode? node) => node switch
    {
        null => null,
        JsonObject map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, Node(kv.Value)))),
        JsonArray list => new JsonArray(list.Select(Node).ToArray()),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(Text(value.GetValue<string>())),
        _ => node.DeepClone(),
    };
}
