using System.Text.Json;
using Platform.Components.Observability.LogShipping;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:logShipping</c> (Fluent Bit's buffer, resources, excluded namespaces and pod labels) over
/// the tier's defaults (<see cref="LogShippingTierSizing"/>); unknown fields are errors. A key of its own beside
/// <c>platform:logging</c> (OpenSearch's), so that the two parse apart.</summary>
internal static class LogShippingOptionsParser
{
    private static readonly string[] Fields = ["bufferLimit", "cpuRequest", "memoryRequest", "memoryLimit", "excludeNamespaces", "podLabels"];

    /// <summary>The options for <paramref name="tier"/>: its defaults when the key is unset, null when the value is wrong
    /// (see the problems) or the tier is unknown.</summary>
    public static LogShippingOptions? Read(IPlatformConfigSource source, PlatformTier? tier, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.LogShipping;
        var text = source.Get(key.Name)?.Trim();
        JsonElement? root = null;
        if (!string.IsNullOrEmpty(text))
        {
            if (!ConfigJson.TryParse(text, key.Name, key.Example, problems, out var parsed)) return null;
            if (parsed.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                problems.Add(key.Name, $"is {ConfigSyntax.Describe(parsed.ValueKind)}, not an object. Use e.g. `{key.Example}`.");
                return null;
            }
            if (parsed.ValueKind == JsonValueKind.Object) root = parsed;
        }
        if (tier is not { } t) return null;

        var options = LogShippingTierSizing.For(t);
        if (root is not { } json) return options;
        var before = problems.Count;
        var fields = ConfigJson.Fields(json, key.Name, Fields, problems);
        if (ConfigJson.String(fields, key.Name, "bufferLimit", required: false, "\"2G\"", problems) is { } buffer)
            options = options with { BufferLimit = buffer };
        if (ConfigJson.String(fields, key.Name, "cpuRequest", required: false, "\"100m\"", problems) is { } cpu)
            options = options with { CpuRequest = cpu };
        if (ConfigJson.String(fields, key.Name, "memoryRequest", required: false, "\"128Mi\"", problems) is { } memoryRequest)
            options = options with { MemoryRequest = memoryRequest };
        if (ConfigJson.String(fields, key.Name, "memoryLimit", required: false, "\"512Mi\"", problems) is { } memoryLimit)
            options = options with { MemoryLimit = memoryLimit };
        if (fields.TryGetValue("podLabels", out var labels) && labels.ValueKind != JsonValueKind.Null
            && ConfigJson.Flag(labels, ConfigSyntax.PathSegment(key.Name, "podLabels"), problems) is { } podLabels)
            options = options with { PodLabels = podLabels };
        if (fields.TryGetValue("excludeNamespaces", out var excluded) && excluded.ValueKind != JsonValueKind.Null
            && Namespaces(excluded, problems) is { } namespaces)
            options = options with { ExcludedNamespaces = namespaces };
        if (problems.Count != before) return null;
        foreach (var problem in options.Validate())
            problems.Add(key.Name, $"{problem} (e.g. `{key.Example}`)");
        return problems.Count == before ? options : null;
    }

    private static IReadOnlyList<string>? Namespaces(JsonElement value, ProblemCollector problems)
    {
        var path = ConfigSyntax.PathSegment(PlatformConfigKeys.LogShipping.Name, "excludeNamespaces");
        if (value.ValueKind != JsonValueKind.Array)
        {
            problems.Add(path, $"is {ConfigSyntax.Describe(value.ValueKind)}, not a list. Use a list of namespace names, e.g. [\"load-tests\"].");
            return null;
        }
        var names = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                problems.Add($"{path}[{i}]", $"is {ConfigSyntax.Describe(item.ValueKind)}, not a namespace name. Use a string, e.g. \"load-tests\".");
            else
                names.Add(item.GetString()!);
            i++;
        }
        return names.Count == i ? names : null;
    }
}
