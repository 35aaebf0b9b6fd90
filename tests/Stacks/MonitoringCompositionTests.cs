using System.Collections.Concurrent;
using Platform.Components.Cluster;
using Platform.Components.Observability;
using Platform.Components.Observability.Scraping;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Composition;
using Platform.Stacks.Configuration;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace Platform.Tests.Stacks;

/// <summary>The composition with a <see cref="PlatformContext.Monitoring"/> (as the monitoring layer will set it): every
/// layer gets it, so every release that switches a chart's monitors on waits for the Prometheus Operator's CRDs, and the
/// core registers the metrics proxies right after the CNI.</summary>
public class MonitoringCompositionTests
{
    /// <summary>The layers of a stack composed the way <c>PlatformStack</c> composes them, with monitoring; options of
    /// every resource recorded by a stack transformation.</summary>
    public sealed class ComposedStack : Stack
    {
        internal static readonly ConcurrentDictionary<string, ResourceOptions> Recorded = new();
        internal static PlatformSettings Settings = null!;

#pragma warning disable CS0618 // ResourceTransformations is the transformation hook that also runs under the mock engine.
        public ComposedStack() : base(new StackOptions { ResourceTransformations = { args => { Recorded[args.Resource.GetResourceName()] = args.Options; return null; } } })
#pragma warning restore CS0618
        {
            var settings = Settings;
            // These compositions leave out Dex (its configuration is not part of ValidConfig): authentication off.
            var decisions = CapabilityResolver.Resolve(CapabilityMatrix.Default, settings)
                .Select(d => d.Id == CapabilityIds.Authentication ? d with { Enabled = false } : d).ToList();
            var crds = new Pulumi.Kubernetes.Core.V1.Namespace("prometheus-operator-crds");
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
                Monitoring = new MetricsScraping { CrdsReady = crds },
            };
            var enabled = decisions.Where(d => d.Enabled).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (id, deploy) in PlatformLayers.InOrder)
            {
                if (!enabled.Contains(id)) continue;
                context.Layers[id] = deploy(context);
                if (id == CapabilityIds.Cni) context.CoreOnCluster.AddRange(PlatformLayers.CoreOnCluster(context));
            }
        }
    }

    private static readonly string[] MonitorSwitches =
        ["serviceMonitor.enabled", "servicemonitor.enabled", "monitor.enabled", "metrics.create", "monitoring.enabled"];

    private static bool SwitchesMonitorsOn(IReadOnlyDictionary<string, object> values) =>
        ChartPaths.Leaves(values).Any(l => MonitorSwitches.Any(s => l == s || l.EndsWith("." + s, StringComparison.Ordinal)) && Equals(ValuesTree.At(values, l), true));

    [Theory]
    [InlineData("cilium")]
    [InlineData("calico")]
    public async Task Every_release_with_monitors_waits_for_the_crds_and_the_proxies_follow_the_cni(string cni)
    {
        ComposedStack.Recorded.Clear();
        ComposedStack.Settings = Platform.Tests.Configuration.ValidConfig.Load(v =>
        {
            v["nodes"] = Platform.Tests.Storage.StorageLayerTests.NodesWithStorage;
            v["statefulWorkloads"] = "true";
            v["cni"] = $$"""{"plugin": "{{cni}}"}""";
        });
        var mocks = new PlatformMocks();
        await Deployment.TestAsync<ComposedStack>(mocks.Mock.Object, new TestOptions { IsPreview = true, ProjectName = "platform", StackName = "test" });

        async Task<IReadOnlySet<string>> DependsOn(string name)
        {
            var dependencies = await OutputUtilities.GetValueAsync(ComposedStack.Recorded[name].DependsOn.ToOutput());
            return (dependencies.IsDefault ? [] : dependencies.Select(r => r.GetResourceName())).ToHashSet();
        }

        var monitored = new List<string>();
        foreach (var release in mocks.Registrations.Where(r => r.Type == "kubernetes:helm.sh/v3:Release"))
        {
            if (!SwitchesMonitorsOn((IReadOnlyDictionary<string, object>)release.Inputs["values"])) continue;
            Assert.Contains("prometheus-operator-crds", await DependsOn(release.Name!));
            monitored.Add(release.Name!);
        }
        var cluster = ComposedStack.Settings.ClusterName;
        string[] expected = [$"{cluster}-storage-rook-ceph", $"{cluster}-storage-rook-ceph-cluster", $"{cluster}-ingress-traefik",
            $"{cluster}-cluster-metrics-kube-state-metrics", $"{cluster}-reboots-kured", $"{cluster}-serving-certificates-kubelet-csr-approver"];
        Assert.Superset((cni == "cilium" ? expected.Append($"{cluster}-cni-cilium") : expected).ToHashSet(), monitored.ToHashSet());
        foreach (var monitor in mocks.Registrations.Where(r => r.Type == "kubernetes:monitoring.coreos.com/v1:ServiceMonitor"))
            Assert.Contains("prometheus-operator-crds", await DependsOn(monitor.Name!));

        var proxy = Assert.Single(mocks.Registrations, r => r.Type == ControlPlaneMetricsProxy.TypeToken);
        var node = Assert.Single(mocks.Registrations, r => r.Type == "kubernetes:apps/v1:DaemonSet" && r.Name == $"{proxy.Name}-nodes");
        var containers = ((System.Collections.Immutable.ImmutableArray<object>)ValuesTree.At((IReadOnlyDictionary<string, object>)node.Inputs["spec"], "template.spec.containers"))
            .Select(c => (string)((IReadOnlyDictionary<string, object>)c)["name"]).ToList();
        Assert.Equal(cni == "calico" ? ["kube-proxy", "calico-felix"] : ["kube-proxy"], containers);
        // The proxies' resources wait for the CNI like every layer after it.
        var cniRelease = cni == "cilium" ? $"{ComposedStack.Settings.ClusterName}-cni-cilium" : $"{ComposedStack.Settings.ClusterName}-cni-calico";
        Assert.Contains(cniRelease, await DependsOn($"{proxy.Name}-control-plane"));
    }
}
