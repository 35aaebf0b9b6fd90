using Platform.Components.Catalog;
using Platform.Tests.Harness;

namespace Platform.Tests.Package;

/// <summary>components/README.md (the package's README) covers every component and every Args and Options record:
/// its "Args reference" is generated from the assembly and its XML documentation (and rewritten by
/// PLATFORM_UPDATE_API=1, like the API listing), and every public component has a section of its own.</summary>
public class ComponentsReadmeTests
{
    private static readonly string ReadmePath = Path.Combine(RepoRoot.Path, "components", "README.md");

    [Fact]
    public void The_args_reference_is_generated_from_the_assembly_and_its_documentation()
    {
        var assembly = typeof(HelmCharts).Assembly;
        var xml = File.ReadAllText(Path.ChangeExtension(assembly.Location, ".xml"));
        var generated = ArgsReference.Render(assembly, xml);
        var readme = File.ReadAllText(ReadmePath);
        var begin = readme.IndexOf(ArgsReference.Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(ArgsReference.End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"components/README.md has no generated part ({ArgsReference.Begin} ... {ArgsReference.End}).");
        var current = readme[begin..(end + ArgsReference.End.Length)];
        if (Environment.GetEnvironmentVariable("PLATFORM_UPDATE_API") == "1" && current != generated)
        {
            readme = readme[..begin] + generated + readme[(end + ArgsReference.End.Length)..];
            File.WriteAllText(ReadmePath, readme);
            current = generated;
        }
        Assert.True(current == generated, "components/README.md's Args reference is not what the code documents: regenerate it with " +
            "PLATFORM_UPDATE_API=1 dotnet test tests/Platform.Tests.csproj -p:PulumiSdk=offline --filter FullyQualifiedName~Platform.Tests.Package");
    }

    [Fact]
    public void The_reference_has_a_table_for_every_args_record_with_its_documented_defaults()
    {
        var assembly = typeof(HelmCharts).Assembly;
        var generated = ArgsReference.Render(assembly, File.ReadAllText(Path.ChangeExtension(assembly.Location, ".xml")));
        var records = ArgsReference.Records(assembly);
        Assert.Contains(records, r => r.Name == "ClusterArgs");
        Assert.All(assembly.GetExportedTypes().Where(t => t.Name.EndsWith("Args", StringComparison.Ordinal) && t.IsClass && !t.IsAbstract),
            args => Assert.Contains($"#### `{args.Name}` ({args.Namespace})", generated, StringComparison.Ordinal));
        Assert.Contains("| `ApiEndpointPort` | `int` |  | The API endpoint's port. Default 6443. |", generated, StringComparison.Ordinal);
        Assert.Contains("| `ClusterName` | `string` | yes | The cluster's name (kubeadm clusterName, kubeconfig, the provider's ClusterIdentifier). Required. |", generated, StringComparison.Ordinal);
        Assert.Contains("| `Enforce` | `PodSecurityLevel` |  | The Pod Security level enforced. Default `PodSecurityLevel.Restricted`. |", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_public_component_has_a_section()
    {
        var readme = File.ReadAllText(ReadmePath);
        var components = typeof(HelmCharts).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(Pulumi.ComponentResource))).ToList();
        Assert.NotEmpty(components);
        Assert.All(components, component => Assert.Contains($"### `{component.Name}`", readme, StringComparison.Ordinal));
    }
}
