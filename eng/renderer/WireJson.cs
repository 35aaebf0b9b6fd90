using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Platform.Renderer;

/// <summary>
/// Turns the wire inputs the mocks receive (ImmutableDictionary, ImmutableArray, double, bool, string) into the JSON
/// the provider would receive, for registrations.json and the strict decoders of the tests.
/// Every number travels as a double; an integral one is written as a JSON integer (<c>6443</c>, not <c>6443.0</c>),
/// the way a Go <c>int32</c> field needs it. Anything else (an asset, an unknown value) is refused with its path.
/// </summary>
public static class WireJson
{
    /// <summary>The wire inputs of a registration as a JSON object.</summary>
    public static JsonObject Object(IReadOnlyDictionary<string, object> inputs) => (JsonObject)Node(inputs, "$")!;

    /// <summary>One wire value as JSON; <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="InvalidOperationException">A value that is not one of the wire types.</exception>
    public static JsonNode? Node(object? value, string path = "$") => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d => Number(d, path),
        IReadOnlyDictionary<string, object> map => new JsonObject(map.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, Node(kv.Value, $"{path}.{kv.Key}")))),
        ImmutableArray<object> list => new JsonArray(list.Select((item, i) => Node(item, $"{path}[{i}]")).ToArray()),
        _ => throw new InvalidOperationException($"{path}: a {value.GetType().FullName} is not a wire value that maps to JSON."),
    };

    private static JsonNode Number(double d, string path)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
            throw new InvalidOperationException($"{path}: {d.ToString(CultureInfo.InvariantCulture)} is not a JSON number.");
        return d == Math.Floor(d) && Math.Abs(d) < 9.007199254740992E15 ? JsonValue.Create((long)d) : JsonValue.Create(d);
    }
}
