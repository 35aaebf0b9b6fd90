using System.Globalization;
using System.Text.Json;
using Platform.Components.Cluster;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:upgrade</c>: how Kubernetes upgrades roll through the nodes.</summary>
internal static class UpgradeOptionsParser
{
    private const string Field = "maxUnavailableWorkers";

    private static readonly string[] Fields = [Field];

    /// <summary>The workers an upgrade takes out at once; <see cref="MaxUnavailableWorkers.Default"/> when unset.</summary>
    public static MaxUnavailableWorkers? ReadMaxUnavailableWorkers(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Upgrade;
        var text = source.Get(key.Name)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return MaxUnavailableWorkers.Default;
        }

        if (!ConfigJson.TryParse(text, key.Name, key.Example, problems, out var root))
        {
            return null;
        }

        if (root.ValueKind == JsonValueKind.Null)
        {
            return MaxUnavailableWorkers.Default;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(key.Name, $"is {ConfigSyntax.Describe(root.ValueKind)}, not an object. Use e.g. `{key.Example}`.");
            return null;
        }

        var before = problems.Count;
        MaxUnavailableWorkers? result = MaxUnavailableWorkers.Default;
        foreach (var property in ConfigJson.Properties(root, key.Name, problems))
        {
            var path = ConfigSyntax.PathSegment(key.Name, property.Name);
            if (property.Name != Field)
            {
                problems.Add(path, $"'{property.Name}' is not an upgrade setting{ConfigSyntax.DidYouMean(property.Name, Fields)}. Use {Field}.");
                continue;
            }

            result = Parse(property.Value, path, problems);
        }

        return problems.Count == before ? result : null;
    }

    private static MaxUnavailableWorkers? Parse(JsonElement value, string path, ProblemCollector problems)
    {
        const string Fix = "Use a number of workers of at least 1 (e.g. 5) or a percentage from 1% to 100% (e.g. \"25%\").";
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt32(out var count) && count >= 1)
                return MaxUnavailableWorkers.FromCount(count);
            problems.Add(path, $"is {value.GetRawText()}: an upgrade takes out at least one worker at a time. {Fix}");
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!.Trim();
            if (text.EndsWith('%') && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent is >= 1 and <= 100)
                return MaxUnavailableWorkers.FromPercent(percent);
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1)
                return MaxUnavailableWorkers.FromCount(count);
            problems.Add(path, $"'{text}' is neither a number of workers nor a percentage. {Fix}");
            return null;
        }

        problems.Add(path, $"is {ConfigSyntax.Describe(value.ValueKind)}. {Fix}");
        return null;
    }
}
