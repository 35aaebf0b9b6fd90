namespace Platform.Components.Networking;

/// <summary>Combining Helm values trees.</summary>
public static class HelmValues
{
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
