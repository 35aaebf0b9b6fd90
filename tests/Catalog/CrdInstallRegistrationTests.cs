using System.Text.Json.Nodes;
using Platform.Components.Catalog;
using Platform.Renderer;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Render;

namespace Platform.Tests.Catalog;

/// <summary>The releases every rendered stack registers (what <c>registrations.json</c> carries and chart-check reads)
/// follow their chart's CRD path, and together the stacks cover every chart of the catalog.</summary>
public class CrdInstallRegistrationTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string ConfigGroupType = "kubernetes:yaml/v2:ConfigGroup";

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
            Assert.True((chart.Crds == CrdInstall.Manifests) == IsTrue(release.Inputs["skipCrds"]), because + ": skipCrds exactly when a step applies the CRDs");
            switch (chart.Crds)
            {
                case CrdInstall.Manifests:
                    var stepName = release.Name + "-crds";
                    var step = Assert.Single(registrations, r => r.Type == ConfigGroupType && r.Name == stepName);
                    Assert.Equal(chart.CrdManifests, step.Inputs["files"]!.AsArray().Select(f => (string)f!).ToList());
                    Assert.True(Index(ConfigGroupType, stepName) < at, because + ": the CRD step is registered first");
                    Assert.Contains(stepName, release.DependsOn);
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
        // No CRD step without the release it serves.
        foreach (var step in registrations.Where(r => r.Type == ConfigGroupType && r.Name.EndsWith("-crds", StringComparison.Ordinal)))
            Assert.Contains(registrations, r => r.Type == ReleaseType && r.Name + "-crds" == step.Name);
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
    public async Task Crd_releases_and_crd_steps_are_kept_when_they_leave_the_stack()
    {
        var config = ValidConfig.Values();
        config["cni"] = """{"plugin": "calico"}""";
        config["ingress"] = """{"controllers": [{"kind": "traefik", "default": true}, {"kind": "emissary"}]}""";
        var run = await StackRunner.RunAsync(config);

        foreach (var name in new[] { "platform-prod-cni-calico-crds", "platform-prod-ingress-emissary-crds", "platform-prod-ingress-traefik-crds" })
            Assert.True(run.Options[name].RetainOnDelete, name);
        foreach (var name in new[] { "platform-prod-cni-calico", "platform-prod-ingress-emissary" })
            Assert.NotEqual(true, run.Options[name].RetainOnDelete);
        // The step sits in the layer, beside the release it serves.
        Assert.Equal(run.Options["platform-prod-ingress-traefik"].Parent, run.Options["platform-prod-ingress-traefik-crds"].Parent);
    }
}
