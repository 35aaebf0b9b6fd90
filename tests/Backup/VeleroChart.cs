using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Platform.Components.Catalog;
using Platform.Tests.Harness;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Platform.Tests.Backup;

/// <summary>The pinned Velero chart's reference data (shared/charts/velero/&lt;version&gt;): its values as Helm coalesces
/// them with the platform's, checked against values.schema.json, the paths the chart reads, and its CRDs' structural
/// schemas, checked the way the API server prunes and validates (closed objects, scalar types, enums, required).</summary>
internal static class VeleroChart
{
    public static string Data(string file) =>
        Path.Combine(RepoRoot.Path, "..", "shared", "charts", "velero", HelmCharts.Velero.Version, file);

    /// <summary>The chart's values.yaml with <paramref name="values"/> over it (maps merge, anything else replaces), as
    /// Helm coalesces them, as JSON.</summary>
    public static JsonNode Coalesced(IReadOnlyDictionary<string, object> values)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Data("values.yaml"))));
        var defaults = Yaml(stream.Documents.Single().RootNode)!.AsObject();
        return Merge(defaults, Json(values)!.AsObject());
    }

    /// <summary>Every error of the coalesced values against the chart's values.schema.json, as "location: message".</summary>
    public static IReadOnlyList<string> SchemaErrors(IReadOnlyDictionary<string, object> values)
    {
        var schema = JsonSchema.FromText(File.ReadAllText(Data("values.schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(Coalesced(values).ToJsonString());
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return [.. (result.Details ?? []).Append(result).Where(d => !d.IsValid && d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }

    /// <summary>The paths the chart reads (values-paths.txt) and those whose keys it does not check one by one
    /// (values-freeform.txt).</summary>
    public static (IReadOnlySet<string> Paths, IReadOnlySet<string> FreeForm) Paths() => (
        File.ReadAllLines(Data("values-paths.txt")).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal),
        File.ReadAllLines(Data("values-freeform.txt")).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')[0]).ToHashSet(StringComparer.Ordinal));

    /// <summary>The leaves of a values tree as dotted paths (maps walked down; lists, scalars and empty maps are
    /// leaves).</summary>
    public static IEnumerable<string> Leaves(IReadOnlyDictionary<string, object> tree, string prefix = "")
    {
        foreach (var (key, value) in tree)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is IReadOnlyDictionary<string, object> map && map.Count > 0)
                foreach (var leaf in Leaves(map, path)) yield return leaf;
            else
                yield return path;
        }
    }

    /// <summary>The errors of <paramref name="spec"/> against the <c>spec</c> schema of the CRD <paramref name="crd"/>'s
    /// served version <paramref name="version"/>, from <paramref name="folder"/> (a crds/ folder of the reference
    /// data).</summary>
    public static IReadOnlyList<string> SpecErrors(string folder, string crd, string version, object spec)
    {
        var document = (IDictionary)ValuesTree.Parse(File.ReadAllText(Path.Combine(folder, crd + ".yaml")))!;
        var served = ((IList)((IDictionary)document["spec"]!)["versions"]!).Cast<IDictionary>()
            .Single(v => (string)v["name"]! == version && Equals(v["served"], true));
        var schema = (IDictionary)((IDictionary)served["schema"]!)["openAPIV3Schema"]!;
        var errors = new List<string>();
        Walk((IDictionary)((IDictionary)schema["properties"]!)["spec"]!, spec, "spec", errors);
        return errors;
    }

    private static void Walk(IDictionary schema, object value, string path, List<string> errors)
    {
        if (Equals(schema["x-kubernetes-preserve-unknown-fields"], true)) return;
        var type = schema.Contains("type") ? (string?)schema["type"] : null;
        switch (value)
        {
            case IReadOnlyDictionary<string, object> map:
                if (type != "object") { errors.Add($"{path} is an object, the CRD says {type}"); return; }
                var properties = schema["properties"] as IDictionary;
                foreach (var (key, child) in map)
                {
                    if (properties is not null && properties.Contains(key)) Walk((IDictionary)properties[key]!, child, $"{path}.{key}", errors);
                    else if (schema["additionalProperties"] is IDictionary additional) Walk(additional, child, $"{path}.{key}", errors);
                    else errors.Add($"{path}.{key} is not a field of the CRD");
                }
                foreach (var required in (schema["required"] as IList)?.Cast<string>() ?? [])
                    if (!map.ContainsKey(required)) errors.Add($"{path}.{required} is required");
                break;
            case object[] list:
                if (type != "array") { errors.Add($"{path} is a list, the CRD says {type}"); return; }
                for (var i = 0; i < list.Length; i++) Walk((IDictionary)schema["items"]!, list[i], $"{path}[{i}]", errors);
                break;
            case string text:
                if (type != "string") errors.Add($"{path} is text, the CRD says {type}");
                else if (schema["enum"] is IList allowed && !allowed.Cast<object>().Select(e => e?.ToString()).Contains(text)) errors.Add($"{path} '{text}' is not one of the CRD's values");
                break;
            case bool:
                if (type != "boolean") errors.Add($"{path} is a boolean, the CRD says {type}");
                break;
            case int:
                if (type is not ("integer" or "number")) errors.Add($"{path} is a number, the CRD says {type}");
                break;
            default:
                errors.Add($"{path} holds a {value?.GetType().Name}");
                break;
        }
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

    // YAML's core schema, as Helm (sigs.k8s.io/yaml) reads values.yaml: a plain scalar is null, a boolean, an integer or a
    // float when it looks like one, a string otherwise; a quoted scalar is always a string.
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
