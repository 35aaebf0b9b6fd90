namespace Platform.Stacks.Configuration;

/// <summary>An <see cref="IPlatformConfigSource"/> over an in-memory dictionary, for tests and for programs that
/// build configuration themselves. Keys are bare (<c>tier</c>, not <c>platform:tier</c>).</summary>
public sealed class DictionaryConfigSource : IPlatformConfigSource
{
    private readonly Dictionary<string, string> values;

    /// <summary>Creates a source that serves a copy of <paramref name="values"/>.</summary>
    /// <param name="values">Raw values keyed by bare key; structured values as JSON text.</param>
    /// <exception cref="ArgumentException">A key carries the <c>platform:</c> namespace.</exception>
    public DictionaryConfigSource(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var key in values.Keys)
        {
            if (key.StartsWith(PlatformConfigKeys.Prefix, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Configuration key '{key}' must be given without the '{PlatformConfigKeys.Prefix}' namespace, e.g. '{key[PlatformConfigKeys.Prefix.Length..]}'.",
                    nameof(values));
            }
        }

        this.values = new Dictionary<string, string>(values, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public string? Get(string key) => values.TryGetValue(key, out var value) ? value : null;

    /// <inheritdoc/>
    public bool IsSet(string key) => values.ContainsKey(key);
}
