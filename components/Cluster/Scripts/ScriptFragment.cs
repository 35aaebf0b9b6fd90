namespace Platform.Components.Cluster.Scripts;

/// <summary>
/// Lines of bash rendered from a part template (<c>Templates/parts/*.sh</c>), the only value a
/// <see cref="PlaceholderKind.Lines"/> placeholder takes, so every line of a node script comes from a template file.
/// </summary>
internal sealed class ScriptFragment
{
    private ScriptFragment(string template, string text)
    {
        Template = template;
        Text = text;
    }

    /// <summary>No lines: the placeholder's line is removed (an optional part that does not apply).</summary>
    public static ScriptFragment None { get; } = new("", "");

    /// <summary>The part it was rendered from; empty for <see cref="None"/>.</summary>
    public string Template { get; }

    /// <summary>The rendered lines, each ending with a newline; empty for <see cref="None"/>.</summary>
    public string Text { get; }

    /// <summary>The rendering of part <paramref name="template"/>.</summary>
    internal static ScriptFragment Rendered(string template, string text) => new(template, text);
}
