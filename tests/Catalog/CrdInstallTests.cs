using System.Text.RegularExpressions;
using Platform.Components.Catalog;

namespace Platform.Tests.Catalog;

/// <summary>Every chart of the catalog declares how its CRDs are installed, and the declaration is complete: the CRD
/// chart it names, the values switch it relies on, or the manifests of its release.</summary>
public class CrdInstallTests
{
    // https://raw.githubusercontent.com/<owner>/<repository>/<full commit>/<path>.yaml
    private static readonly Regex RawFileAtCommit = new(@"^https://raw\.githubusercontent\.com/[A-Za-z0-9-]+/[A-Za-z0-9._-]+/[0-9a-f]{40}/([A-Za-z0-9._-]+/)*[A-Za-z0-9._-]+\.yaml$");

    public static TheoryData<string> ChartNames() => [.. HelmCharts.All.Select(chart => chart.Name)];

    private static HelmChart Chart(string name) => HelmCharts.All.Single(chart => chart.Name == name);

    // What each pinned chart supports, from its released source (the evidence is in HelmCharts' "CRDs:" notes). A new
    // chart, or a chart that changes how it ships CRDs, has to be looked at again before this table changes.
    private static readonly (string Property, CrdInstall Path)[] Table =
    [
        (nameof(HelmCharts.Cilium), CrdInstall.Operator),
        (nameof(HelmCharts.CalicoCrds), CrdInstall.CrdChart),
        (nameof(HelmCharts.TigeraOperator), CrdInstall.FromCrdChart),
        (nameof(HelmCharts.CertManager), CrdInstall.Templates),
        (nameof(HelmCharts.ExternalDns), CrdInstall.Manifests),
        (nameof(HelmCharts.Traefik), CrdInstall.Manifests),
        (nameof(HelmCharts.IngressNginx), CrdInstall.None),
        (nameof(HelmCharts.Contour), CrdInstall.Templates),
        (nameof(HelmCharts.HAProxyKubernetesIngress), CrdInstall.HookJob),
        (nameof(HelmCharts.MetalLb), CrdInstall.Templates),
        (nameof(HelmCharts.EmissaryCrds), CrdInstall.CrdChart),
        (nameof(HelmCharts.Emissary), CrdInstall.FromCrdChart),
    ];

    public static TheoryData<string, CrdInstall> Paths()
    {
        var data = new TheoryData<string, CrdInstall>();
        foreach (var (property, path) in Table) data.Add(property, path);
        return data;
    }

    [Fact]
    public void Every_chart_has_its_path_in_the_table()
    {
        var properties = typeof(HelmCharts).GetProperties().Where(p => p.PropertyType == typeof(HelmChart)).Select(p => p.Name);

        Assert.Equal(properties.Order(), Table.Select(row => row.Property).Order());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Chart_installs_its_crds_the_way_its_release_supports(string property, CrdInstall path)
    {
        var chart = (HelmChart)typeof(HelmCharts).GetProperty(property)!.GetValue(null)!;

        Assert.Equal(path, chart.Crds);
    }

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Declaration_is_complete_for_its_path(string name)
    {
        var chart = Chart(name);

        Assert.True(Enum.IsDefined(chart.Crds), $"{name}: {chart.Crds}");
        Assert.Equal(chart.Crds == CrdInstall.FromCrdChart, chart.CrdChart is not null);
        Assert.Equal(chart.Crds == CrdInstall.Templates, !string.IsNullOrEmpty(chart.CrdValuesSwitch));
        Assert.Equal(chart.Crds == CrdInstall.Manifests, chart.CrdManifests.Count > 0);
        if (chart.CrdValuesSwitch is { } path)
            Assert.Matches(@"^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$", path);
    }

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void A_crd_chart_is_of_the_same_release_and_serves_exactly_one_chart(string name)
    {
        var chart = Chart(name);
        if (chart.CrdChart is { } crdChart)
        {
            Assert.Contains(crdChart, HelmCharts.All);
            Assert.Equal(CrdInstall.CrdChart, crdChart.Crds);
            Assert.Equal((chart.Repository, chart.Version), (crdChart.Repository, crdChart.Version));
        }
        if (chart.Crds == CrdInstall.CrdChart)
            Assert.Single(HelmCharts.All, other => other.CrdChart == chart);
    }

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Crd_manifests_are_yaml_files_at_one_commit(string name)
    {
        var manifests = Chart(name).CrdManifests;

        Assert.All(manifests, url => Assert.Matches(RawFileAtCommit, url));
        Assert.Equal(manifests.Count, manifests.Distinct(StringComparer.Ordinal).Count());
        // One release: every file comes from the same repository, commit and folder.
        Assert.True(manifests.Select(url => url[..url.LastIndexOf('/')]).Distinct().Count() <= 1, string.Join(Environment.NewLine, manifests));
    }

    [Fact]
    public void Traefik_crds_are_the_crds_folder_of_chart_41_3_0()
    {
        const string Folder = "https://raw.githubusercontent.com/traefik/traefik-helm-chart/a8a66d0098703627b2cf352c66b1725c196a734a/traefik/crds/";
        var files = HelmCharts.Traefik.CrdManifests.Select(url =>
        {
            Assert.StartsWith(Folder, url, StringComparison.Ordinal);
            return url[Folder.Length..];
        }).ToList();

        Assert.Equal("41.3.0", HelmCharts.Traefik.Version);
        // 10 traefik.io and 15 hub.traefik.io CRDs; kustomization.yaml is not part of the packaged chart.
        Assert.Equal(25, files.Count);
        Assert.Equal(10, files.Count(f => f.StartsWith("traefik.io_", StringComparison.Ordinal)));
        Assert.Equal(15, files.Count(f => f.StartsWith("hub.traefik.io_", StringComparison.Ordinal)));
        Assert.Contains("traefik.io_ingressroutes.yaml", files);
        Assert.Contains("traefik.io_middlewares.yaml", files);
        Assert.DoesNotContain("kustomization.yaml", files);
    }

    [Fact]
    public void External_dns_crd_is_the_crds_folder_of_chart_1_21_1()
    {
        Assert.Equal("1.21.1", HelmCharts.ExternalDns.Version);
        Assert.Equal(
            ["https://raw.githubusercontent.com/kubernetes-sigs/external-dns/9f26451346774099a8b3e3e5cc46a53bf2fd1461/charts/external-dns/crds/dnsendpoints.externaldns.k8s.io.yaml"],
            HelmCharts.ExternalDns.CrdManifests);
    }

    [Fact]
    public void Crd_charts_come_before_the_charts_that_need_them_in_the_catalog()
    {
        var order = HelmCharts.All.ToList();

        Assert.All(order.Where(chart => chart.CrdChart is not null), chart => Assert.True(order.IndexOf(chart.CrdChart!) < order.IndexOf(chart), chart.Name));
    }
}
