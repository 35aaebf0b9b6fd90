using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using k8s.Models;
using Platform.Components.Catalog;
using Platform.Components.Secrets.ExternalSecrets;
using Platform.Tests.Harness;
using Platform.Tests.Validation;

namespace Platform.Tests.Secrets;

/// <summary>The External Secrets Operator's values: every leaf is read by the pinned chart, the values coalesced with the
/// chart's values.yaml are valid against its values.schema.json, the CRD templates are off, every component's container
/// context is restricted, and monitoring switches the ServiceMonitors on in the mode that fails without their CRD.</summary>
public class ExternalSecretsValuesTests
{
    private static string Data(string file) =>
        Path.Combine(RepoRoot.Path, "..", "shared", "charts", HelmCharts.ExternalSecrets.Name, HelmCharts.ExternalSecrets.Version, file);

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_leaf_is_read_by_the_chart(bool monitoring)
    {
        Assert.Empty(ChartPaths.Unread(HelmCharts.ExternalSecrets, ExternalSecretsValues.Render(monitoring)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_coalesced_values_fit_the_charts_schema(bool monitoring)
    {
        Assert.Empty(ChartSchema.Errors(HelmCharts.ExternalSecrets, ExternalSecretsValues.Render(monitoring)));
        // The check sees a wrong value.
        var wrong = new Dictionary<string, object>(ExternalSecretsValues.Render(monitoring)) { ["serviceMonitor"] = new Dictionary<string, object> { ["renderMode"] = "sometimes" } };
        Assert.NotEmpty(ChartSchema.Errors(HelmCharts.ExternalSecrets, wrong));
    }

    [Fact]
    public void The_crd_templates_are_off_and_every_container_is_restricted()
    {
        var values = ExternalSecretsValues.Render(monitoring: false);
        Assert.Equal(false, values["installCRDs"]);
        Assert.Equal(false, Map(Map(values["crds"])["conversion"])["enabled"]);
        foreach (var context in new[] { values["securityContext"], Map(values["webhook"])["securityContext"], Map(values["certController"])["securityContext"] })
        {
            var map = Map(context);
            Assert.Equal(true, map["enabled"]);
            var decoded = StrictJson.Decode<V1SecurityContext>(JsonSerializer.SerializeToNode(map.Where(kv => kv.Key != "enabled").ToDictionary()));
            Assert.Empty(RestrictedPodSecurity.Violations(null, decoded));
            Assert.True(decoded.ReadOnlyRootFilesystem);
        }
        Assert.Equal(ExternalSecretsValues.WebhookPort, Map(values["webhook"])["port"]);
        Assert.Equal(ExternalSecretsValues.ControllerServiceAccount, Map(values["serviceAccount"])["name"]);
        Assert.Equal(new Dictionary<string, object> { ["enabled"] = false }, Map(values["serviceMonitor"]));
    }
}
