using Platform.Stacks.Configuration;
using Platform.Tests.Harness;
using YamlDotNet.RepresentationModel;

namespace Platform.Tests.Stacks;

/// <summary>Pulumi.yaml is the project's typed config schema; it must say what PlatformConfigKeys says.</summary>
public class ProjectFileTests
{
    private static YamlMappingNode ProjectFile()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepoRoot.Path, "Pulumi.yaml"))));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static string? Scalar(YamlMappingNode node, string key)
        => node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    [Fact]
    public void Names_the_dotnet_program_in_infra_and_the_stack_files_in_stacks()
    {
        var project = ProjectFile();
        Assert.Equal("platform", Scalar(project, "name"));
        Assert.Equal(PlatformConfigKeys.Namespace, Scalar(project, "name"));
        Assert.Equal("dotnet", Scalar(project, "runtime"));
        Assert.Equal("infra/", Scalar(project, "main"));
        Assert.Equal("stacks/", Scalar(project, "stackConfigDir"));
    }

    [Fact]
    public void Declares_every_required_or_defaulted_scalar_key_with_its_type_description_default_and_secrecy()
    {
        // The CLI treats a declared key without a default as required, so optional keys without one stay undeclared.
        var config = (YamlMappingNode)ProjectFile()[new YamlScalarNode("config")];
        var scalarKeys = PlatformConfigKeys.All
            .Where(k => k.Type is PlatformConfigValueType.String or PlatformConfigValueType.Boolean && (k.Required || k.Default is not null)).ToList();
        Assert.Equal(scalarKeys.Select(k => k.Name).Order(), config.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Order());
        foreach (var key in scalarKeys)
        {
            var declared = (YamlMappingNode)config[new YamlScalarNode(key.Name)];
            Assert.Equal(key.Type == PlatformConfigValueType.Boolean ? "boolean" : "string", Scalar(declared, "type"));
            Assert.Equal(key.Description, Scalar(declared, "description"));
            Assert.Equal(key.Default, Scalar(declared, "default"));
            Assert.Equal(key.Secret ? "true" : null, Scalar(declared, "secret"));
        }
    }

    [Fact]
    public void Declares_the_kubernetes_version_without_a_default_so_the_cli_requires_it()
    {
        // A default here would be applied by the CLI: a release that changed it would upgrade every unpinned stack.
        var config = (YamlMappingNode)ProjectFile()[new YamlScalarNode("config")];
        var key = PlatformConfigKeys.KubernetesVersion;
        var declared = (YamlMappingNode)config[new YamlScalarNode(key.Name)];

        Assert.True(key.Required);
        Assert.Null(key.Default);
        Assert.Null(Scalar(declared, "default"));
        Assert.EndsWith($"Supported minor versions: {string.Join(", ", KubernetesVersions.SupportedMinors)}.", Scalar(declared, "description"), StringComparison.Ordinal);
    }
}
