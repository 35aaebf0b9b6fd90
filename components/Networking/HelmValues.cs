namespace Platform.Components.Networking;

/// <summary>Combining Helm values trees.</summary>
public static class HelmValues
{
    /// <summary>A values map of <paramref name="entries"/> (keys compared ordinally, kept in the given order; a repeated
    /// key is refused), the building block of every chart's values tree.</summary>
    public static Dictionary<string, object> Map(params (string Key, object Value)[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
            map.Add(key, value);
        return map;
    }

    /// <summary>
    /// <paramref name="overlay"/> over <paramref name="values"/>: maps merge key by key, recursively; any other value
    /// of the overlay replaces the base's. Neither input is changed.
    /// </summary>
    public static IReadOnlyDictionary<string, object> Merge(IReadOnlyDictionary<string, object> values, IReadOnlyDictionary<string, object> overlay)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(overlay);
        var merged = values.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var (key, value) in overlay)
        {
            merged[key] = merged.TryGetValue(key, out var existing)
                && existing is IReadOnlyDictionary<string, object> baseMap && value is IReadOnlyDictionary<string, object> overlayMap
                ? Merge(baseMap, overlayMap)
                : value;
        }
        return merged;
    }
}
