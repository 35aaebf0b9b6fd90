using Platform.Components.Catalog;
using Platform.Components.Security.Audits;
using Platform.Tests.Harness;

namespace Platform.Tests.Security;

/// <summary>Falco's values, read against the chart's reference data (values-paths of the chart and its Falcosidekick
/// subchart), and the outputs, driver and node selection they set.</summary>
public class AuditsValuesTests
{
    private static readonly SecurityAuditsOptions Options = new();

    private static FalcoInputs Inputs(bool monitoring, bool logging) => new()
    {
        PlatformRulesYaml = PlatformRules.Render(new PlatformRulesInputs()),
        AlertmanagerUrl = monitoring ? "http://kube-prometheus-stack-alertmanager.monitoring.svc:9093" : null,
        OpenSearchEndpoint = logging ? "https://opensearch-cluster-master.logging.svc:9200" : null,
        ServiceMonitors = monitoring,
    };

    public static TheoryData<bool, bool> Layers() => new() { { false, false }, { true, false }, { false, true }, { true, true } };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Every_value_is_a_path_the_chart_or_falcosidekick_reads(bool monitoring, bool logging)
    {
        var values = FalcoValues.Render(Options, Inputs(monitoring, logging));

        ValuesTree.AssertRoundTrips(values);
        Assert.Empty(ChartPaths.Unread(HelmCharts.Falco, values));
        // No schema in the chart: chart-check (in .ci/run) checks the rendered fixtures against the same data.
        Assert.False(File.Exists(Path.Combine(RepoRoot.Path, "..", "shared", "charts", "falco", HelmCharts.Falco.Version, "values.schema.json")));
    }

    [Fact]
    public void Falco_runs_the_modern_ebpf_probe_on_every_node_but_those_labelled_without_btf_and_downloads_nothing()
    {
        var values = FalcoValues.Render(Options, Inputs(monitoring: false, logging: false));

        Assert.Equal("modern_ebpf", ValuesTree.At(values, "driver.kind"));
        Assert.Equal(false, ValuesTree.At(values, "driver.loader.enabled"));
        var toleration = (IReadOnlyDictionary<string, object>)Assert.Single((object[])ValuesTree.At(values, "tolerations"));
        Assert.Equal(new Dictionary<string, object> { ["operator"] = "Exists" }, toleration);
        var term = (IReadOnlyDictionary<string, object>)Assert.Single((object[])ValuesTree.At(values, "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms"));
        var expression = (IReadOnlyDictionary<string, object>)Assert.Single((object[])term["matchExpressions"]);
        Assert.Equal((FalcoValues.NoBtfLabel, "NotIn"), ((string)expression["key"], (string)expression["operator"]));
        Assert.Equal(["false"], (object[])expression["values"]);
        Assert.Equal(false, ValuesTree.At(values, "falcoctl.artifact.install.enabled"));
        Assert.Equal(false, ValuesTree.At(values, "falcoctl.artifact.follow.enabled"));
        Assert.Equal(false, ValuesTree.At(values, "collectors.kubernetes.enabled"));
        Assert.Equal(["/run/containerd/containerd.sock"], (object[])ValuesTree.At(values, "collectors.containerEngine.engines.cri.sockets"));
        Assert.Equal("notice", ValuesTree.At(values, "falco.priority"));
        Assert.Equal(PlatformRules.Render(new PlatformRulesInputs()), ((IReadOnlyDictionary<string, object>)values["customRules"])[PlatformRules.FileName]);
        Assert.Equal(("100m", "512Mi", "1Gi"), ((string)ValuesTree.At(values, "resources.requests.cpu"), (string)ValuesTree.At(values, "resources.requests.memory"),
            (string)ValuesTree.At(values, "resources.limits.memory")));
    }

    [Fact]
    public void Without_an_output_falcosidekick_stays_off()
    {
        var values = FalcoValues.Render(Options, Inputs(monitoring: false, logging: false));

        Assert.Equal(new Dictionary<string, object> { ["enabled"] = false }, (IReadOnlyDictionary<string, object>)values["falcosidekick"]);
        Assert.Equal(false, ValuesTree.At(values, "metrics.enabled"));
        Assert.Equal(false, ValuesTree.At(values, "serviceMonitor.create"));
    }

    [Fact]
    public void With_monitoring_events_go_to_alertmanager_from_their_minimum_priority_and_everything_is_scraped()
    {
        var values = FalcoValues.Render(Options with { AlertmanagerMinimumPriority = FalcoPriority.Error }, Inputs(monitoring: true, logging: false));

        Assert.Equal(true, ValuesTree.At(values, "falcosidekick.enabled"));
        Assert.Equal("http://kube-prometheus-stack-alertmanager.monitoring.svc:9093", ValuesTree.At(values, "falcosidekick.config.alertmanager.hostport"));
        Assert.Equal("error", ValuesTree.At(values, "falcosidekick.config.alertmanager.minimumpriority"));
        Assert.False(ValuesTree.Has(values, "falcosidekick.config.elasticsearch"));
        Assert.False(ValuesTree.Has(values, "falcosidekick.config.existingSecret"));
        Assert.Equal(true, ValuesTree.At(values, "metrics.enabled"));
        Assert.Equal(true, ValuesTree.At(values, "serviceMonitor.create"));
        Assert.Equal(true, ValuesTree.At(values, "falcosidekick.serviceMonitor.enabled"));
    }

    [Fact]
    public void With_logging_events_go_to_opensearch_with_the_ca_verified_and_the_credentials_from_a_secret()
    {
        var values = FalcoValues.Render(Options, Inputs(monitoring: false, logging: true));

        Assert.False(ValuesTree.Has(values, "falcosidekick.config.alertmanager"));
        Assert.Equal("https://opensearch-cluster-master.logging.svc:9200", ValuesTree.At(values, "falcosidekick.config.elasticsearch.hostport"));
        Assert.Equal((FalcoValues.OpenSearchIndex, "daily", true, "notice"), ((string)ValuesTree.At(values, "falcosidekick.config.elasticsearch.index"),
            (string)ValuesTree.At(values, "falcosidekick.config.elasticsearch.suffix"), (bool)ValuesTree.At(values, "falcosidekick.config.elasticsearch.checkcert"),
            (string)ValuesTree.At(values, "falcosidekick.config.elasticsearch.minimumpriority")));
        Assert.False(ValuesTree.Has(values, "falcosidekick.config.elasticsearch.username"));
        Assert.False(ValuesTree.Has(values, "falcosidekick.config.elasticsearch.password"));
        Assert.Equal("falcosidekick-opensearch", ValuesTree.At(values, "falcosidekick.config.existingSecret"));
        Assert.Equal(FalcoValues.SidekickCaPath, ValuesTree.At(values, "falcosidekick.config.tlsclient.cacertfile"));
        var volume = (IReadOnlyDictionary<string, object>)Assert.Single((object[])ValuesTree.At(values, "falcosidekick.extraVolumes"));
        var mount = (IReadOnlyDictionary<string, object>)Assert.Single((object[])ValuesTree.At(values, "falcosidekick.extraVolumeMounts"));
        Assert.Equal(volume["name"], mount["name"]);
        Assert.Equal("falcosidekick-opensearch-ca", ValuesTree.At(volume, "secret.secretName"));
        Assert.Equal(Path.GetDirectoryName(FalcoValues.SidekickCaPath), mount["mountPath"]);
    }

    [Fact]
    public void Bad_options_are_refused_before_rendering()
    {
        var bad = Options with { Exceptions = [new AuditException { Rule = "Terminal shell in container", Namespace = "ops", Reason = "" }] };

        var error = Assert.Throws<ArgumentException>(() => FalcoValues.Render(bad, Inputs(false, false)));
        Assert.Contains("exceptions[0].reason is required", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FalcoValues.Render(Options, Inputs(true, false) with { SidekickReplicas = 0 }));
    }
}
