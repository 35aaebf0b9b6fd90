using System.Globalization;
using System.Text.Json;

namespace Platform.Stacks.Configuration;

/// <summary>Reads structured configuration values (JSON text), recording every problem with its config path.</summary>
internal static class ConfigJson
{
    /// <summary>Parses <paramref name="text"/>; on failure records a problem at <paramref name="path"/> with the
    /// parser's position and an <paramref name="example"/> of a valid value.</summary>
    public static bool TryParse(string text, string path, string example, ProblemCollector problems, out JsonElement root)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
            return true;
        }
        catch (JsonException exception)
        {
            var reason = exception.Message;
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut >= 0)
            {
                reason = reason[..cut];
            }

            var line = (exception.LineNumber ?? 0) + 1;
            var position = (exception.BytePositionInLine ?? 0) + 1;
            problems.Add(path, string.Create(
                CultureInfo.InvariantCulture,
                $"is not valid JSON: {reason.TrimEnd('.')} (line {line}, byte {position}). Fix the JSON text, e.g. `{example}`."));
            root = default;
            return false;
        }
    }

    /// <summary>The properties of <paramref name="element"/> (an object), each name once; a repeated name is a problem.</summary>
    public static List<JsonProperty> Properties(JsonElement element, string path, ProblemCollector problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var properties = new List<JsonProperty>();
        foreach (var property in element.EnumerateObject())
        {
            if (seen.Add(property.Name))
            {
                properties.Add(property);
            }
            else
            {
                problems.Add(
                    ConfigSyntax.PathSegment(path, property.Name),
                    $"appears more than once in platform:{path}. Keep a single entry.");
            }
        }

        return properties;
    }

    /// <summary>The fields of <paramref name="element"/> (an object) by name; unknown and repeated fields are problems,
    /// so that typos do not pass silently.</summary>
    public static Dictionary<string, JsonElement> Fields(
        JsonElement element, string path, IReadOnlyList<string> allowed, ProblemCollector problems)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in Properties(element, path, problems))
        {
            if (allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                fields[property.Name] = property.Value;
            }
            else
            {
                problems.Add(
                    ConfigSyntax.PathSegment(path, property.Name),
                    $"unknown field '{property.Name}'{ConfigSyntax.DidYouMean(property.Name, allowed)}. " +
                    $"Use only {ConfigSyntax.JoinOr(allowed)}.");
            }
        }

        return fields;
    }

    /// <summary>Reads the string field <paramref name="name"/>: null when absent (a problem if
    /// <paramref name="required"/>) or not a string (always a problem).</summary>
    public static string? String(
        Dictionary<string, JsonElement> fields, string path, string name, bool required, string example, ProblemCollector problems)
    {
        var fieldPath = $"{path}.{name}";
        if (!fields.TryGetValue(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problems.Add(fieldPath, $"is missing. Add \"{name}\": {example} to platform:{path}.");
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            problems.Add(fieldPath, $"is {ConfigSyntax.Describe(element.ValueKind)} ({element.GetRawText()}). Use a string, e.g. {example}.");
            return null;
        }

        return element.GetString();
    }

    /// <summary>Reads the TCP port field <paramref name="name"/>: <paramref name="defaultPort"/> when absent, null
    /// (and a problem) when it is not a whole number between 1 and 65535.</summary>
    public static int? Port(
        Dictionary<string, JsonElement> fields, string path, string name, int defaultPort, ProblemCollector problems)
    {
        if (!fields.TryGetValue(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return defaultPort;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var port) && port is >= 1 and <= 65535)
        {
            return port;
        }

        var what = element.ValueKind == JsonValueKind.Number
            ? $"is {element.GetRawText()}"
            : $"is {ConfigSyntax.Describe(element.ValueKind)} ({element.GetRawText()})";
        problems.Add(
            $"{path}.{name}",
            string.Create(CultureInfo.InvariantCulture, $"{what}, not a port. Use a whole number between 1 and 65535 without quotes, e.g. {defaultPort}."));
        return null;
    }

    /// <summary>The choice a JSON string names (case-insensitively), or null with a problem listing the choices.</summary>
    public static T? Choice<T>(JsonElement value, Dictionary<string, T> choices, string path, ProblemCollector problems) where T : struct
    {
        if (value.ValueKind == JsonValueKind.String && choices.TryGetValue(value.GetString()!, out var choice))
        {
            return choice;
        }

        problems.Add(path, $"{value.GetRawText()} is not one of {string.Join(", ", choices.Keys)}. Use one of them, as text.");
        return null;
    }

    /// <summary>The JSON boolean, or null with a problem when the value is anything else.</summary>
    public static bool? Flag(JsonElement value, string path, ProblemCollector problems)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        problems.Add(path, $"is {ConfigSyntax.Describe(value.ValueKind)} ({value.GetRawText()}), not a boolean. Use true or false without quotes.");
        return null;
    }
}
