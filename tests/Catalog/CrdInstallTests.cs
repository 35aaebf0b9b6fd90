using Platform.Components.Catalog;

namespace Platform.Tests.Catalog;

/// <summary>Every chart of the catalog declares how its CRDs are installed, and the declaration is complete: the CRD
/// chart it names, the values switch it relies on, or the vendored CRD files of its release.</summary>
public class CrdInstallTests
{
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
        (nameof(HelmCharts.KubeletCsrApprover), CrdInstall.None),
        (nameof(HelmCharts.MetricsServer), CrdInstall.None),
        (nameof(HelmCharts.OpenSearch), CrdInstall.None),
        (nameof(HelmCharts.OpenSearchDashboards), CrdInstall.None),
        (nameof(HelmCharts.KubeStateMetrics), CrdInstall.None),
        (nameof(HelmCharts.RookCeph), CrdInstall.Templates),
        (nameof(HelmCharts.RookCephCluster), CrdInstall.None),
        (nameof(HelmCharts.Kured), CrdInstall.None),
        (nameof(HelmCharts.PrometheusOperatorCrds), CrdInstall.CrdChart),
        (nameof(HelmCharts.KubePrometheusStack), CrdInstall.FromCrdChart),
        (nameof(HelmCharts.Velero), CrdInstall.Manifests),
        (nameof(HelmCharts.FluentBit), CrdInstall.None),
        (nameof(HelmCharts.Falco), CrdInstall.None),
        (nameof(HelmCharts.Gatekeeper), CrdInstall.Manifests),
        (nameof(HelmCharts.Jaeger), CrdInstall.None),
        (nameof(HelmCharts.TrivyOperator), CrdInstall.Manifests),
        (nameof(HelmCharts.Harbor), CrdInstall.None),
        (nameof(HelmCharts.ExternalSecrets), CrdInstall.Manifests),
        (nameof(HelmCharts.ArgoCd), CrdInstall.Manifests),
        (nameof(HelmCharts.Headlamp), CrdInstall.None),
        (nameof(HelmCharts.Dex), CrdInstall.None),
        (nameof(HelmCharts.SopsSecretsOperator), CrdInstall.Manifests),
        (nameof(HelmCharts.Vault), CrdInstall.None),
        (nameof(HelmCharts.OpenBao), CrdInstall.None),
        (nameof(HelmCharts.IstioBase), CrdInstall.Templates),
        (nameof(HelmCharts.Istiod), CrdInstall.None),
        (nameof(HelmCharts.IstioCni), CrdInstall.None),
        (nameof(HelmCharts.Ztunnel), CrdInstall.None),
        (nameof(HelmCharts.Consul), CrdInstall.Templates),
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
        Assert.Equal(chart.Crds == CrdInstall.Manifests, chart.CrdManifests is not null);
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
            Assert.Equal(chart.Repository, crdChart.Repository);
            // Of the same release: the same version, or (charts versioned apart, like kube-prometheus-stack and
            // prometheus-operator-crds) the same application version in both released Chart.yaml files.
            if (chart.Version != crdChart.Version)
                Assert.Equal(AppVersion(chart), AppVersion(crdChart));
        }
        if (chart.Crds == CrdInstall.CrdChart)
            Assert.Single(HelmCharts.All, other => other.CrdChart == chart);
    }

    private static string AppVersion(HelmChart chart)
    {
        var file = Path.Combine(Harness.RepoRoot.Path, "..", "shared", "charts", chart.Name, chart.Version, "Chart.yaml");
        var line = Assert.Single(File.ReadAllLines(file), l => l.StartsWith("appVersion:", StringComparison.Ordinal));
        return line["appVersion:".Length..].Trim().Trim('"');
    }

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Vendored_crds_are_named_for_the_charts_pinned_version(string name)
    {
        var chart = Chart(name);
        if (chart.CrdManifests is null) return;

        // A version bump without the CRDs of the new version fails here (and in CrdManifestTests, against the
        // reference data of the new version).
        Assert.Equal($"{chart.Name}-{chart.Version}", chart.CrdManifests);
        Assert.NotEmpty(ChartCrds.Of(chart));
    }

    [Fact]
    public void Traefik_crds_are_the_crds_folder_of_chart_41_3_0()
    {
        var names = ChartCrds.Of(HelmCharts.Traefik).Select(crd => crd.Name).ToList();

        Assert.Equal("41.3.0", HelmCharts.Traefik.Version);
        Assert.Equal("traefik-41.3.0", HelmCharts.Traefik.CrdManifests);
        // 10 traefik.io and 15 hub.traefik.io CRDs; kustomization.yaml is not part of the packaged chart.
        Assert.Equal(25, names.Count);
        Assert.Equal(10, names.Count(n => n.EndsWith(".traefik.io", StringComparison.Ordinal) && !n.EndsWith(".hub.traefik.io", StringComparison.Ordinal)));
        Assert.Equal(15, names.Count(n => n.EndsWith(".hub.traefik.io", StringComparison.Ordinal)));
        Assert.Contains("ingressroutes.traefik.io", names);
        Assert.Contains("middlewares.traefik.io", names);
    }

    [Fact]
    public void External_dns_crd_is_the_crds_folder_of_chart_1_21_1()
    {
        Assert.Equal("1.21.1", HelmCharts.ExternalDns.Version);
        Assert.Equal("external-dns-1.21.1", HelmCharts.ExternalDns.CrdManifests);
        Assert.Equal(["dnsendpoints.externaldns.k8s.io"], ChartCrds.Of(HelmCharts.ExternalDns).Select(crd => crd.Name));
    }

    [Fact]
    public void Crd_charts_come_before_the_charts_that_need_them_in_the_catalog()
    {
        var order = HelmCharts.All.ToList();

        Assert.All(order.Where(chart => chart.CrdChart is not null), chart => Assert.True(order.IndexOf(chart.CrdChart!) < order.IndexOf(chart), chart.Name));
    }
}
