using System.Text.RegularExpressions;
using Platform.Tests.Harness;
using YamlDotNet.RepresentationModel;

namespace Platform.Tests.Workflows;

/// <summary>One GitHub workflow of <c>.github/workflows</c>: its text and its YAML tree.</summary>
public sealed partial class WorkflowFile
{
    private WorkflowFile(string name, string text)
    {
        Name = name;
        Text = text;
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Root = (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    /// <summary>The file's name, e.g. <c>deploy.yml</c>.</summary>
    public string Name { get; }

    /// <summary>The file's text.</summary>
    public string Text { get; }

    /// <summary>The workflow's top-level mapping.</summary>
    public YamlMappingNode Root { get; }

    /// <summary>The workflow's jobs by id.</summary>
    public IReadOnlyDictionary<string, YamlMappingNode> Jobs
        => ((YamlMappingNode)Root["jobs"]).Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => (YamlMappingNode)kv.Value);

    /// <summary>Every workflow of the repository, by file name.</summary>
    public static IReadOnlyDictionary<string, WorkflowFile> All { get; } = Directory
        .GetFiles(Path.Combine(RepoRoot.Path, ".github", "workflows"))
        .Where(path => path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal))
        .ToDictionary(path => Path.GetFileName(path), path => new WorkflowFile(Path.GetFileName(path), File.ReadAllText(path)));

    /// <summary>The steps of <paramref name="job"/> (none for a job that calls a reusable workflow).</summary>
    public static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job)
        => job.Children.TryGetValue("steps", out var steps) ? ((YamlSequenceNode)steps).Children.Cast<YamlMappingNode>() : [];

    /// <summary>The scalar at <paramref name="key"/> of <paramref name="node"/>, or null.</summary>
    public static string? Scalar(YamlMappingNode node, string key)
        => node.Children.TryGetValue(key, out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>The mapping at <paramref name="key"/> of <paramref name="node"/>, or null.</summary>
    public static YamlMappingNode? Mapping(YamlMappingNode node, string key)
        => node.Children.TryGetValue(key, out var value) ? value as YamlMappingNode : null;

    /// <summary>Every <c>uses:</c> line of the text: the reference and the comment after it (or null).</summary>
    public IReadOnlyList<(string Reference, string? Comment)> UsesLines()
        => [.. UsesLine().Matches(Text).Select(m => (m.Groups["ref"].Value, m.Groups["comment"].Success ? m.Groups["comment"].Value.Trim() : null))];

    [GeneratedRegex(@"^\s*(?:-\s+)?uses:\s+(?<ref>\S+)(?:\s+#(?<comment>.*))?$", RegexOptions.Multiline)]
    private static partial Regex UsesLine();
}
