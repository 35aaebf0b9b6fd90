using System.Collections.Immutable;
using System.Text.Json;
using Platform.Components.Catalog;
using Platform.Components.Cluster;
using Platform.Components.Observability;
using Platform.Components.Observability.LogShipping;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Testing;

namespace Platform.Tests.Observability.LogShipping;

/// <summary>The log shipping layer against a logging backend the test constructs (as the logging layer will): its
/// privileged namespace and exactly its traffic, the user's credentials and the CA as Secrets of its own, and a release
/// that waits for OpenSearch and, with monitoring, for the Prometheus Operator's CRDs.</summary>
public class LogShippingLayerTests
{
    private const string Ready = "opensearch-ready";
    private const string Crds = "prometheus-operator-crds";
    private const string Release = "logs-fluent-bit";
    private const string Password = "fluent-bit-password-7f3a";
    private const string Ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    internal static LoggingBackend Backend(Resource ready, string endpoint = "https://opensearch-cluster-master.logging.svc:9200", string user = LoggingClients.FluentBit) => new()
    {
        Endpoint = endpoint,
        CaCertificatePem = Output.Create(Ca),
        Users = new Dictionary<string, OpenSearchCredentials>
        {
            [user] = new() { Username = "fluent-bit", Password = Output.CreateSecret(Password) },
        },
        Ready = ready,
    };

    private static Task<ComponentRun> Run(bool monitoring = false) => ComponentRun.RunAsync(
        () => (Ready: new Pulumi.Kubernetes.Core.V1.Namespace(Ready), Crds: new Pulumi.Kubernetes.Core.V1.Namespace(Crds)),
        (prerequisites, options) => _ = new LogShippingLayer("logs", new LogShippingLayerArgs
        {
            Logging = Backend(prerequisites.Ready),
            NodeTaints = [new NodeTaint { Key = "dedicated", Value = "edge", Effect = TaintEffect.NoSchedule }],
            Metrics = monitoring ? new MetricsScraping { CrdsReady = prerequisites.Crds } : null,
        }, options));

    [Fact]
    public async Task Fluent_bit_runs_in_its_privileged_namespace_as_a_daemonset_of_the_pinned_chart()
    {
        var run = await Run();

        var ns = Map(Map(Assert.Single(run.Of("kubernetes:core/v1:Namespace"), r => r.Inputs.ContainsKey("metadata") && (string)Map(r.Inputs["metadata"])["name"] == LogShippingLayer.Namespace).Inputs["metadata"])["labels"]);
        Assert.Equal("privileged", ns["pod-security.kubernetes.io/enforce"]);
        Assert.Equal(LogShippingLayer.Namespace, LoggingClients.Namespaces[LoggingClients.FluentBit]);
        var release = run.Registration("kubernetes:helm.sh/v3:Release", Release);
        Assert.Equal((HelmCharts.FluentBit.Name, HelmCharts.FluentBit.Version, LogShippingLayer.Namespace),
            ((string)release.Inputs["chart"], (string)release.Inputs["version"], (string)release.Inputs["namespace"]));
        var values = run.Values(Release);
        Assert.Equal("DaemonSet", values["kind"]);
        Assert.Contains(((ImmutableArray<object>)values["tolerations"]).Select(Map), t => (string)t["key"] == "dedicated" && (string)t["value"] == "edge");
    }

    [Fact]
    public async Task The_namespace_allows_the_api_server_opensearch_and_scraping_and_nothing_else()
    {
        var run = await Run();
        var policies = run.Of("kubernetes:networking.k8s.io/v1:NetworkPolicy")
            .Where(p => (string)Map(p.Inputs["metadata"])["namespace"] == LogShippingLayer.Namespace)
            .ToDictionary(p => (string)Map(p.Inputs["metadata"])["name"], p => Map(p.Inputs["spec"]));

        Assert.Equal(["allow-api-server", "allow-dns", "allow-metrics-from-monitoring", "allow-opensearch", "default-deny"], policies.Keys.Order(StringComparer.Ordinal));
        var opensearch = Map(Assert.Single((ImmutableArray<object>)policies["allow-opensearch"]["egress"]));
        var peer = Map(Assert.Single((ImmutableArray<object>)opensearch["to"]));
        Assert.Equal("logging", Map(Map(peer["namespaceSelector"])["matchLabels"])["kubernetes.io/metadata.name"]);
        var port = Map(Assert.Single((ImmutableArray<object>)opensearch["ports"]));
        Assert.Equal((9200, "TCP"), (Convert.ToInt32(port["port"], System.Globalization.CultureInfo.InvariantCulture), (string)port["protocol"]));
        var metrics = Map(Assert.Single((ImmutableArray<object>)policies["allow-metrics-from-monitoring"]["ingress"]));
        var metricsPort = Map(Assert.Single((ImmutableArray<object>)metrics["ports"]));
        Assert.Equal(FluentBitConfig.MetricsPort, Convert.ToInt32(metricsPort["port"], System.Globalization.CultureInfo.InvariantCulture));
        var from = Map(Assert.Single((ImmutableArray<object>)metrics["from"]));
        Assert.Equal("monitoring", Map(Map(from["namespaceSelector"])["matchLabels"])["kubernetes.io/metadata.name"]);
    }

    [Fact]
    public async Task The_user_and_the_ca_are_secrets_of_the_namespace_and_the_password_is_nowhere_in_the_values()
    {
        var run = await Run();
        var secrets = run.Of("kubernetes:core/v1:Secret").ToDictionary(s => (string)Map(s.Inputs["metadata"])["name"], s => Map(s.Inputs["stringData"]));

        Assert.Equal(new Dictionary<string, object> { ["username"] = "fluent-bit", ["password"] = Password }, secrets[FluentBitValues.CredentialsSecret]);
        Assert.Equal(Ca, secrets[FluentBitValues.CaSecret][FluentBitValues.CaKey]);
        var values = JsonSerializer.Serialize(Platform.Renderer.WireJson.Node(run.Values(Release)));
        Assert.DoesNotContain(Password, values, StringComparison.Ordinal);
        Assert.Contains("${OPENSEARCH_PASSWORD}", values, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_release_waits_for_opensearch_its_secrets_and_with_monitoring_the_crds(bool monitoring)
    {
        var run = await Run(monitoring);

        Assert.Superset(new HashSet<string> { Ready, "logs-opensearch-credentials", "logs-opensearch-ca" }, run.DependsOn[Release].ToHashSet());
        Assert.Equal(monitoring, run.DependsOn[Release].Contains(Crds));
        Assert.Equal(monitoring, ValuesTree.At(run.Values(Release), "serviceMonitor.enabled"));
    }

    [Theory]
    [InlineData("http://opensearch.logging.svc:9200", LoggingClients.FluentBit, "is not an https URL")]
    [InlineData("opensearch.logging.svc", LoggingClients.FluentBit, "is not an https URL")]
    [InlineData("https://opensearch.logging.svc:9200", LoggingClients.Jaeger, "has no 'fluent-bit' user")]
    public async Task A_backend_it_cannot_use_is_refused_before_anything_is_registered(string endpoint, string user, string expected)
    {
        var mocks = new PlatformMocks();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(mocks.Mock.Object,
            new TestOptions { IsPreview = true, ProjectName = "platform", StackName = "test" },
            () => _ = new LogShippingLayer("logs", new LogShippingLayerArgs { Logging = Backend(new Pulumi.Kubernetes.Core.V1.Namespace(Ready), endpoint, user) })));

        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(mocks.Registrations, r => r.Type!.StartsWith("kubernetes:", StringComparison.Ordinal) && r.Name != Ready);
    }

    [Fact]
    public async Task Bad_options_are_refused_before_anything_is_registered()
    {
        var mocks = new PlatformMocks();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(mocks.Mock.Object,
            new TestOptions { IsPreview = true, ProjectName = "platform", StackName = "test" },
            () => _ = new LogShippingLayer("logs", new LogShippingLayerArgs
            {
                Logging = Backend(new Pulumi.Kubernetes.Core.V1.Namespace(Ready)),
                Options = new LogShippingOptions { BufferLimit = "1T" },
            })));

        Assert.Contains("bufferLimit '1T'", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(mocks.Registrations, r => r.Type!.StartsWith("kubernetes:", StringComparison.Ordinal) && r.Name != Ready);
    }
}
