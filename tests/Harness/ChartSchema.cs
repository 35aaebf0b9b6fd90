using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Platform.Components.Catalog;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Platform.Tests.Harness;

/// <summary>A pinned chart's values.schema.json (shared/charts/&lt;chart&gt;/&lt;version&gt;), evaluated against the values
/// as Helm coalesces them with the chart's values.yaml (maps merge, anything else replaces).</summary>
internal static class ChartSchema
{
    private static string Data(HelmChart chart, string file) => Path.Combine(RepoRoot.Path, "..", "shared", "charts", chart.Name, chart.Version, file);

    /// <summary>Every error of the coalesced values against the chart's schema, as "location: message"; none when they
    /// are valid.</summary>
    public static IReadOnlyList<string> Errors(HelmChart chart, IReadOnlyDictionary<string, object> values)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Data(chart, "values.yaml"))));
        var coalesced = Merge(Yaml(stream.Documents.Single().RootNode)!.AsObject(), Json(values)!.AsObject());
        // Vault spells draft-07 https://json-schema.org/draft-07/schema#, OpenBao names http://json-schema.org/schema#;
        // JsonSchema.Net knows neither: evaluated as draft-07, as chart-check does.
        var text = File.ReadAllText(Data(chart, "values.schema.json"))
            .Replace("\"https://json-schema.org/draft-07/schema#\"", "\"http://json-schema.org/draft-07/schema#\"", StringComparison.Ordinal)
            .Replace("\"http://json-schema.org/schema#\"", "\"http://json-schema.org/draft-07/schema#\"", StringComparison.Ordinal);
        var schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(coalesced.ToJsonString());
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        // A oneOf's failed branches are listed even when another branch holds: only an invalid result has errors.
        if (result.IsValid) return [];
        return [.. (result.Details ?? []).Append(result).Where(d => !d.IsValid && d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }

    private static JsonObject Merge(JsonObject values, JsonObject overlay)
    {
        foreach (var (key, value) in overlay)
        {
            if (values[key] is JsonObject baseMap && value is JsonObject overlayMap)
                values[key] = Merge(baseMap, (JsonObject)overlayMap.DeepClone());
            else
                values[key] = value?.DeepClone();
        }
        return values;
    }

    // YAML's core schema, as Helm reads values.yaml.
    private static JsonNode? Yaml(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Yaml(kv.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(Yaml)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var text } => text switch
        {
            null or "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        },
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => throw new InvalidDataException($"unexpected YAML node {node.NodeType}"),
    };

    private static JsonNode? Json(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        IReadOnlyDictionary<string, object> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, Json(kv.Value)))),
        IDictionary map => new JsonObject(map.Keys.Cast<object>().Select(k => KeyValuePair.Create(Convert.ToString(k, CultureInfo.InvariantCulture)!, Json(map[k])))),
        IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(Json)]),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
