using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Platform.Renderer;

/// <summary>Inputs as the mock engine hands them over (immutable maps and arrays, doubles, booleans, strings) turned
/// into plain JSON. An integral number is written as an integer, as the provider's JSON would carry it.</summary>
public static class WireJson
{
    /// <summary>The JSON for one wire value.</summary>
    /// <exception cref="NotSupportedException">A value of a shape the engine does not send.</exception>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        double number when Math.Abs(number) < 1e15 && number == Math.Floor(number) => JsonValue.Create((long)number),
        double number => JsonValue.Create(number),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        IImmutableDictionary<string, object> map => Object(map),
        IDictionary<string, object> map => Object(map),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(ToJson).ToArray()),
        _ => throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture, $"Wire value of type {value.GetType()}")),
    };

    /// <summary>The JSON object for a map of inputs, keys sorted for stable output.</summary>
    public static JsonObject Object(IEnumerable<KeyValuePair<string, object>> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new JsonObject(map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, ToJson(kv.Value))));
    }
}
