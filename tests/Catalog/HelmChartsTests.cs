using System.Text.RegularExpressions;
using Platform.Components.Catalog;

namespace Platform.Tests.Catalog;

public class HelmChartsTests
{
    // MAJOR.MINOR.PATCH with an optional leading "v" (Calico publishes its charts that way); no ranges, no pre-releases.
    private static readonly Regex ExactVersion = new(@"^v?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$");

    public static TheoryData<string> ChartNames() => [.. HelmCharts.All.Select(chart => chart.Name)];

    private static HelmChart Chart(string name) => HelmCharts.All.Single(chart => chart.Name == name);

    [Fact]
    public void All_lists_every_catalog_property()
    {
        var properties = typeof(HelmCharts).GetProperties()
            .Where(property => property.PropertyType == typeof(HelmChart))
            .Select(property => (HelmChart)property.GetValue(null)!);

        Assert.Equal(properties.OrderBy(chart => chart.Name), HelmCharts.All.OrderBy(chart => chart.Name));
    }

    [Fact]
    public void Chart_names_are_unique()
    {
        Assert.NotEmpty(HelmCharts.All);
        Assert.Equal(HelmCharts.All.Count, HelmCharts.All.Select(chart => chart.Name).Distinct().Count());
    }

    // The chart name doubles as the Helm release name: lower-case DNS labels joined by dots (Calico's CRDs chart is
    // crd.projectcalico.org.v1), at most 53 characters as Helm requires of release names.
    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Chart_has_a_name(string name)
    {
        Assert.Matches(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$", Chart(name).Name);
        Assert.InRange(Chart(name).Name.Length, 1, 53);
    }

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Chart_repository_is_an_https_or_oci_url(string name)
    {
        Assert.True(Uri.TryCreate(Chart(name).Repository, UriKind.Absolute, out var uri), Chart(name).Repository);
        Assert.Contains(uri.Scheme, new[] { Uri.UriSchemeHttps, "oci" });
        Assert.Empty(uri.Query);
    }

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Chart_version_is_an_exact_release(string name)
    {
        var version = Chart(name).Version;
        Assert.Matches(ExactVersion, version);
        Assert.DoesNotContain("latest", version, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Cni_charts_come_from_their_projects()
    {
        Assert.Equal(("cilium", "https://helm.cilium.io/"), (HelmCharts.Cilium.Name, HelmCharts.Cilium.Repository));
        Assert.Equal("1.20.0", HelmCharts.Cilium.Version);
        Assert.Equal(("tigera-operator", "https://docs.tigera.io/calico/charts"), (HelmCharts.TigeraOperator.Name, HelmCharts.TigeraOperator.Repository));
        Assert.Equal("v3.32.1", HelmCharts.TigeraOperator.Version);
    }

    [Fact]
    public void Calico_crds_come_from_the_same_repository_and_release_as_the_operator()
    {
        Assert.Equal("crd.projectcalico.org.v1", HelmCharts.CalicoCrds.Name);
        Assert.Equal((HelmCharts.TigeraOperator.Repository, HelmCharts.TigeraOperator.Version), (HelmCharts.CalicoCrds.Repository, HelmCharts.CalicoCrds.Version));
        Assert.Contains(HelmCharts.CalicoCrds, HelmCharts.All);
    }

    [Fact]
    public void Emissary_crds_and_controller_share_one_release()
    {
        Assert.Equal((HelmCharts.Emissary.Repository, HelmCharts.Emissary.Version), (HelmCharts.EmissaryCrds.Repository, HelmCharts.EmissaryCrds.Version));
        Assert.Equal("4.1.0", HelmCharts.Emissary.Version);
    }
}
