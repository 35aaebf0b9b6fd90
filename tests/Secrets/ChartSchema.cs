using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Platform.Components.Catalog;
using Platform.Tests.Harness;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Platform.Tests.Secrets;

/// <summary>A pinned chart's values.schema.json (shared/charts/&lt;chart&gt;/&lt;version&gt;) against the platform's
/// values coalesced over the chart's values.yaml the way Helm does (maps merge, anything else replaces), as chart-check
/// does.</summary>
internal static class ChartSchema
{
    /// <summary>Every error, as "location: message"; empty when the values are valid.</summary>
    public static IReadOnlyList<string> Errors(HelmChart chart, IReadOnlyDictionary<string, object> values)
    {
        var folder = Path.Combine(RepoRoot.Path, "..", "shared", "charts", chart.Name, chart.Version);
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(folder, "values.yaml"))));
        var coalesced = Merge(Yaml(stream.Documents.Single().RootNode)!.AsObject(), Json(values)!.AsObject());
        // vault spells draft-07 https://json-schema.org/draft-07/schema#, openbao names http://json-schema.org/schema#;
        // JsonSchema.Net knows neither: evaluated as draft-07, as chart-check does.
        var text = File.ReadAllText(Path.Combine(folder, "values.schema.json"))
            .Replace("\"https://json-schema.org/draft-07/schema#\"", "\"http://json-schema.org/draft-07/schema#\"", StringComparison.Ordinal)
            .Replace("\"http://json-schema.org/schema#\"", "\"http://json-schema.org/draft-07/schema#\"", StringComparison.Ordinal);
        var schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(coalesced.ToJsonString());
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return [.. (result.Details ?? []).Append(result).Where(d => !d.IsValid && d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }

    private static JsonObject Merge(JsonObject values, JsonObject overlay)
    {
        foreach (var (key, value) in overlay)
            values[key] = values[key] is JsonObject baseMap && value is JsonObject overlayMap ? Merge(baseMap, (JsonObject)overlayMap.DeepClone()) : value?.DeepClone();
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
        IReadOnlyDictionary<string, object> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, Json(kv.Value)))),
        IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(Json)]),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
