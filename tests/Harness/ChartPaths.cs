using Platform.Components.Catalog;

namespace Platform.Tests.Harness;

/// <summary>The values paths a pinned chart reads (shared/charts/&lt;chart&gt;/&lt;version&gt;/values-paths.txt) and its
/// free-form maps (values-freeform.txt), read the way chart-check reads them: a leaf is accepted when it is listed or
/// when a prefix of it is free-form.</summary>
public static class ChartPaths
{
    private static string Data(string chart, string version, string file) =>
        Path.Combine(RepoRoot.Path, "..", "shared", "charts", chart, version, file);

    /// <summary>Every leaf of <paramref name="values"/>, dotted (maps are walked; anything else, and an empty map, is a
    /// leaf).</summary>
    public static IEnumerable<string> Leaves(IReadOnlyDictionary<string, object> values, string prefix = "")
    {
        foreach (var (key, value) in values)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is IReadOnlyDictionary<string, object> map && map.Count > 0)
                foreach (var leaf in Leaves(map, path)) yield return leaf;
            else
                yield return path;
        }
    }

    /// <summary>The leaves of <paramref name="values"/> that <paramref name="chart"/> does not read.</summary>
    public static IReadOnlyList<string> Unread(HelmChart chart, IReadOnlyDictionary<string, object> values) =>
        Unread(chart.Name, chart.Version, values);

    /// <summary>The leaves of <paramref name="values"/> that version <paramref name="version"/> of
    /// <paramref name="chart"/> does not read.</summary>
    public static IReadOnlyList<string> Unread(string chart, string version, IReadOnlyDictionary<string, object> values)
    {
        var paths = File.ReadAllLines(Data(chart, version, "values-paths.txt")).ToHashSet(StringComparer.Ordinal);
        var freeformFile = Data(chart, version, "values-freeform.txt");
        var freeform = File.Exists(freeformFile)
            ? File.ReadAllLines(freeformFile).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')[0]).ToHashSet(StringComparer.Ordinal)
            : [];
        return Leaves(values).Where(leaf => !paths.Contains(leaf) && !Prefixes(leaf).Any(freeform.Contains)).ToList();
    }

    private static IEnumerable<string> Prefixes(string path)
    {
        for (var i = path.LastIndexOf('.'); i > 0; i = path.LastIndexOf('.', i - 1))
            yield return path[..i];
    }
}
