using System.Text.Json.Nodes;
using Platform.Components.Catalog;
using Platform.Renderer;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Render;
using Platform.Tests.Validation;

namespace Platform.Tests.Catalog;

/// <summary>The releases every rendered stack registers (what <c>registrations.json</c> carries and chart-check reads)
/// follow their chart's CRD path, and together the stacks cover every chart of the catalog.</summary>
public class CrdInstallRegistrationTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string CrdType = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";

    public static TheoryData<string> Stacks() => RenderedStacks.All();

    private static string Reference(HelmChart chart) => chart.IsOci ? $"{chart.Repository}/{chart.Name}" : chart.Name;

    private static HelmChart ChartOf(Registration release) =>
        Assert.Single(HelmCharts.All, chart => Reference(chart) == (string?)release.Inputs["chart"] && chart.Version == (string?)release.Inputs["version"]);

    private static bool IsTrue(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var b) && b;

    private static JsonNode? At(JsonObject values, string path)
    {
        JsonNode? current = values;
        foreach (var key in path.Split('.'))
            current = current is JsonObject map && map.TryGetPropertyValue(key, out var next) ? next : null;
        return current;
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Every_release_follows_its_charts_crd_path(string stack)
    {
        var registrations = (await RenderedStacks.PlanAsync(stack)).Registrations.ToList();
        int Index(string type, string name) => registrations.FindIndex(r => r.Type == type && r.Name == name);

        foreach (var release in registrations.Where(r => r.Type == ReleaseType))
        {
            var chart = ChartOf(release);
            var at = registrations.IndexOf(release);
            var because = $"{stack}: {release.Name} ({chart.Name}, CRDs {chart.Crds})";
            Assert.True((chart.Crds == CrdInstall.Manifests) == IsTrue(release.Inputs["skipCrds"]), because + ": skipCrds exactly when the program registers the CRDs");
            switch (chart.Crds)
            {
                case CrdInstall.Manifests:
                    // Every CRD of the vendored folder, as a resource of its own, registered before the release, which
                    // waits for each; and nothing else under that name.
                    var crdNames = ChartCrds.Of(chart).Select(crd => release.Name + "-crd-" + crd.Name).ToList();
                    Assert.Equal(crdNames.Order(StringComparer.Ordinal),
                        registrations.Where(r => r.Name.StartsWith(release.Name + "-crd-", StringComparison.Ordinal)).Select(r => r.Name).Order(StringComparer.Ordinal));
                    foreach (var crd in ChartCrds.Of(chart))
                    {
                        var crdName = release.Name + "-crd-" + crd.Name;
                        var registered = Assert.Single(registrations, r => r.Type == CrdType && r.Name == crdName);
                        Assert.True(Index(CrdType, crdName) < at, because + $": {crd.Name} is registered first");
                        Assert.Contains(crdName, release.DependsOn);
                        Assert.Equal(release.Parent, registered.Parent);
                        Assert.Equal(crd.Name, (string?)registered.Inputs["metadata"]?["name"]);
                    }
                    break;
                case CrdInstall.FromCrdChart:
                    var crds = Assert.Single(registrations, r => r.Type == ReleaseType && release.DependsOn.Contains(r.Name) && ChartOf(r) == chart.CrdChart);
                    Assert.True(registrations.IndexOf(crds) < at, because + ": the CRD chart is registered first");
                    break;
                case CrdInstall.CrdChart:
                    Assert.False(IsTrue(release.Inputs["atomic"]), because + ": an atomic install that fails uninstalls the CRDs");
                    Assert.False(IsTrue(release.Inputs["cleanupOnFail"]), because + ": clean-up deletes CRDs a failed upgrade created");
                    Assert.Contains(registrations, r => r.Type == ReleaseType && r.DependsOn.Contains(release.Name) && ChartOf(r).CrdChart == chart);
                    break;
                case CrdInstall.Templates:
                    Assert.True(IsTrue(At(release.Inputs["values"]!.AsObject(), chart.CrdValuesSwitch!)), because + $": {chart.CrdValuesSwitch} is set to true");
                    break;
            }
        }
        // No CRD without the release it serves, and no manifest group applying files from elsewhere.
        // The cluster's Gateway API CRDs (GatewayApiCrds) serve every release that waits for them.
        foreach (var crd in registrations.Where(r => r.Type == CrdType))
            Assert.Contains(registrations, r => r.Type == ReleaseType && r.DependsOn.Contains(crd.Name)
                && (crd.Name == r.Name + "-crd-" + (string?)crd.Inputs["metadata"]?["name"]
                    || crd.Name!.EndsWith("-gateway-api-crd-" + (string?)crd.Inputs["metadata"]?["name"], StringComparison.Ordinal)));
        Assert.DoesNotContain(registrations, r => r.Type == "kubernetes:yaml/v2:ConfigGroup");
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Every_registered_crd_is_its_vendored_file_as_kubernetes_reads_it(string stack)
    {
        var plan = await RenderedStacks.PlanAsync(stack);
        var files = HelmCharts.All.Where(chart => chart.Crds == CrdInstall.Manifests).SelectMany(ChartCrds.Of).Concat(GatewayApi.Crds)
            .GroupBy(crd => crd.Name).ToDictionary(g => g.Key, g => g.ToList());

        foreach (var registered in plan.OfType(CrdType))
        {
            var name = (string)registered.Inputs["metadata"]!["name"]!;
            var crd = Assert.Single(files[name]);
            // What registrations.json carries is the file, field for field and value for value (KubeYaml reads it as
            // sigs.k8s.io/yaml does, so as Helm would have applied it).
            Assert.True(CrdJson.Canonical(KubeYaml.Single(crd.Text)) == CrdJson.Canonical(registered.Inputs), $"{stack}: {registered.Name} differs from {crd.Folder}/{crd.FileName}");
        }
    }

    [Fact]
    public async Task The_rendered_stacks_install_every_chart_of_the_catalog()
    {
        var installed = new HashSet<HelmChart>();
        foreach (string stack in Stacks())
        {
            var plan = await RenderedStacks.PlanAsync(stack);
            installed.UnionWith(plan.OfType(ReleaseType).Select(ChartOf));
        }

        Assert.Empty(HelmCharts.All.Where(chart => !installed.Contains(chart)).Select(chart => chart.Name));
    }

    [Fact]
    public async Task Crd_releases_and_crd_resources_are_kept_when_they_leave_the_stack()
    {
        var config = ValidConfig.Values();
        config["cni"] = """{"plugin": "calico"}""";
        config["ingress"] = """{"controllers": [{"kind": "traefik", "default": true}, {"kind": "emissary"}]}""";
        var run = await StackRunner.RunAsync(config);

        var traefikCrds = ChartCrds.Of(HelmCharts.Traefik).Select(crd => "platform-prod-ingress-traefik-crd-" + crd.Name).ToList();
        foreach (var name in new[] { "platform-prod-cni-calico-crds", "platform-prod-ingress-emissary-crds" }.Concat(traefikCrds))
            Assert.True(run.Options[name].RetainOnDelete, name);
        foreach (var name in new[] { "platform-prod-cni-calico", "platform-prod-ingress-emissary", "platform-prod-ingress-traefik" })
            Assert.NotEqual(true, run.Options[name].RetainOnDelete);
        // Each CRD sits in the layer, beside the release it serves.
        Assert.All(traefikCrds, name => Assert.Same(run.Options["platform-prod-ingress-traefik"].Parent, run.Options[name].Parent));
    }
}
