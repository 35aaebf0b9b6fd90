using Platform.Components.Catalog;
using Platform.Tests.Harness;

namespace Platform.Tests.Package;

/// <summary>The public API of the Platform.Components package is tracked in <c>components/PublicAPI.txt</c>, so a
/// change to it is visible in review. After a deliberate change, regenerate the file:
/// <c>PLATFORM_UPDATE_API=1 dotnet test tests/Platform.Tests.csproj -p:PulumiSdk=offline --filter FullyQualifiedName~PublicApiTests</c>.</summary>
public class PublicApiTests
{
    private static readonly string ListingPath = Path.Combine(RepoRoot.Path, "components", "PublicAPI.txt");

    [Fact]
    public void The_public_API_is_the_checked_in_listing()
    {
        var actual = PublicApiListing.Of(typeof(HelmCharts).Assembly);
        if (Environment.GetEnvironmentVariable("PLATFORM_UPDATE_API") == "1")
            File.WriteAllText(ListingPath, actual);
        var expected = File.Exists(ListingPath) ? File.ReadAllText(ListingPath) : "";
        var actualLines = actual.Split('\n');
        var expectedLines = expected.Split('\n');
        var added = actualLines.Except(expectedLines, StringComparer.Ordinal).Take(20).ToList();
        var removed = expectedLines.Except(actualLines, StringComparer.Ordinal).Take(20).ToList();
        Assert.True(added.Count == 0 && removed.Count == 0,
            "The public API of Platform.Components differs from components/PublicAPI.txt. If the change is intended, regenerate it: " +
            "PLATFORM_UPDATE_API=1 dotnet test tests/Platform.Tests.csproj -p:PulumiSdk=offline --filter FullyQualifiedName~PublicApiTests\n" +
            $"+ {string.Join("\n+ ", added)}\n- {string.Join("\n- ", removed)}");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_listing_writes_full_signatures_in_a_stable_order()
    {
        var listing = PublicApiListing.Of(typeof(HelmCharts).Assembly);
        var lines = listing.TrimEnd('\n').Split('\n');
        Assert.Contains("Platform.Components.Catalog.HelmChart: public sealed record : IEquatable<Platform.Components.Catalog.HelmChart>", lines);
        Assert.Contains("Platform.Components.Catalog.HelmChart: public required string Name { get; init; }", lines);
        Assert.Contains("Platform.Components.Catalog.HelmChart: public Platform.Components.Catalog.HelmChart? CrdChart { get; init; }", lines);
        Assert.Contains("Platform.Components.Catalog.HelmCharts: public static Platform.Components.Catalog.HelmChart Cilium { get; }", lines);
        Assert.Contains("Platform.Components.Cluster.ClusterNode: public const int DefaultSshPort", lines);
        Assert.Contains("Platform.Components.Cluster.NodeRole: ControlPlane = 0", lines);
        Assert.Contains(lines, l => l.StartsWith("Platform.Components.Cluster.Cluster: public Cluster(string name, Platform.Components.Cluster.ClusterArgs args, Pulumi.ComponentResourceOptions? options = null)", StringComparison.Ordinal));
        // Constant values are not API: a pinned image's bump changes no line.
        Assert.DoesNotContain(lines, l => l.Contains("ghcr.io", StringComparison.Ordinal));
        Assert.Equal(listing, PublicApiListing.Of(typeof(HelmCharts).Assembly));
    }
}
