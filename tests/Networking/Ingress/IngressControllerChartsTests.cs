using Platform.Components.Catalog;
using Platform.Components.Networking.Ingress;

namespace Platform.Tests.Networking.Ingress;

public class IngressControllerChartsTests
{
    [Theory]
    [InlineData(IngressControllerKind.Traefik, "traefik", "traefik")]
    [InlineData(IngressControllerKind.IngressNginx, "ingress-nginx", "ingress-nginx")]
    [InlineData(IngressControllerKind.Contour, "contour", "contour")]
    [InlineData(IngressControllerKind.HAProxy, "kubernetes-ingress", "haproxy-ingress")]
    public void Each_installable_kind_has_a_catalog_chart_and_namespace(IngressControllerKind kind, string chart, string ns)
    {
        Assert.Equal(chart, IngressControllerCharts.For(kind).Name);
        Assert.Contains(IngressControllerCharts.For(kind), HelmCharts.All);
        Assert.Equal(ns, IngressControllerCharts.Namespace(kind));
        Assert.False(IngressControllerCharts.RequiresCrdStep(kind));
    }

    [Fact]
    public void Emissary_comes_from_its_oci_charts_after_its_crds_chart()
    {
        Assert.Equal(HelmCharts.Emissary, IngressControllerCharts.For(IngressControllerKind.Emissary));
        Assert.True(HelmCharts.Emissary.IsOci);
        Assert.True(HelmCharts.EmissaryCrds.IsOci);
        Assert.True(IngressControllerCharts.RequiresCrdStep(IngressControllerKind.Emissary));
        Assert.Equal("emissary", IngressControllerCharts.Namespace(IngressControllerKind.Emissary));
        Assert.Equal(false, IngressControllerCharts.EmissaryCrdsValues["enableLegacyVersions"]);
    }

    [Fact]
    public void Namespaces_and_default_class_names_are_distinct()
    {
        var kinds = Enum.GetValues<IngressControllerKind>();

        Assert.Equal(kinds.Length, kinds.Select(IngressControllerCharts.Namespace).Distinct().Count());
        Assert.Equal(kinds.Length, kinds.Select(IngressControllerCharts.DefaultClassName).Distinct().Count());
    }

    [Theory]
    [InlineData(IngressControllerKind.Traefik, 8000, 8443)]
    [InlineData(IngressControllerKind.IngressNginx, 80, 443)]
    [InlineData(IngressControllerKind.Contour, 8080, 8443)]
    [InlineData(IngressControllerKind.HAProxy, 8080, 8443)]
    [InlineData(IngressControllerKind.Emissary, 8080, 8443)]
    public void Ports_start_with_http_and_https(IngressControllerKind kind, int http, int https)
    {
        var ports = IngressPorts.For(kind);

        Assert.Equal((http, "TCP"), ports[0]);
        Assert.Equal((https, "TCP"), ports[1]);
        Assert.All(ports, port => Assert.Contains(port.Protocol, new[] { "TCP", "UDP" }));
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }
}
