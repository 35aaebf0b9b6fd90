using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>
/// Reads and writes an enum as one of its exact wire spellings (the member's <see
/// cref="JsonStringEnumMemberNameAttribute"/>,
/// else its name), compared ordinally. Unlike <see cref="JsonStringEnumConverter"/> it accepts no other casing and no
/// number, so a value the upstream validation would refuse (<c>Noschedule</c>, <c>1</c>) fails the decode.
/// </summary>
/// <typeparam name="TEnum">The enum of allowed values.</typeparam>
public sealed class ExactStringEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> ByName = typeof(TEnum)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToDictionary(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name, f => (TEnum)f.GetValue(null)!, StringComparer.Ordinal);

    private static readonly Dictionary<TEnum, string> ByValue = ByName.ToDictionary(p => p.Value, p => p.Key);

    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"Expected a string for {typeof(TEnum).Name}, found {reader.TokenType}.");
        var text = reader.GetString()!;
        return ByName.TryGetValue(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not a {typeof(TEnum).Name}; allowed: {string.Join(", ", ByName.Keys.Select(k => $"'{k}'"))}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(ByValue[value]);
    }
}
