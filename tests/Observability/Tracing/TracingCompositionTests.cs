using System.Collections.Concurrent;
using Platform.Components.Cluster;
using Platform.Components.Observability;
using Platform.Components.Observability.Monitoring;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Composition;
using Platform.Stacks.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Validation;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace Platform.Tests.Observability.Tracing;

/// <summary>The composition with a <see cref="PlatformContext.Logging"/>, as the logging layer sets it: the tracing layer
/// keeps traces in OpenSearch (the tier's replicas) and waits for it, and Grafana gets the OpenSearch logs data source
/// (the plugin's type, the grafana user, TLS verified against the logging CA) once both layers are there.</summary>
public class TracingCompositionTests
{
    /// <summary>A stack composed as <c>PlatformStack</c> composes one, with a logging backend in the context.</summary>
    public sealed class ComposedStack : Stack
    {
        internal static readonly ConcurrentDictionary<string, ResourceOptions> Recorded = new();
        internal static PlatformSettings Settings = null!;

#pragma warning disable CS0618 // ResourceTransformations is the transformation hook that also runs under the mock engine.
        public ComposedStack() : base(new StackOptions { ResourceTransformations = { args => { Recorded[args.Resource.GetResourceName()] = args.Options; return null; } } })
#pragma warning restore CS0618
        {
            var settings = Settings;
            var decisions = CapabilityResolver.Resolve(CapabilityMatrix.Default, settings);
            var cluster = new Platform.Components.Cluster.Cluster(settings.ClusterName, new ClusterArgs
            {
                ClusterName = settings.ClusterName,
                KubernetesVersion = settings.KubernetesVersion.ToString(),
                ContainerRuntime = KubernetesVersions.ContainerRuntimeFor(settings.KubernetesVersion),
                Nodes = settings.Nodes,
                ApiEndpointHost = settings.ApiEndpoint.Host,
                ApiEndpointPort = settings.ApiEndpoint.Port,
                ApiEndpointMode = settings.ApiLoadBalancer,
                PodCidr = settings.PodCidr.ToString(),
                ServiceCidr = settings.ServiceCidr.ToString(),
                SshPrivateKey = Output.CreateSecret("key"),
                ControlPlaneServingCertificates = true,
            });
            var context = new PlatformContext
            {
                Settings = settings,
                Capabilities = decisions,
                Cluster = cluster,
                Storage = PlatformStorage.From(settings, decisions),
                Monitoring = PlatformLayers.MonitoringCrds(settings, decisions, cluster),
                // What the logging layer sets once it is registered.
                Logging = TracingLayerTests.Backend(new Pulumi.Kubernetes.Core.V1.Namespace("opensearch-ready")),
            };
            var enabled = decisions.Where(d => d.Enabled).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (id, deploy) in PlatformLayers.InOrder)
            {
                if (!enabled.Contains(id)) continue;
                context.Layers[id] = deploy(context);
                if (id == CapabilityIds.Cni) context.CoreOnCluster.AddRange(PlatformLayers.CoreOnCluster(context));
            }
            PlatformLayers.Integrations(context);
        }
    }

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    [Fact]
    public async Task With_logging_jaeger_writes_to_opensearch_after_it_and_grafana_reads_the_logs_through_the_plugin()
    {
        ComposedStack.Recorded.Clear();
        ComposedStack.Settings = Platform.Tests.Configuration.ValidConfig.Load(v =>
        {
            // The logging layer itself is off: the context's backend stands for what it sets once registered.
            v["capabilities"] = """{"tracing": true, "logging": false, "authentication": false}""";
            // Two workers: workloads have more than one node, so the tier's replicas apply.
            v["nodes"] = """
                [{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"},
                 {"name": "worker-1", "address": "10.0.0.21", "role": "worker"},
                 {"name": "worker-2", "address": "10.0.0.22", "role": "worker"}]
                """;
        });
        var mocks = new PlatformMocks();
        await Deployment.TestAsync<ComposedStack>(mocks.Mock.Object, new TestOptions { IsPreview = true, ProjectName = "platform", StackName = "test" });

        async Task<IReadOnlySet<string>> DependsOn(string name)
        {
            var dependencies = await OutputUtilities.GetValueAsync(ComposedStack.Recorded[name].DependsOn.ToOutput());
            return (dependencies.IsDefault ? [] : dependencies.Select(r => r.GetResourceName())).ToHashSet();
        }

        var release = Assert.Single(mocks.Registrations, r => r.Name == "platform-prod-tracing-jaeger");
        var values = Map(release.Inputs["values"]);
        Assert.True(ValuesTree.Has(values, "userconfig.extensions.jaeger_storage.backends.primary.opensearch"));
        // Medium tier: two replicas once traces are in OpenSearch, one index replica.
        Assert.Equal(2, Convert.ToInt32(ValuesTree.At(values, "jaeger.replicas"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, Convert.ToInt32(ValuesTree.At(values, "userconfig.extensions.jaeger_storage.backends.primary.opensearch.indices.spans.replicas"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("opensearch-ready", await DependsOn("platform-prod-tracing-jaeger"));

        var secret = Assert.Single(mocks.Registrations, r => r.Name == "platform-prod-grafana-opensearch-logs-secret");
        var metadata = Map(secret.Inputs["metadata"]);
        Assert.Equal(("grafana-datasource-opensearch-logs", "monitoring", "1"),
            ((string)metadata["name"], (string)metadata["namespace"], (string)Map(metadata["labels"])[GrafanaDataSourceDocuments.SidecarLabel]));
        var file = StrictJson.DecodeYaml<DataSourceFile>((string)Map(secret.Inputs["stringData"])["opensearch-logs.yaml"]);
        var source = Assert.Single(file.DataSources);
        Assert.Equal((GrafanaDataSourceDocuments.OpenSearchPluginId, "https://opensearch-cluster-master.logging.svc:9200", true, "grafana"),
            (source.Type, source.Url, source.BasicAuth, source.BasicAuthUser));
        Assert.Equal("logs-*", source.JsonData!["database"].GetString());
        Assert.True(source.JsonData["tlsAuthWithCACert"].GetBoolean());
        Assert.False(source.JsonData["tlsSkipVerify"].GetBoolean());
        Assert.Equal("gr4fana", source.SecureJsonData!["basicAuthPassword"]);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", source.SecureJsonData["tlsCACert"], StringComparison.Ordinal);
        var after = await DependsOn("platform-prod-grafana-opensearch-logs-secret");
        Assert.Contains("opensearch-ready", after);
        Assert.Contains("platform-prod-monitoring-namespace", after);
        // Like every layer after the CNI, the data source waits for the nodes.
        Assert.Contains(after, n => n.EndsWith("-register", StringComparison.Ordinal));
    }
}
