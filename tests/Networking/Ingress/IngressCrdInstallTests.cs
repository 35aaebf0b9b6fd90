using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Components.Networking.Ingress;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Utilities;

namespace Platform.Tests.Networking.Ingress;

/// <summary>Each ingress controller's CRDs reach the cluster through a path that upgrades them with the controller.</summary>
public class IngressCrdInstallTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string CrdType = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";
    private const string Traefik = "platform-prod-ingress-traefik";

    private static Task<StackRun> Run(string controllers)
    {
        var config = ValidConfig.Values();
        config["ingress"] = $$"""{"controllers": {{controllers}}}""";
        // The Trivy operator's CRDs are registered one by one too: keep the count to the ingress controllers' own.
        config["capabilities"] = """{"imageScanning": false}""";
        return StackRunner.RunAsync(config);
    }

    [Fact]
    public async Task Traefik_crds_of_its_release_are_registered_one_by_one_before_the_chart_which_skips_its_crds_folder()
    {
        var run = await Run("""[{"kind": "traefik", "default": true}]""");

        var release = run.Registration(ReleaseType, Traefik);
        Assert.Equal(true, release.Inputs["skipCrds"]);
        var order = run.Registrations.ToList();
        var graph = await DependencyGraph.OfAsync(run);
        var crds = ChartCrds.Of(HelmCharts.Traefik);
        Assert.Equal(25, crds.Count);
        foreach (var crd in crds)
        {
            var name = $"{Traefik}-crd-{crd.Name}";
            var registered = run.Registration(CrdType, name);
            Assert.Equal("apiextensions.k8s.io/v1", registered.Inputs["apiVersion"]);
            Assert.Equal("CustomResourceDefinition", registered.Inputs["kind"]);
            Assert.Equal(crd.Name, ((IReadOnlyDictionary<string, object>)registered.Inputs["metadata"])["name"]);
            Assert.True(order.IndexOf(registered) < order.IndexOf(release), name);
            Assert.Contains(name, graph.Direct(Traefik));
            // Kept on delete by its own option: the engine does not pass RetainOnDelete from a component to its children.
            Assert.True(run.Options[name].RetainOnDelete, name);
        }
        Assert.Equal(crds.Count, run.RegistrationsOf(CrdType).Count);
        Assert.DoesNotContain(run.Registrations, r => r.Type == "kubernetes:yaml/v2:ConfigGroup");
        // The release itself is still an atomic one: its own resources roll back, the CRDs are not in it.
        Assert.Equal(true, release.Inputs["atomic"]);
    }

    [Fact]
    public async Task Controllers_whose_charts_bring_their_crds_get_no_step_and_keep_helms_crd_handling()
    {
        var run = await Run("""[{"kind": "traefik", "default": true}, {"kind": "ingress-nginx"}, {"kind": "contour"}, {"kind": "haproxy"}]""");

        foreach (var name in new[] { "platform-prod-ingress-nginx", "platform-prod-ingress-contour", "platform-prod-ingress-haproxy" })
        {
            Assert.False(run.Registration(ReleaseType, name).Inputs.ContainsKey("skipCrds"), name);
            Assert.DoesNotContain(run.Registrations, r => r.Name == name + "-crds");
        }
        // HAProxy's chart upgrades its CRDs through its own hook Job; Contour's are templates switched on explicitly.
        Assert.Equal(CrdInstall.HookJob, IngressControllerCharts.For(IngressControllerKind.HAProxy).Crds);
        var contour = (IReadOnlyDictionary<string, object>)run.Registration(ReleaseType, "platform-prod-ingress-contour").Inputs["values"];
        Assert.Equal(true, ((IReadOnlyDictionary<string, object>)contour["contour"])["manageCRDs"]);
    }

    [Fact]
    public async Task Emissarys_crd_chart_is_never_rolled_back_or_uninstalled_and_goes_first()
    {
        var run = await Run("""[{"kind": "emissary", "default": true}]""");

        var crds = run.Registration(ReleaseType, "platform-prod-ingress-emissary-crds");
        Assert.Equal(false, crds.Inputs["atomic"]);
        Assert.Equal(false, crds.Inputs["cleanupOnFail"]);
        Assert.True(run.Options["platform-prod-ingress-emissary-crds"].RetainOnDelete);
        Assert.Equal(false, ((IReadOnlyDictionary<string, object>)crds.Inputs["values"])["enableLegacyVersions"]);
        var release = run.Registration(ReleaseType, "platform-prod-ingress-emissary");
        Assert.Equal(true, release.Inputs["atomic"]);
        Assert.False(release.Inputs.ContainsKey("skipCrds"));
        var graph = await DependencyGraph.OfAsync(run);
        Assert.Contains("platform-prod-ingress-emissary-crds", graph.Direct("platform-prod-ingress-emissary"));
        Assert.Empty(run.RegistrationsOf(CrdType));
    }

    [Theory]
    [InlineData(IngressControllerKind.Traefik, false)]
    [InlineData(IngressControllerKind.IngressNginx, false)]
    [InlineData(IngressControllerKind.Contour, false)]
    [InlineData(IngressControllerKind.HAProxy, false)]
    [InlineData(IngressControllerKind.Emissary, true)]
    public void Only_charts_with_a_crd_chart_need_a_crd_release(IngressControllerKind kind, bool crdRelease)
    {
        Assert.Equal(crdRelease, IngressControllerCharts.RequiresCrdStep(kind));
        Assert.Equal(crdRelease, IngressControllerCharts.For(kind).CrdChart is not null);
        Assert.Equal(crdRelease ? IngressControllerCharts.EmissaryCrdsValues : new Dictionary<string, object>(), IngressControllerCharts.CrdChartValues(kind));
    }
}
