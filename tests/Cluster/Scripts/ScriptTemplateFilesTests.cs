using System.Text.RegularExpressions;
using Platform.Components.Cluster.Scripts;
using Platform.Tests.Harness;

namespace Platform.Tests.Cluster.Scripts;

/// <summary>The template files themselves: all embedded, read as bash by shellcheck as they are, steps starting with
/// the platform's header, and every declared placeholder in use.</summary>
public partial class ScriptTemplateFilesTests
{
    private static readonly string Folder = Path.Combine(RepoRoot.Path, "components", "Cluster", "Scripts", "Templates");

    /// <summary>What shellcheck may say about a template as it is: a variable set in a step and read only in one of
    /// its parts (SC2034 in the step, SC2154 in the part). Once rendered, the script must be clean.</summary>
    private static readonly string[] AcrossParts = ["[SC2034]", "[SC2154]"];

    public static TheoryData<string> Templates() => new(ScriptTemplate.All.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Every_template_file_is_embedded_and_nothing_else_is()
    {
        var files = Directory.EnumerateFiles(Folder, "*.sh", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(files, ScriptTemplate.All.Keys.Order(StringComparer.Ordinal));
        Assert.All(ScriptTemplate.All.Values, t => Assert.Equal(File.ReadAllText(Path.Combine(Folder, t.Name)), t.Text));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Each_template_passes_shellcheck_as_it_is(string name)
    {
        var findings = ShellCheck.Findings(ScriptTemplate.Get(name).Text).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(findings, f => Assert.True(AcrossParts.Any(code => f.EndsWith(code, StringComparison.Ordinal)), $"{name}: {f}"));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Steps_start_with_the_platform_header_and_parts_are_lines_to_include(string name)
    {
        var template = ScriptTemplate.Get(name);
        if (template.IsPart)
        {
            Assert.False(template.Text.StartsWith("#!", StringComparison.Ordinal), $"{name} is a part: it has no shebang");
            return;
        }
        var purpose = template.Text.Split('\n')[1];
        Assert.StartsWith("# Platform: ", purpose, StringComparison.Ordinal);
        Assert.StartsWith(ShellScript.Header(purpose["# Platform: ".Length..]), template.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_declared_placeholder_is_used_by_a_template_and_every_used_one_is_declared()
    {
        var used = ScriptTemplate.All.Values.SelectMany(t => Placeholder().Matches(t.Text).Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.Equal(ScriptPlaceholders.Kinds.Keys.Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Lines_placeholders_stand_alone_on_their_lines_in_every_template()
    {
        foreach (var template in ScriptTemplate.All.Values)
            foreach (var line in template.Text.Split('\n'))
                foreach (Match match in Placeholder().Matches(line))
                    if (ScriptPlaceholders.Kinds[match.Groups[1].Value] == PlaceholderKind.Lines)
                        Assert.True(line == match.Value, $"{template.Name}: '{line}'");
    }

    [GeneratedRegex("@@([A-Z][A-Z0-9_]*)@@")]
    private static partial Regex Placeholder();
}
