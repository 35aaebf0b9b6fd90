using System.Collections.Concurrent;
using System.Collections.Immutable;
using Platform.Components.Cluster;
using Platform.Components.Observability;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Composition;
using Platform.Stacks.Configuration;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace Platform.Tests.Stacks;

/// <summary>The composition of log shipping: <see cref="PlatformLayers.LogShipping"/> registers Fluent Bit only when the
/// context has a logging backend (as the logging layer sets it), with the inventory's taints tolerated, the stack's
/// hardening deciding the audit stream, and the ordering rule of every layer after the CNI.</summary>
public class LogShippingCompositionTests
{
    /// <summary>A stack composed the way <c>PlatformStack</c> composes it, the logging backend set (or not) before
    /// log shipping is asked for; options of every resource recorded.</summary>
    public sealed class ComposedStack : Stack
    {
        internal static readonly ConcurrentDictionary<string, ResourceOptions> Recorded = new();
        internal static PlatformSettings Settings = null!;
        internal static bool WithLogging;
        internal static LogShippingLayer? Shipping;
        internal static IReadOnlyList<string> Registrations = [];

#pragma warning disable CS0618 // ResourceTransformations is the transformation hook that also runs under the mock engine.
        public ComposedStack() : base(new StackOptions { ResourceTransformations = { args => { Recorded[args.Resource.GetResourceName()] = args.Options; return null; } } })
#pragma warning restore CS0618
        {
            var settings = Settings;
            // These compositions leave out Dex (its configuration is not part of ValidConfig): authentication off.
            var decisions = CapabilityResolver.Resolve(CapabilityMatrix.Default, settings)
                .Select(d => d.Id == CapabilityIds.Authentication ? d with { Enabled = false } : d).ToList();
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
                // Monitoring is mandatory in every tier; its layer needs the CRDs' release.
                Monitoring = new MetricsScraping { CrdsReady = new Pulumi.Kubernetes.Core.V1.Namespace("prometheus-operator-crds") },
            };
            var enabled = decisions.Where(d => d.Enabled).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (id, deploy) in PlatformLayers.InOrder)
            {
                if (!enabled.Contains(id)) continue;
                context.Layers[id] = deploy(context);
                if (id == CapabilityIds.Cni) context.CoreOnCluster.AddRange(PlatformLayers.CoreOnCluster(context));
            }
            // What the logging layer leaves in the context once registered.
            if (WithLogging)
                context.Logging = Observability.LogShipping.LogShippingLayerTests.Backend(new Pulumi.Kubernetes.Core.V1.Namespace("opensearch-ready"));
            Shipping = PlatformLayers.LogShipping(context);
            Registrations = [.. cluster.Nodes.Select(n => n.Registered.GetResourceName())];
        }
    }

    private static async Task<(PlatformMocks Mocks, string Cluster)> Compose(bool logging, Action<Dictionary<string, string>>? edit = null)
    {
        ComposedStack.Recorded.Clear();
        ComposedStack.WithLogging = logging;
        ComposedStack.Settings = Platform.Tests.Configuration.ValidConfig.Load(v =>
        {
            v["nodes"] = Platform.Tests.Storage.StorageLayerTests.NodesWithStorage;
            v["logShipping"] = """{"bufferLimit": "3G"}""";
            // The logging layer itself is off: the test sets (or not) the backend it would leave in the context.
            v["capabilities"] = """{"logging": false}""";
            edit?.Invoke(v);
        });
        var mocks = new PlatformMocks();
        await Deployment.TestAsync<ComposedStack>(mocks.Mock.Object, new TestOptions { IsPreview = true, ProjectName = "platform", StackName = "test" });
        return (mocks, ComposedStack.Settings.ClusterName);
    }

    private static async Task<IReadOnlySet<string>> DependsOn(string name)
    {
        var dependencies = await OutputUtilities.GetValueAsync(ComposedStack.Recorded[name].DependsOn.ToOutput());
        return (dependencies.IsDefault ? [] : dependencies.Select(r => r.GetResourceName())).ToHashSet();
    }

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    [Fact]
    public async Task Without_a_logging_backend_nothing_ships()
    {
        var (mocks, _) = await Compose(logging: false);

        Assert.Null(ComposedStack.Shipping);
        Assert.DoesNotContain(mocks.Registrations, r => r.Type == LogShippingLayer.TypeToken);
    }

    [Fact]
    public async Task With_a_backend_fluent_bit_ships_with_the_stacks_options_and_waits_for_the_cni_the_nodes_and_opensearch()
    {
        var (mocks, cluster) = await Compose(logging: true);

        Assert.NotNull(ComposedStack.Shipping);
        Assert.Single(mocks.Registrations, r => r.Type == LogShippingLayer.TypeToken);
        var release = $"{cluster}-log-shipping-fluent-bit";
        var values = Map(Assert.Single(mocks.Registrations, r => r.Type == "kubernetes:helm.sh/v3:Release" && r.Name == release).Inputs["values"]);
        var tolerations = ((ImmutableArray<object>)values["tolerations"]).Select(Map).ToList();
        Assert.Equal(["node-role.kubernetes.io/control-plane", "dedicated"], tolerations.Select(t => (string)t["key"]));
        var config = Platform.Tests.Validation.KubeYaml.Single((string)Map(ValuesTree.At(values, "config.extraFiles"))["fluent-bit.yaml"])!;
        var outputs = config["pipeline"]!["outputs"]!.AsArray();
        Assert.Equal(3, outputs.Count);
        Assert.All(outputs, o => Assert.Equal("3G", o!["storage.total_limit_size"]!.GetValue<string>()));

        var dependsOn = await DependsOn(release);
        Assert.Contains("opensearch-ready", dependsOn);
        Assert.Contains("prometheus-operator-crds", dependsOn);
        Assert.Equal(true, ValuesTree.At(values, "serviceMonitor.enabled"));
        Assert.Contains($"{cluster}-cni-cilium", dependsOn);
        Assert.Equal(ComposedStack.Settings.Nodes.Count, ComposedStack.Registrations.Count);
        Assert.Superset(ComposedStack.Registrations.ToHashSet(), dependsOn.ToHashSet());
    }
}
