using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Components.Observability;
using Platform.Components.ServiceMesh;
using Platform.Tests.Harness;
using Pulumi;

namespace Platform.Tests.ServiceMesh;

/// <summary>The service mesh layer: what it registers per provider and mode (namespaces at their Pod Security levels,
/// the releases, the mesh-wide PeerAuthentication, the monitors), what waits for what (CRDs before their objects), and
/// that every value and custom resource fits its chart or CRD.</summary>
public class ServiceMeshLayerTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string NamespaceType = "kubernetes:core/v1:Namespace";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private sealed record Prerequisites(Resource GatewayApi, Resource MonitoringCrds, Resource Storage);

    private static Task<ComponentRun> Run(ServiceMeshOptions options, bool monitoring = false, bool cilium = true, string? storageClass = null) =>
        ComponentRun.RunAsync(
            () => new Prerequisites(new Pulumi.Kubernetes.Core.V1.Namespace("gateway-api"), new Pulumi.Kubernetes.Core.V1.Namespace("prometheus-operator-crds"),
                new Pulumi.Kubernetes.Core.V1.Namespace("ceph-cluster")),
            (ready, opts) => _ = new ServiceMeshLayer("mesh", new ServiceMeshLayerArgs
            {
                Options = options,
                GatewayApiReady = [ready.GatewayApi],
                IstiodReplicas = 2,
                CiliumIsTheCni = cilium,
                StorageClass = storageClass,
                StorageReady = storageClass is null ? [] : [ready.Storage],
                Metrics = monitoring ? new MetricsScraping { CrdsReady = ready.MonitoringCrds } : null,
            }, opts));

    private static string Level(ComponentRun run, string resource) =>
        (string)Map(Map(run.Registration(NamespaceType, resource).Inputs["metadata"])["labels"])["pod-security.kubernetes.io/enforce"];

    [Fact]
    public async Task Ambient_installs_base_istiod_cni_and_ztunnel_with_the_control_plane_restricted_and_the_node_agents_privileged()
    {
        var run = await Run(new ServiceMeshOptions());

        Assert.Equal("restricted", Level(run, "mesh-istio-namespace"));
        Assert.Equal("privileged", Level(run, "mesh-istio-node-namespace"));
        var releases = run.Of(ReleaseType).Select(r => ((string)r.Inputs["chart"], (string)r.Inputs["version"], (string)r.Inputs["namespace"])).ToList();
        Assert.Equal(
        [
            ("base", "1.30.3", "istio-system"), ("istiod", "1.30.3", "istio-system"), ("cni", "1.30.3", "istio-node"), ("ztunnel", "1.30.3", "istio-node"),
        ], releases);
        // CRDs before their objects: istiod after base (the Istio CRDs) and the Gateway API CRDs; the PeerAuthentication after both.
        Assert.Equal(["gateway-api", "mesh-istio-base"], run.DependsOn["mesh-istiod"].Order());
        Assert.Contains("mesh-istio-base", run.DependsOn["mesh-peer-authentication"]);
        Assert.Contains("mesh-istiod", run.DependsOn["mesh-ztunnel"]);
        Assert.Equal(["mesh-istio-namespace"], run.DependsOn["mesh-istio-base"]);
        Assert.Equal("ambient", ValuesTree.At(run.Values("mesh-istiod"), "profile"));
        Assert.Equal(ServiceMeshLayer.IstioNodeNamespace, ValuesTree.At(run.Values("mesh-istiod"), "trustedZtunnelNamespace"));
        Assert.Equal(true, ValuesTree.At(run.Values("mesh-istio-cni"), "ambient.enabled"));
        Assert.Equal(ServiceMeshLayer.IstioNamespace, ValuesTree.At(run.Values("mesh-ztunnel"), "istioNamespace"));
        // Two replicas: the control plane's disruption budget is on.
        Assert.Equal(true, ValuesTree.At(run.Values("mesh-istiod"), "global.defaultPodDisruptionBudget.enabled"));
    }

    [Theory]
    [InlineData(MeshMtlsMode.Strict, "STRICT")]
    [InlineData(MeshMtlsMode.Permissive, "PERMISSIVE")]
    public async Task The_mesh_wide_peer_authentication_has_the_configured_mode_and_fits_the_base_charts_crd(MeshMtlsMode mtls, string expected)
    {
        var run = await Run(new ServiceMeshOptions { Mtls = mtls });

        var peer = run.Registration("kubernetes:security.istio.io/v1:PeerAuthentication", "mesh-peer-authentication");
        Assert.Equal(("default", "istio-system"), ((string)Map(peer.Inputs["metadata"])["name"], (string)Map(peer.Inputs["metadata"])["namespace"]));
        Assert.Equal(expected, Map(Map(peer.Inputs["spec"])["mtls"])["mode"]);
        Assert.Empty(MeshSchemas.Errors(MeshSchemas.Crds("base", HelmCharts.IstioBase.Version), "peerauthentications.security.istio.io", "v1", peer.Inputs["spec"]));
    }

    [Fact]
    public async Task The_crd_check_finds_a_wrong_peer_authentication_mode()
    {
        // The walker the tests rely on refuses a mode the CRD does not list.
        var spec = new Dictionary<string, object> { ["mtls"] = new Dictionary<string, object> { ["mode"] = "strict-ish" } };

        Assert.NotEmpty(MeshSchemas.Errors(MeshSchemas.Crds("base", HelmCharts.IstioBase.Version), "peerauthentications.security.istio.io", "v1", spec));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Sidecar_mode_runs_no_ztunnel_and_istiod_uses_the_cni_agent_instead_of_the_init_container()
    {
        var run = await Run(new ServiceMeshOptions { Mode = IstioDataplaneMode.Sidecar }, cilium: false);

        Assert.Equal(["mesh-istio-base", "mesh-istio-cni", "mesh-istiod"], run.Of(ReleaseType).Select(r => r.Name).Order());
        Assert.False(ValuesTree.Has(run.Values("mesh-istiod"), "profile"));
        Assert.Equal(true, ValuesTree.At(run.Values("mesh-istiod"), "pilot.cni.enabled"));
        Assert.Equal(false, ValuesTree.At(run.Values("mesh-istio-cni"), "ambient.enabled"));
        Assert.Empty(run.Of("kubernetes:cilium.io/v2:CiliumClusterwideNetworkPolicy"));
    }

    [Fact]
    public async Task Ambient_on_cilium_admits_the_kubelets_snated_probes()
    {
        var ambient = await Run(new ServiceMeshOptions(), cilium: true);
        var calico = await Run(new ServiceMeshOptions(), cilium: false);

        var policy = ambient.Registration("kubernetes:cilium.io/v2:CiliumClusterwideNetworkPolicy", "mesh-ambient-probes");
        var rule = Map(Assert.Single((IEnumerable<object>)Map(policy.Inputs["spec"])["ingress"]));
        Assert.Equal(["169.254.7.127/32"], ((IEnumerable<object>)rule["fromCIDR"]).Cast<string>());
        // It selects every pod: without this it would put them all into ingress default-deny.
        var defaultDeny = Map(Map(policy.Inputs["spec"])["enableDefaultDeny"]);
        Assert.Equal((false, false), ((bool)defaultDeny["ingress"], (bool)defaultDeny["egress"]));
        Assert.Empty(calico.Of("kubernetes:cilium.io/v2:CiliumClusterwideNetworkPolicy"));
    }

    [Fact]
    public async Task With_monitoring_istiod_and_ztunnel_are_scraped_after_the_operators_crds_and_the_monitors_fit_them()
    {
        var run = await Run(new ServiceMeshOptions(), monitoring: true);
        var crds = MeshSchemas.Crds("prometheus-operator-crds", HelmCharts.PrometheusOperatorCrds.Version);

        var service = run.Registration("kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "mesh-istiod-service-monitor");
        var pod = run.Registration("kubernetes:monitoring.coreos.com/v1:PodMonitor", "mesh-ztunnel-pod-monitor");
        Assert.Empty(MeshSchemas.Errors(crds, "servicemonitors.monitoring.coreos.com", "v1", service.Inputs["spec"]));
        Assert.Empty(MeshSchemas.Errors(crds, "podmonitors.monitoring.coreos.com", "v1", pod.Inputs["spec"]));
        Assert.Contains("prometheus-operator-crds", run.DependsOn["mesh-istiod-service-monitor"]);
        Assert.Contains("mesh-ztunnel", run.DependsOn["mesh-ztunnel-pod-monitor"]);
        Assert.Equal("istio-node", Map(pod.Inputs["metadata"])["namespace"]);
    }

    [Fact]
    public async Task Without_monitoring_there_is_no_monitor()
    {
        var run = await Run(new ServiceMeshOptions());

        Assert.Empty(run.Of("kubernetes:monitoring.coreos.com/v1:ServiceMonitor"));
        Assert.Empty(run.Of("kubernetes:monitoring.coreos.com/v1:PodMonitor"));
    }

    [Fact]
    public async Task Consul_installs_one_release_with_acls_tls_and_transparent_proxy_its_volumes_on_the_storage_class()
    {
        var options = new ServiceMeshOptions { Provider = MeshProvider.Consul, ConsulServerReplicas = 3, Namespaces = ["payments"] };
        var run = await Run(options, storageClass: "ceph-block");

        var release = Assert.Single(run.Of(ReleaseType));
        Assert.Equal(("consul", "2.0.3", "consul"), ((string)release.Inputs["chart"], (string)release.Inputs["version"], (string)release.Inputs["namespace"]));
        var values = run.Values("mesh-consul");
        Assert.Equal(true, ValuesTree.At(values, "global.acls.manageSystemACLs"));
        Assert.Equal(true, ValuesTree.At(values, "global.tls.enabled"));
        Assert.Equal(true, ValuesTree.At(values, "connectInject.transparentProxy.defaultEnabled"));
        Assert.Equal(3.0, ValuesTree.At(values, "server.replicas"));
        Assert.Equal("ceph-block", ValuesTree.At(values, "server.storageClass"));
        Assert.Equal(false, ValuesTree.At(values, "connectInject.apiGateway.manageExternalCRDs"));
        // No TCPRoute CRD is installed, so nothing may watch it.
        Assert.Equal(false, ValuesTree.At(values, "global.crds.enableTcpRoute"));
        Assert.Equal("consul-cni", ValuesTree.At(values, "connectInject.cni.namespace"));
        // No token or key of any kind in the values: the chart's Jobs generate them into Secrets.
        Assert.DoesNotContain(ChartPaths.Leaves(values), leaf => leaf.Contains("secretName", StringComparison.Ordinal));
        Assert.Equal(["ceph-cluster", "gateway-api", "mesh-consul-cni-namespace", "mesh-consul-namespace"], run.DependsOn["mesh-consul"].Order());
        Assert.Equal("baseline", Level(run, "mesh-consul-namespace"));
        Assert.Equal("privileged", Level(run, "mesh-consul-cni-namespace"));
        Assert.Empty(run.Of("kubernetes:security.istio.io/v1:PeerAuthentication"));
    }

    [Fact]
    public async Task Consul_without_a_storage_class_or_with_permissive_mtls_is_refused()
    {
        var noStorage = await Assert.ThrowsAsync<RunException>(() => Run(new ServiceMeshOptions { Provider = MeshProvider.Consul }));
        var permissive = await Assert.ThrowsAsync<RunException>(() => Run(new ServiceMeshOptions { Provider = MeshProvider.Consul, Mtls = MeshMtlsMode.Permissive }, storageClass: "ceph-block"));

        Assert.Contains("give a StorageClass", noStorage.Message, StringComparison.Ordinal);
        Assert.Contains("mtls permissive", permissive.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> ChartValues() => ["base", "istiod-ambient", "istiod-sidecar", "cni-ambient", "cni-sidecar", "ztunnel", "consul"];

    private static (HelmChart Chart, IReadOnlyDictionary<string, object> Values) Values(string which) => which switch
    {
        "base" => (HelmCharts.IstioBase, IstioValues.Base()),
        "istiod-ambient" => (HelmCharts.Istiod, IstioValues.Istiod(IstioDataplaneMode.Ambient, 1)),
        "istiod-sidecar" => (HelmCharts.Istiod, IstioValues.Istiod(IstioDataplaneMode.Sidecar, 2)),
        "cni-ambient" => (HelmCharts.IstioCni, IstioValues.Cni(IstioDataplaneMode.Ambient)),
        "cni-sidecar" => (HelmCharts.IstioCni, IstioValues.Cni(IstioDataplaneMode.Sidecar)),
        "ztunnel" => (HelmCharts.Ztunnel, IstioValues.Ztunnel()),
        _ => (HelmCharts.Consul, ConsulValues.Render(new ServiceMeshOptions { Provider = MeshProvider.Consul, Namespaces = ["a"] }, "ceph-block", metrics: true)),
    };

    [Theory]
    [MemberData(nameof(ChartValues))]
    public void Every_value_is_read_by_its_chart(string which)
    {
        var (chart, values) = Values(which);

        Assert.Empty(ChartPaths.Unread(chart, values));
    }

    [Fact]
    public void The_values_path_check_finds_a_key_istiod_does_not_read()
    {
        var values = new Dictionary<string, object>(IstioValues.Istiod(IstioDataplaneMode.Ambient, 1)) { ["trustedZtunelNamespace"] = "x" };

        Assert.Equal(["trustedZtunelNamespace"], ChartPaths.Unread(HelmCharts.Istiod, values));
    }

    [Fact]
    public void One_istiod_replica_has_no_disruption_budget_and_none_is_refused()
    {
        Assert.Equal(false, ValuesTree.At(IstioValues.Istiod(IstioDataplaneMode.Ambient, 1), "global.defaultPodDisruptionBudget.enabled"));
        Assert.Throws<ArgumentOutOfRangeException>(() => IstioValues.Istiod(IstioDataplaneMode.Ambient, 0));
    }

    [Fact]
    public void Meshed_namespaces_get_the_modes_label_and_the_traffic_the_mesh_needs()
    {
        Assert.Equal(new Dictionary<string, string> { ["istio.io/dataplane-mode"] = "ambient" }, MeshMembership.Labels(new ServiceMeshOptions()));
        Assert.Equal(new Dictionary<string, string> { ["istio-injection"] = "enabled" }, MeshMembership.Labels(new ServiceMeshOptions { Mode = IstioDataplaneMode.Sidecar }));
        Assert.Empty(MeshMembership.Labels(new ServiceMeshOptions { Provider = MeshProvider.Consul }));
        var ambient = MeshMembership.Allowances(new ServiceMeshOptions());
        Assert.All(ambient, a => Assert.Equal([(15008, "TCP")], a.Ports));
        Assert.Equal([TrafficDirection.Ingress, TrafficDirection.Egress], ambient.Select(a => a.Direction));
        var sidecar = Assert.Single(MeshMembership.Allowances(new ServiceMeshOptions { Mode = IstioDataplaneMode.Sidecar }));
        Assert.Equal(("istio-system", 15012), (sidecar.Namespace, sidecar.Ports.Single().Port));
        Assert.All(ambient.Concat([sidecar]), a => Assert.Null(a.Problem()));
    }
}
