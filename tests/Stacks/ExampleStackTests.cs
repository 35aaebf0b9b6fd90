using Platform.Renderer;
using Platform.Stacks.Configuration;
using Platform.Tests.Harness;

namespace Platform.Tests.Stacks;

/// <summary>The example stack files under stacks/ must load, validate and preview.</summary>
public class ExampleStackTests
{
    public static TheoryData<string> Examples() => new() { "example-small", "example-medium", "example-enterprise" };

    /// <summary>The stack file's platform: values as the Pulumi CLI hands them over (scalars as text, the rest as JSON),
    /// read by eng/render's <see cref="StackFile"/>; bare keys, secrets as their placeholders.</summary>
    internal static Dictionary<string, string> Values(string stack) => Bare(StackFile.Load(Path.Combine(RepoRoot.Path, "stacks", $"Pulumi.{stack}.yaml")));

    /// <summary>A stack file's platform: values with bare keys, as <see cref="StackRunner.RunAsync"/> takes them.</summary>
    internal static Dictionary<string, string> Bare(StackFile file) => file.Config
        .Where(kv => kv.Key.StartsWith(PlatformConfigKeys.Prefix, StringComparison.Ordinal))
        .ToDictionary(kv => kv.Key[PlatformConfigKeys.Prefix.Length..], kv => kv.Value);

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
