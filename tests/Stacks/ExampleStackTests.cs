using System.Text.Json;
using Platform.Stacks.Configuration;
using Platform.Tests.Harness;
using YamlDotNet.RepresentationModel;

namespace Platform.Tests.Stacks;

/// <summary>The example stack files under stacks/ must load, validate and preview.</summary>
public class ExampleStackTests
{
    public static TheoryData<string> Examples() => new() { "example-small", "example-medium", "example-enterprise" };

    /// <summary>The stack file's platform: values as the Pulumi CLI hands them over: scalars as text, the rest as JSON.</summary>
    internal static Dictionary<string, string> Values(string stack)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepoRoot.Path, "stacks", $"Pulumi.{stack}.yaml"))));
        var config = (YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode)[new YamlScalarNode("config")];
        var values = new Dictionary<string, string> { ["sshPrivateKey"] = "-----BEGIN OPENSSH PRIVATE KEY-----" };
        foreach (var (key, value) in config.Children)
            values[((YamlScalarNode)key).Value!.Replace("platform:", "", StringComparison.Ordinal)] =
                value is YamlScalarNode scalar ? scalar.Value! : JsonSerializer.Serialize(ToPlain(value));
        return values;
    }

    private static object? ToPlain(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ToPlain(kv.Value)),
        YamlSequenceNode list => list.Children.Select(ToPlain).ToList(),
        YamlScalarNode { Value: "true" or "false" } b => bool.Parse(b.Value!),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } n when int.TryParse(n.Value, out var i) => i,
        YamlScalarNode s => s.Value,
        _ => null,
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_is_valid_configuration(string stack)
    {
        var settings = PlatformSettingsLoader.Load(new DictionaryConfigSource(Values(stack)));
        Assert.NotEmpty(settings.ControlPlaneNodes);
        Assert.Equal(stack.Split('-')[1], settings.Tier.ToString().ToLowerInvariant());
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Each_example_previews(string stack)
    {
        var run = await StackRunner.RunAsync(Values(stack));
        Assert.NotEmpty(run.Registrations);
    }
}
