namespace Platform.Components.Cluster.Scripts;

/// <summary>How <see cref="ScriptTemplate"/> writes a placeholder's value into a script, and where the placeholder may
/// stand. Each placeholder has one kind (<see cref="ScriptPlaceholders"/>).</summary>
internal enum PlaceholderKind
{
    /// <summary>A single shell word written as it is, because it needs no quoting: the value is checked to hold only
    /// letters, digits and <c>. _ / : = , + -</c> (a version, a node name, a path, an address).</summary>
    Word,

    /// <summary>Any text, written as one single-quoted shell word (<see cref="ShellScript.Quote"/>).</summary>
    Quoted,

    /// <summary>A list of values, each written single-quoted, separated by spaces. The placeholder follows a space;
    /// an empty list removes the placeholder and that space.</summary>
    QuotedWords,

    /// <summary>A list of command-line flags, each checked like a <see cref="Word"/>, separated by spaces. The
    /// placeholder follows a space; an empty list removes the placeholder and that space.</summary>
    Flags,

    /// <summary>Text on a comment line (what a step is for): written as it is, but on one line only.</summary>
    Comment,

    /// <summary>Whole lines of bash from a rendered part (<see cref="ScriptFragment"/>). The placeholder stands alone
    /// on its line, which the part's lines replace; an empty part removes the line.</summary>
    Lines,
}
