using Platform.Components.Catalog;

namespace Platform.Tests.Catalog;

public class IngressAndLoadBalancerChartsTests
{
    public static TheoryData<string, string, string, string> Pins() => new()
    {
        { nameof(HelmCharts.Traefik), "traefik", "https://traefik.github.io/charts", "41.3.0" },
        { nameof(HelmCharts.IngressNginx), "ingress-nginx", "https://kubernetes.github.io/ingress-nginx", "4.15.1" },
        { nameof(HelmCharts.Contour), "contour", "https://projectcontour.github.io/helm-charts/", "0.7.0" },
        { nameof(HelmCharts.HAProxyKubernetesIngress), "kubernetes-ingress", "https://haproxytech.github.io/helm-charts", "1.52.1" },
        { nameof(HelmCharts.MetalLb), "metallb", "https://metallb.github.io/metallb", "0.16.1" },
    };

    [Theory]
    [MemberData(nameof(Pins))]
    public void Chart_is_pinned_from_its_projects_https_repository(string property, string name, string repository, string version)
    {
        var chart = (HelmChart)typeof(HelmCharts).GetProperty(property)!.GetValue(null)!;

        Assert.Equal((name, repository, version), (chart.Name, chart.Repository, chart.Version));
        Assert.StartsWith("https://", chart.Repository, StringComparison.Ordinal);
        Assert.Contains(chart, HelmCharts.All);
    }
}
