using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Components.Cluster.Scripts;

/// <summary>
/// A node script template: a bash file under <c>components/Cluster/Scripts/Templates</c>, embedded in this assembly,
/// with named placeholders <c>@@NAME@@</c> (capitals, digits and <c>_</c>). Step templates are whole scripts; part
/// templates (<c>parts/</c>) are lines that steps include through a <see cref="PlaceholderKind.Lines"/> placeholder.
/// Rendering fills every placeholder from <see cref="ScriptValues"/> as its <see cref="PlaceholderKind"/> says, and
/// fails, naming the template and the placeholder, on a placeholder no kind is declared for, one without a value, a
/// value the template does not use, a value of the wrong kind or one its kind refuses, and a placeholder where its
/// kind may not stand. Nothing else in a template is special.
/// </summary>
internal sealed partial class ScriptTemplate
{
    /// <summary>The folder of part templates, inside the templates folder.</summary>
    public const string PartsFolder = "parts/";

    private const string ResourcePrefix = "Platform.Components.Cluster.Scripts.Templates/";

    private static readonly Lazy<IReadOnlyDictionary<string, ScriptTemplate>> Embedded = new(LoadEmbedded);

    /// <summary>A template named <paramref name="name"/> (its path under the templates folder) with <paramref name="text"/>.</summary>
    public ScriptTemplate(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        Name = name;
        Text = text;
    }

    /// <summary>The template's path under the templates folder, such as <c>init.sh</c> or <c>parts/version-guard.sh</c>.</summary>
    public string Name { get; }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>Whether this is a part (lines for a step) rather than a step's whole script.</summary>
    public bool IsPart => Name.StartsWith(PartsFolder, StringComparison.Ordinal);

    /// <summary>Every embedded template, by name.</summary>
    public static IReadOnlyDictionary<string, ScriptTemplate> All => Embedded.Value;

    /// <summary>The embedded template <paramref name="name"/>.</summary>
    public static ScriptTemplate Get(string name) => Embedded.Value.TryGetValue(name, out var template)
        ? template
        : throw new InvalidOperationException($"No script template '{name}' is embedded in Platform.Components (components/Cluster/Scripts/Templates/{name}).");

    /// <summary>This part, rendered, for a <see cref="PlaceholderKind.Lines"/> placeholder.</summary>
    public ScriptFragment RenderPart(ScriptValues values)
    {
        if (!IsPart) throw new InvalidOperationException($"Script template '{Name}' is a step, not a part: only templates under {PartsFolder} fill a placeholder.");
        return ScriptFragment.Rendered(Name, Render(values));
    }

    /// <summary>The template with every placeholder filled from <paramref name="values"/>.</summary>
    /// <exception cref="InvalidOperationException">The template and the values do not match; the message names the
    /// template and every placeholder at fault.</exception>
    public string Render(ScriptValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var problems = new List<string>();
        if (Text.Contains('\r', StringComparison.Ordinal)) problems.Add("it has carriage returns (templates have LF line ends)");
        if (!Text.EndsWith('\n')) problems.Add("it does not end with a newline");
        var used = new HashSet<string>(StringComparer.Ordinal);
        var output = new StringBuilder(Text.Length * 2);
        var lines = (Text.EndsWith('\n') ? Text[..^1] : Text).Split('\n');
        for (var index = 0; index < lines.Length; index++)
            RenderLine(lines[index], index + 1, values, used, output, problems);
        foreach (var name in values.Names.Where(n => !used.Contains(n)).Order(StringComparer.Ordinal))
            problems.Add($"@@{name}@@ is given a value, but the template does not use it");
        if (problems.Count > 0)
            throw new InvalidOperationException($"Script template '{Name}' does not render: {string.Join("; ", problems)}.");
        return output.ToString();
    }

    private static void RenderLine(string line, int number, ScriptValues values, HashSet<string> used, StringBuilder output, List<string> problems)
    {
        var matches = Placeholder().Matches(line);
        if (Placeholder().Replace(line, "").Contains("@@", StringComparison.Ordinal))
            problems.Add($"line {number}: '{line.Trim()}' has @@ that is not a placeholder (@@NAME@@, NAME in capitals, digits and _), so no value can fill it");
        var rendered = new StringBuilder(line.Length);
        var position = 0;
        foreach (Match match in matches)
        {
            var name = match.Groups["name"].Value;
            used.Add(name);
            var at = $"line {number}: @@{name}@@";
            if (!ScriptPlaceholders.Kinds.TryGetValue(name, out var kind))
            {
                problems.Add($"{at} is an unknown placeholder (ScriptPlaceholders declares each placeholder and its kind)");
                continue;
            }
            if (!values.TryGet(name, out var value))
            {
                problems.Add($"{at} has no value");
                continue;
            }
            if (!Fits(kind, value))
            {
                problems.Add($"{at} is {Describe(kind)}, and is given {Describe(value)}");
                continue;
            }
            if (kind == PlaceholderKind.Lines)
            {
                if (line != match.Value)
                {
                    problems.Add($"{at} stands for lines, so it must stand alone on its line");
                    continue;
                }
                output.Append(((ScriptFragment)value).Text);
                return;
            }
            var written = Write(kind, value, at, line, match, problems);
            var end = written.Length == 0 && kind is PlaceholderKind.Flags or PlaceholderKind.QuotedWords ? match.Index - 1 : match.Index;
            rendered.Append(line, position, Math.Max(end, position) - position).Append(written);
            position = match.Index + match.Length;
        }
        output.Append(rendered).Append(line, position, line.Length - position).Append('\n');
    }

    private static string Write(PlaceholderKind kind, object value, string at, string line, Match match, List<string> problems)
    {
        switch (kind)
        {
            case PlaceholderKind.Word:
                var word = (string)value;
                if (!IsWord(word)) problems.Add($"{at} is written unquoted, so its value must be a plain word (letters, digits and . _ / : = , + -), not '{word}'");
                return word;
            case PlaceholderKind.Quoted:
                return ShellScript.Quote((string)value);
            case PlaceholderKind.Comment:
                var text = (string)value;
                if (!line[..match.Index].TrimStart().StartsWith('#')) problems.Add($"{at} is comment text, so it must stand on a comment line");
                if (text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal)) problems.Add($"{at} is comment text, so its value must be one line");
                return text;
            default:
                var list = (IReadOnlyList<string>)value;
                if (match.Index == 0 || line[match.Index - 1] != ' ') problems.Add($"{at} is a list, so it must follow a space");
                if (kind == PlaceholderKind.QuotedWords) return string.Join(" ", list.Select(ShellScript.Quote));
                foreach (var flag in list.Where(f => !IsWord(f)))
                    problems.Add($"{at} is written unquoted, so each flag must be a plain word (letters, digits and . _ / : = , + -), not '{flag}'");
                return string.Join(" ", list);
        }
    }

    private static bool Fits(PlaceholderKind kind, object value) => kind switch
    {
        PlaceholderKind.Word or PlaceholderKind.Quoted or PlaceholderKind.Comment => value is string,
        PlaceholderKind.Flags or PlaceholderKind.QuotedWords => value is IReadOnlyList<string>,
        _ => value is ScriptFragment,
    };

    private static string Describe(PlaceholderKind kind) => kind switch
    {
        PlaceholderKind.Word => "a word",
        PlaceholderKind.Quoted => "quoted text",
        PlaceholderKind.Comment => "comment text",
        PlaceholderKind.Flags => "a list of flags",
        PlaceholderKind.QuotedWords => "a list of quoted words",
        _ => "lines from a part",
    };

    private static string Describe(object value) => value switch
    {
        string => "text",
        IReadOnlyList<string> => "a list",
        _ => "lines from a part",
    };

    private static bool IsWord(string value) => PlainWord().IsMatch(value);

    private static IReadOnlyDictionary<string, ScriptTemplate> LoadEmbedded()
    {
        var assembly = typeof(ScriptTemplate).Assembly;
        var templates = new Dictionary<string, ScriptTemplate>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var name = resource.Replace('\\', '/');
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
            name = name[ResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The embedded script template '{resource}' cannot be read.");
            using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
            templates.Add(name, new ScriptTemplate(name, reader.ReadToEnd()));
        }
        return templates;
    }

    [GeneratedRegex("@@(?<name>[A-Z][A-Z0-9_]*)@@")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^[A-Za-z0-9._/:=,+-]+$")]
    private static partial Regex PlainWord();
}
