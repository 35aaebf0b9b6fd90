using System.Text.Json;
using k8s.Models;
using Platform.Components.Catalog;
using Platform.Components.Observability;
using Platform.Components.Observability.Monitoring;
using Platform.Components.Observability.Tracing;
using Platform.Stacks;
using Platform.Stacks.Composition;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Validation;
using Pulumi;
using Pulumi.Testing;

namespace Platform.Tests.Observability.Tracing;

/// <summary>What the tracing capability registers: on by default for enterprise, optional below; Jaeger in the
/// restricted <c>tracing</c> namespace with exactly the traffic it needs, a ServiceMonitor and Grafana's Jaeger data
/// source with monitoring, the OTLP endpoints as stack outputs; with the logging layer's OpenSearch, the credentials as a
/// Secret, the CA as a ConfigMap, and the release after OpenSearch.</summary>
public class TracingLayerTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string PolicyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    private const string Release = "platform-prod-tracing-jaeger";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static Dictionary<string, string> Config(string tier = "medium", string? capabilities = """{"tracing": true}""")
    {
        var config = ValidConfig.Values();
        config["tier"] = tier;
        if (capabilities is not null) config["capabilities"] = capabilities;
        Tenancy.TenancyConfigTests.EnterpriseBackupTarget(config);
        return config;
    }

    private static V1NetworkPolicySpec Policy(IReadOnlyList<MockResourceArgs> registrations, string name) =>
        StrictJson.Decode<V1NetworkPolicySpec>(JsonSerializer.SerializeToNode(Assert.Single(registrations, r => r.Type == PolicyType && r.Name == name).Inputs["spec"]));

    [Theory]
    [InlineData("small", false)]
    [InlineData("medium", false)]
    [InlineData("enterprise", true)]
    public async Task Tracing_is_on_by_default_for_enterprise_only_and_an_override_switches_it_on(string tier, bool byDefault)
    {
        var run = await StackRunner.RunAsync(Config(tier, capabilities: null));
        Assert.Equal(byDefault ? 1 : 0, run.All<TracingLayer>().Count);

        var on = await StackRunner.RunAsync(Config(tier));
        Assert.Single(on.All<TracingLayer>());
        var release = on.Registration(ReleaseType, Release);
        Assert.Equal((HelmCharts.Jaeger.Name, HelmCharts.Jaeger.Version, TracingLayer.Namespace),
            ((string)release.Inputs["chart"], (string)release.Inputs["version"], (string)release.Inputs["namespace"]));
        var ns = Map(on.Registration("kubernetes:core/v1:Namespace", "platform-prod-tracing-namespace").Inputs["metadata"]);
        Assert.Equal("restricted", Map(ns["labels"])["pod-security.kubernetes.io/enforce"]);
    }

    [Fact]
    public async Task The_stack_outputs_the_otlp_endpoints_and_empty_ones_with_tracing_off()
    {
        var on = (await StackRunner.RunAsync(Config())).Single<PlatformStack>();
        Assert.Equal("jaeger.tracing.svc:4317", await Outputs.ValueAsync(on.TracingOtlpGrpc));
        Assert.Equal("http://jaeger.tracing.svc:4318", await Outputs.ValueAsync(on.TracingOtlpHttp));

        var off = (await StackRunner.RunAsync(Config(capabilities: null))).Single<PlatformStack>();
        Assert.Equal("", await Outputs.ValueAsync(off.TracingOtlpGrpc));
        Assert.Equal("", await Outputs.ValueAsync(off.TracingOtlpHttp));
    }

    [Fact]
    public async Task Without_logging_jaeger_runs_one_replica_in_memory_and_its_namespace_allows_otlp_from_every_namespace()
    {
        var run = await StackRunner.RunAsync(Config("enterprise", capabilities: """{"logging": false}"""));
        var values = Map(run.Registration(ReleaseType, Release).Inputs["values"]);

        Assert.Equal(1, Convert.ToInt32(ValuesTree.At(values, "jaeger.replicas"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("memory", run.Single<TracingLayer>().Storage);
        Assert.True(ValuesTree.Has(values, "userconfig.extensions.jaeger_storage.backends.primary.memory"));
        Assert.DoesNotContain(run.RegistrationsOf("kubernetes:core/v1:Secret"), r => r.Name == "platform-prod-tracing-opensearch-credentials");

        var otlp = Policy(run.Registrations, "platform-prod-tracing-namespace-allow-otlp-from-applications");
        var rule = Assert.Single(otlp.Ingress);
        Assert.Empty(Assert.Single(rule.FromProperty).NamespaceSelector.MatchLabels ?? new Dictionary<string, string>());
        Assert.Equal(["4317/TCP", "4318/TCP", "5778/TCP", "5779/TCP"], rule.Ports.Select(p => $"{p.Port}/{p.Protocol}"));
        // No egress beyond DNS: Jaeger talks to nothing without OpenSearch.
        Assert.DoesNotContain(run.Registrations, r => r.Type == PolicyType && r.Name == "platform-prod-tracing-namespace-allow-opensearch");
        Assert.DoesNotContain(run.Registrations, r => r.Type == PolicyType && r.Name == "platform-prod-tracing-namespace-allow-api-server");
    }

    [Fact]
    public async Task With_monitoring_jaeger_is_scraped_and_grafana_gets_its_data_source_as_a_labelled_secret()
    {
        var run = await StackRunner.RunAsync(Config());
        var graph = await DependencyGraph.OfAsync(run);

        var monitor = Assert.Single(run.RegistrationsOf("kubernetes:monitoring.coreos.com/v1:ServiceMonitor"), r => r.Name == "platform-prod-tracing-service-monitor");
        Assert.Equal(JaegerValues.MetricsPortName, ValuesTree.At(Map(monitor.Inputs["spec"]), "endpoints") is System.Collections.Immutable.ImmutableArray<object> endpoints
            ? (string)Map(endpoints[0])["port"] : null);
        Assert.Contains("platform-prod-monitoring-crds-prometheus-operator-crds", graph.Direct("platform-prod-tracing-service-monitor"));

        var secret = run.Registration("kubernetes:core/v1:Secret", "platform-prod-tracing-grafana-datasource-secret");
        var metadata = Map(secret.Inputs["metadata"]);
        Assert.Equal(("grafana-datasource-jaeger", MonitoringLayer.Namespace), ((string)metadata["name"], (string)metadata["namespace"]));
        Assert.Equal("1", Map(metadata["labels"])["grafana_datasource"]);
        var document = StrictJson.DecodeYaml<DataSourceFile>((string)Map(secret.Inputs["stringData"])["jaeger.yaml"]);
        var source = Assert.Single(document.DataSources);
        Assert.Equal(("jaeger", "http://jaeger.tracing.svc:16686", "proxy"), (source.Type, source.Url, source.Access));
        // The Secret goes into the monitoring namespace, which must exist first.
        Assert.Contains("platform-prod-monitoring-namespace", graph.Transitive("platform-prod-tracing-grafana-datasource-secret"));

        var grafana = Policy(run.Registrations, "platform-prod-tracing-namespace-allow-query-from-grafana");
        Assert.Equal("monitoring", Assert.Single(Assert.Single(grafana.Ingress).FromProperty).NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        var toJaeger = Policy(run.Registrations, "platform-prod-monitoring-namespace-allow-grafana-to-jaeger");
        Assert.Equal("16686/TCP", Assert.Single(Assert.Single(toJaeger.Egress).Ports).Let(p => $"{p.Port}/{p.Protocol}"));
    }

    [Fact]
    public async Task With_a_hostname_and_ingress_the_ui_is_exposed_and_the_controller_may_reach_it()
    {
        var config = Config();
        config["tracing"] = """{"host": "jaeger.platform-prod.example.com"}""";
        var run = await StackRunner.RunAsync(config);
        var values = Map(run.Registration(ReleaseType, Release).Inputs["values"]);

        Assert.Equal("traefik", ValuesTree.At(values, "jaeger.ingress.ingressClassName"));
        var fromIngress = Policy(run.Registrations, "platform-prod-tracing-namespace-allow-ui-from-ingress");
        Assert.Equal("16686/TCP", Assert.Single(Assert.Single(fromIngress.Ingress).Ports).Let(p => $"{p.Port}/{p.Protocol}"));
    }

    [Fact]
    public async Task With_the_logging_backend_traces_go_to_opensearch_after_it_with_the_jaeger_users_secret()
    {
        var run = await ComponentRun.RunAsync(
            () => (Ready: new Pulumi.Kubernetes.Core.V1.Namespace("opensearch-ready"), Crds: new Pulumi.Kubernetes.Core.V1.Namespace("crds")),
            (before, options) => _ = new TracingLayer("t", new TracingLayerArgs
            {
                Options = Platform.Stacks.Configuration.TracingTierSizing.Defaults(Platform.Stacks.Configuration.PlatformTier.Medium) with { Replicas = 2 },
                Logging = Backend(before.Ready),
                Metrics = new MetricsScraping { CrdsReady = before.Crds },
            }, options));

        var secret = run.Registration("kubernetes:core/v1:Secret", "t-opensearch-credentials");
        Assert.Equal(JaegerValues.CredentialsSecret, (string)Map(secret.Inputs["metadata"])["name"]);
        Assert.Equal(("jaeger", "s3cret"), ((string)Map(secret.Inputs["stringData"])["username"], (string)Map(secret.Inputs["stringData"])["password"]));
        var ca = run.Registration("kubernetes:core/v1:ConfigMap", "t-opensearch-ca");
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", (string)Map(ca.Inputs["data"])[JaegerValues.CaKey], StringComparison.Ordinal);
        Assert.Superset(new HashSet<string> { "opensearch-ready", "t-opensearch-credentials", "t-opensearch-ca" }, run.DependsOn["t-jaeger"].ToHashSet());
        var values = run.Values("t-jaeger");
        Assert.Equal(2, Convert.ToInt32(ValuesTree.At(values, "jaeger.replicas"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("https://opensearch-cluster-master.logging.svc:9200",
            ((System.Collections.Immutable.ImmutableArray<object>)ValuesTree.At(values, "userconfig.extensions.jaeger_storage.backends.primary.opensearch.server_urls"))[0]);
        // The password is nowhere in the values.
        Assert.DoesNotContain("s3cret", JsonSerializer.Serialize(values), StringComparison.Ordinal);

        var egress = Policy(run.Registrations, "t-namespace-allow-opensearch");
        var rule = Assert.Single(egress.Egress);
        Assert.Equal("logging", Assert.Single(rule.To).NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.Equal("9200/TCP", Assert.Single(rule.Ports).Let(p => $"{p.Port}/{p.Protocol}"));
    }

    [Fact]
    public async Task A_logging_backend_without_a_jaeger_user_is_refused()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ComponentRun.RunAsync(
            () => new Pulumi.Kubernetes.Core.V1.Namespace("opensearch-ready"),
            (ready, options) => _ = new TracingLayer("t", new TracingLayerArgs
            {
                Options = Platform.Stacks.Configuration.TracingTierSizing.Defaults(Platform.Stacks.Configuration.PlatformTier.Medium),
                Logging = Backend(ready) with { Users = new Dictionary<string, OpenSearchCredentials>() },
            }, options)));
        Assert.Contains("the logging backend has no 'jaeger' user", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tracing_comes_after_monitoring_and_after_logging()
    {
        var order = PlatformLayers.InOrder.Select(l => l.Key).ToList();
        var tracing = order.IndexOf(Platform.Stacks.Capabilities.CapabilityIds.Tracing);
        Assert.True(tracing > order.IndexOf(Platform.Stacks.Capabilities.CapabilityIds.Monitoring));
        // The logging layer (when this version has it) sets PlatformContext.Logging, which the tracing layer reads.
        Assert.All(order.Select((id, i) => (id, i)).Where(e => e.id == Platform.Stacks.Capabilities.CapabilityIds.Logging), e => Assert.True(e.i < tracing));
    }

    internal static LoggingBackend Backend(Resource ready) => new()
    {
        Endpoint = "https://opensearch-cluster-master.logging.svc:9200",
        CaCertificatePem = Output.Create("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"),
        Users = new Dictionary<string, OpenSearchCredentials>
        {
            [LoggingClients.Jaeger] = new() { Username = "jaeger", Password = Output.CreateSecret("s3cret") },
            [LoggingClients.Grafana] = new() { Username = "grafana", Password = Output.CreateSecret("gr4fana") },
            [LoggingClients.Falcosidekick] = new() { Username = "falcosidekick", Password = Output.CreateSecret("f4lco") },
            [LoggingClients.FluentBit] = new() { Username = "fluent-bit", Password = Output.CreateSecret("flu3nt") },
        },
        Ready = ready,
    };
}

internal static class LetExtensions
{
    public static TResult Let<T, TResult>(this T value, Func<T, TResult> f) => f(value);
}
