using System.Collections;

namespace Platform.Components.Cluster.Scripts;

/// <summary>
/// The values for one rendering of a <see cref="ScriptTemplate"/>, by placeholder name (without the <c>@@</c>), written
/// as a collection initializer: <c>new ScriptValues { { "NODE", name }, { "SKIP_PHASES", flags } }</c>. Text goes to
/// <see cref="PlaceholderKind.Word"/>, <see cref="PlaceholderKind.Quoted"/> and <see cref="PlaceholderKind.Comment"/>
/// placeholders, lists to <see cref="PlaceholderKind.Flags"/> and <see cref="PlaceholderKind.QuotedWords"/>, rendered
/// parts to <see cref="PlaceholderKind.Lines"/>.
/// </summary>
internal sealed class ScriptValues : IEnumerable<KeyValuePair<string, object>>
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    /// <summary>No values: for a template without placeholders.</summary>
    public static ScriptValues Empty => new();

    /// <summary>The value of placeholder <paramref name="name"/>, if given.</summary>
    public bool TryGet(string name, out object value) => _values.TryGetValue(name, out value!);

    /// <summary>The names of the placeholders given a value.</summary>
    public IEnumerable<string> Names => _values.Keys;

    /// <summary>Text for placeholder <paramref name="name"/>.</summary>
    public void Add(string name, string value) => Set(name, value);

    /// <summary>A list for placeholder <paramref name="name"/>.</summary>
    public void Add(string name, IReadOnlyList<string> values) => Set(name, values);

    /// <summary>A rendered part for placeholder <paramref name="name"/>.</summary>
    public void Add(string name, ScriptFragment lines) => Set(name, lines);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Set(string name, object value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!_values.TryAdd(name, value))
            throw new ArgumentException($"@@{name}@@ is given two values.", nameof(name));
    }
}
