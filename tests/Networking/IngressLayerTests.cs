using System.Collections.Immutable;
using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Components.Networking.Ingress;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;

namespace Platform.Tests.Networking;

public class IngressLayerTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string MetalLb = """{"provider": "metallb", "pools": [{"name": "default", "addresses": ["10.0.2.200-10.0.2.220"]}]}""";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static Task<StackRun> Run(Action<Dictionary<string, string>> edit)
    {
        var config = ValidConfig.Values();
        edit(config);
        return StackRunner.RunAsync(config);
    }

    [Fact]
    public async Task Traefik_is_the_default_class_in_its_own_namespace_and_falls_back_to_node_ports_without_a_load_balancer()
    {
        var run = await Run(_ => { });
        var layer = run.Single<IngressLayer>();
        Assert.Empty(layer.Warnings);
        var release = run.Registration(ReleaseType, "platform-prod-ingress-traefik");
        Assert.Equal(HelmCharts.Traefik.Version, release.Inputs["version"]);
        Assert.Equal(IngressControllerCharts.Namespace(IngressControllerKind.Traefik), release.Inputs["namespace"]);
        // The base configuration has one worker: one replica, without a budget (see OneSchedulableNodeTests).
        var rendered = IngressValues.Render(new IngressControllerSpec { Kind = IngressControllerKind.Traefik, Default = true, Exposure = IngressExposure.NodePort, Replicas = 1 });
        // Monitoring is on in every tier: the chart's metrics Service and ServiceMonitor on top.
        Assert.Equal(ValuesText(HelmValues.Merge(rendered, IngressValues.Monitoring(IngressControllerKind.Traefik))), ValuesText(release.Inputs["values"]));
        Assert.Empty(run.RegistrationsOf("kubernetes:metallb.io/v1beta1:IPAddressPool"));
        var ns = Map(run.Registration("kubernetes:core/v1:Namespace", "platform-prod-ingress-traefik").Inputs["metadata"]);
        Assert.Equal("baseline", Map(ns["labels"])["pod-security.kubernetes.io/enforce"]);
        Assert.Contains(run.Registrations, r => r.Name == "platform-prod-ingress-traefik-allow-web-traffic");
    }

    [Fact]
    public async Task Several_controllers_get_their_own_classes_and_ingress_nginx_comes_with_a_warning()
    {
        var run = await Run(v =>
        {
            v["loadBalancer"] = MetalLb;
            v["ingress"] = """{"controllers": [{"kind": "traefik", "default": true}, {"kind": "ingress-nginx"}, {"kind": "contour"}, {"kind": "haproxy"}]}""";
        });
        var layer = run.Single<IngressLayer>();
        Assert.Contains(IngressOptions.IngressNginxRetiredWarning, layer.Warnings);
        var charts = run.RegistrationsOf(ReleaseType).Select(r => (string)r.Inputs["chart"]).ToList();
        foreach (var chart in new[] { HelmCharts.Traefik, HelmCharts.IngressNginx, HelmCharts.Contour, HelmCharts.HAProxyKubernetesIngress, HelmCharts.MetalLb })
            Assert.Contains(chart.Name, charts);
    }

    [Fact]
    public async Task MetalLB_hands_out_the_pools_addresses_before_the_controllers_ask_for_them()
    {
        var run = await Run(v => v["loadBalancer"] = MetalLb);
        var pool = run.Registration("kubernetes:metallb.io/v1beta1:IPAddressPool", "platform-prod-ingress-pool-default");
        Assert.Equal(new object[] { "10.0.2.200-10.0.2.220" }, ((ImmutableArray<object>)Map(pool.Inputs["spec"])["addresses"]).ToArray());
        Assert.Equal("metallb-system", Map(pool.Inputs["metadata"])["namespace"]);
        run.Registration("kubernetes:metallb.io/v1beta1:L2Advertisement", "platform-prod-ingress-l2-advertisement");
        var graph = await DependencyGraph.OfAsync(run);
        Assert.Contains("platform-prod-ingress-metallb", graph.Direct("platform-prod-ingress-pool-default"));
        Assert.Contains("platform-prod-ingress-pool-default", graph.Direct("platform-prod-ingress-traefik"));
    }

    [Fact]
    public async Task Ciliums_l2_announcements_need_kube_proxy_replacement_and_extend_the_cilium_values()
    {
        var pools = """{"provider": "cilium-l2", "pools": [{"name": "default", "addresses": ["10.0.2.0/28"]}]}""";
        var refused = await Assert.ThrowsAsync<RunException>(() => Run(v => v["loadBalancer"] = pools));
        Assert.Contains("platform:loadBalancer", refused.Message);

        var run = await Run(v =>
        {
            v["loadBalancer"] = pools;
            v["cni"] = """{"kubeProxyReplacement": true}""";
        });
        Assert.Single(run.RegistrationsOf("kubernetes:cilium.io/v2:CiliumLoadBalancerIPPool"));
        Assert.Single(run.RegistrationsOf("kubernetes:cilium.io/v2alpha1:CiliumL2AnnouncementPolicy"));
        var values = Map(run.Registration(ReleaseType, "platform-prod-cni-cilium").Inputs["values"]);
        Assert.Equal(true, Map(values["l2announcements"])["enabled"]);
        var graph = await DependencyGraph.OfAsync(run);
        Assert.Contains("platform-prod-cni-cilium", graph.Direct("platform-prod-ingress-pool-default"));
    }

    [Fact]
    public async Task Emissary_installs_from_its_oci_charts_after_its_crds()
    {
        var run = await Run(v => v["ingress"] = """{"controllers": [{"kind": "emissary", "default": true}]}""");
        var release = run.Registration(ReleaseType, "platform-prod-ingress-emissary");
        Assert.Equal("oci://ghcr.io/emissary-ingress/emissary-ingress", release.Inputs["chart"]);
        Assert.False(release.Inputs.ContainsKey("repositoryOpts"));
        var crds = run.Registration(ReleaseType, "platform-prod-ingress-emissary-crds");
        Assert.Equal("oci://ghcr.io/emissary-ingress/emissary-crds-chart", crds.Inputs["chart"]);
        Assert.Equal(false, Map(crds.Inputs["values"])["enableLegacyVersions"]);
        var graph = await DependencyGraph.OfAsync(run);
        Assert.Contains("platform-prod-ingress-emissary-crds", graph.Direct("platform-prod-ingress-emissary"));
    }

    [Theory]
    [InlineData("""{"controllers": [{"kind": "traefik", "default": true}, {"kind": "contour", "default": true}]}""", null, "platform:ingress")]
    [InlineData("""{"controllers": [{"kind": "nginx"}]}""", null, "platform:ingress.controllers[0].kind")]
    [InlineData("""{"controllers": [{"kind": "traefik", "default": true, "exposure": "loadBalancer"}]}""", null, "platform:ingress.controllers[0].exposure")]
    [InlineData("""{"controllers": []}""", null, "platform:ingress")]
    [InlineData(null, """{"provider": "metallb", "pools": []}""", "platform:loadBalancer")]
    [InlineData(null, """{"provider": "metallb", "pools": [{"name": "a", "addresses": ["10.0.2.20-10.0.2.10"]}]}""", "platform:loadBalancer")]
    [InlineData(null, """{"provider": "f5"}""", "platform:loadBalancer.provider")]
    public async Task Bad_ingress_or_load_balancer_settings_fail_before_anything_is_registered(string? ingress, string? loadBalancer, string key)
    {
        var config = ValidConfig.Values();
        if (ingress != null) config["ingress"] = ingress;
        if (loadBalancer != null) config["loadBalancer"] = loadBalancer;
        var mocks = new PlatformMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));
        Assert.Contains(key + ":", error.Message);
        Assert.Empty(mocks.Registrations);
    }

    private static string ValuesText(object values) => System.Text.Json.JsonSerializer.Serialize(Plain(values));

    private static object? Plain(object? value) => value switch
    {
        IReadOnlyDictionary<string, object> map => map.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => Plain(kv.Value)),
        IEnumerable<object> list when value is not string => list.Select(Plain).ToList(),
        int i => (double)i,
        _ => value,
    };
}
