using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Tests.Harness;

namespace Platform.Tests.ServiceMesh;

/// <summary>The cluster's Gateway API CRDs: the vendored files are the v1.4.0 standard bundle of the reference data, and
/// the component registers each once, kept on delete.</summary>
public class GatewayApiCrdsTests
{
    private static string Shared => MeshSchemas.Crds(GatewayApi.ReferenceSource.Chart, GatewayApi.ReferenceSource.Version);

    [Fact]
    public void The_vendored_files_are_the_gateway_api_files_of_the_reference_chart_byte_for_byte()
    {
        var vendored = Path.Combine(RepoRoot.Path, "components", "Catalog", "Crds", GatewayApi.CrdFolder);
        var files = Directory.GetFiles(Shared, "*.gateway.networking.k8s.io.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(files, Directory.GetFiles(vendored).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // The reference file up to its trailing status block (the API server owns a CRD's status).
        foreach (var file in files)
        {
            var reference = File.ReadAllText(Path.Combine(Shared, file!));
            var at = reference.IndexOf("\nstatus:\n", StringComparison.Ordinal);
            Assert.True(at > 0, file);
            Assert.Equal(reference[..(at + 1)], File.ReadAllText(Path.Combine(vendored, file!)));
        }
        Assert.Equal(files, GatewayApi.Crds.Select(c => c.FileName));
        Assert.All(GatewayApi.Crds, c => Assert.Equal(GatewayApi.Version, c.Annotations!["gateway.networking.k8s.io/bundle-version"]));
        Assert.All(GatewayApi.Crds, c => Assert.Equal("standard", c.Annotations!["gateway.networking.k8s.io/channel"]));
        Assert.Contains("gateways.gateway.networking.k8s.io", GatewayApi.Crds.Select(c => c.Name));
        Assert.Contains("httproutes.gateway.networking.k8s.io", GatewayApi.Crds.Select(c => c.Name));
    }
}
