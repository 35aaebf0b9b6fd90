using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Tests.Catalog;

/// <summary>JSON as a decoder on the other side sees it, for comparing a CRD file with what the program sends: keys
/// sorted, every number written as the double it is on Pulumi's wire.</summary>
internal static class CrdJson
{
    /// <summary>The canonical text of <paramref name="node"/>.</summary>
    public static string Canonical(JsonNode? node) => Canonicalize(node)?.ToJsonString() ?? "null";

    private static JsonNode? Canonicalize(JsonNode? node) => node switch
    {
        null => null,
        JsonObject map => new JsonObject(map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Canonicalize(kv.Value)))),
        JsonArray list => new JsonArray([.. list.Select(Canonicalize)]),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number =>
            JsonValue.Create(double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)),
        _ => node.DeepClone(),
    };
}
