namespace Platform.Components.Networking.Cni;

/// <summary>The checks every CNI renderer runs before it builds anything: the options must be for its plugin and
/// valid, and the cluster facts must suit that plugin.</summary>
internal static class CniRenderGuard
{
    /// <summary>Throws <see cref="ArgumentException"/> listing every problem with <paramref name="options"/> (first) or
    /// <paramref name="cluster"/> for <paramref name="plugin"/>.</summary>
    public static void Check(CniPlugin plugin, string renderer, CniOptions options, CniClusterFacts cluster)
    {
        CheckOptions(plugin, renderer, options);
        ArgumentNullException.ThrowIfNull(cluster);
        var problems = cluster.Validate(plugin);
        if (problems.Count > 0)
            throw new ArgumentException(Describe(renderer, problems), nameof(cluster));
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem with <paramref name="options"/> for
    /// <paramref name="plugin"/>.</summary>
    public static void CheckOptions(CniPlugin plugin, string renderer, CniOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.Plugin != plugin)
            problems.Add($"plugin is {options.Plugin}, but {renderer} renders {plugin} only. Use the renderer for {options.Plugin}, or plugin {plugin}.");
        problems.AddRange(options.Validate());
        if (problems.Count > 0)
            throw new ArgumentException(Describe(renderer, problems), nameof(options));
    }

    private static string Describe(string renderer, IEnumerable<string> problems) =>
        $"{renderer} cannot render for these inputs:{Environment.NewLine}- {string.Join($"{Environment.NewLine}- ", problems)}";
}
