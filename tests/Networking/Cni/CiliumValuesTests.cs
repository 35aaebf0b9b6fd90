using Platform.Tests.Harness;
using Platform.Components.Networking.Cni;
using static Platform.Tests.Harness.ValuesTree;

namespace Platform.Tests.Networking.Cni;

public class CiliumValuesTests
{
    private static IReadOnlyDictionary<string, object> Render(CniOptions options) => CiliumValues.Render(options, CniFixtures.Cluster);

    [Fact]
    public void A_mesh_cni_makes_cilium_share_the_cni_configuration_and_keep_socket_lb_in_the_host_namespace()
    {
        var meshed = Render(CniFixtures.Cilium with { MeshCni = true, KubeProxyReplacement = true });
        var alone = Render(CniFixtures.Cilium with { KubeProxyReplacement = true });

        Assert.Equal(false, At(meshed, "cni.exclusive"));
        // The agent's setting itself, as a string (ConfigMap data holds strings only), through the chart's free-form
        // extraConfig, which its ConfigMap template renders whole into cilium-config.
        var extraConfig = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(At(meshed, "extraConfig"));
        Assert.Equal(new Dictionary<string, object> { ["bpf-lb-sock-hostns-only"] = "true" }, extraConfig);
        Assert.False(Has(meshed, "socketLB"));
        Assert.False(Has(alone, "cni"));
        Assert.False(Has(alone, "extraConfig"));
        Assert.False(Has(alone, "socketLB"));
    }

    [Fact]
    public void The_mesh_settings_are_values_the_pinned_chart_reads_and_its_schema_accepts()
    {
        var meshed = Render(CniFixtures.Cilium with { MeshCni = true, KubeProxyReplacement = true });

        Assert.Empty(ChartPaths.Unread(Platform.Components.Catalog.HelmCharts.Cilium, meshed));
        Assert.Empty(ChartSchema.Errors(Platform.Components.Catalog.HelmCharts.Cilium, meshed));
        var freeform = File.ReadAllLines(Path.Combine(RepoRoot.Path, "..", "shared", "charts", "cilium", Platform.Components.Catalog.HelmCharts.Cilium.Version, "values-freeform.txt"));
        Assert.Contains("extraConfig\tempty map in values.yaml", freeform);
    }

    [Fact]
    public void Pod_cidr_feeds_the_cluster_pool()
    {
        var values = Render(CniFixtures.Cilium);

        Assert.Equal("cluster-pool", At(values, "ipam.mode"));
        Assert.Equal(new object[] { "10.244.0.0/16" }, At(values, "ipam.operator.clusterPoolIPv4PodCIDRList"));
        Assert.Equal(24, At(values, "ipam.operator.clusterPoolIPv4MaskSize"));
    }

    [Fact]
    public void Cluster_name_and_datapath_are_set()
    {
        var values = Render(CniFixtures.Cilium);

        Assert.Equal("prod-eu1", At(values, "cluster.name"));
        Assert.Equal("tunnel", At(values, "routingMode"));
        Assert.Equal("vxlan", At(values, "tunnelProtocol"));
        Assert.Equal("default", At(values, "policyEnforcementMode"));
        Assert.Equal(true, At(values, "rollOutCiliumPods"));
    }

    [Fact]
    public void Kube_proxy_replacement_points_the_agent_at_the_api_endpoint()
    {
        var values = Render(CniFixtures.Cilium with { KubeProxyReplacement = true });

        Assert.Equal(true, At(values, "kubeProxyReplacement"));
        Assert.Equal("192.168.10.5", At(values, "k8sServiceHost"));
        Assert.Equal(6443, At(values, "k8sServicePort"));
    }

    [Fact]
    public void Without_kube_proxy_replacement_the_service_endpoint_is_left_to_kube_proxy()
    {
        var values = Render(CniFixtures.Cilium);

        Assert.Equal(false, At(values, "kubeProxyReplacement"));
        Assert.False(Has(values, "k8sServiceHost"));
        Assert.False(Has(values, "k8sServicePort"));
    }

    [Fact]
    public void No_encryption_by_default()
    {
        var values = Render(CniFixtures.Cilium);

        Assert.Equal(false, At(values, "encryption.enabled"));
        Assert.False(Has(values, "encryption.type"));
    }

    [Fact]
    public void Pod_traffic_encryption_is_wireguard_without_node_encryption()
    {
        var values = Render(CniFixtures.Cilium with { Encryption = CniEncryption.PodTraffic });

        Assert.Equal(true, At(values, "encryption.enabled"));
        Assert.Equal("wireguard", At(values, "encryption.type"));
        Assert.Equal(false, At(values, "encryption.nodeEncryption"));
    }

    [Fact]
    public void All_traffic_encryption_adds_node_encryption()
    {
        var values = Render(CniFixtures.Cilium with { Encryption = CniEncryption.AllTraffic });

        Assert.Equal(true, At(values, "encryption.enabled"));
        Assert.Equal("wireguard", At(values, "encryption.type"));
        Assert.Equal(true, At(values, "encryption.nodeEncryption"));
    }

    [Fact]
    public void Hubble_on_brings_relay_and_ui()
    {
        var values = Render(CniFixtures.Cilium with { Hubble = true });

        Assert.Equal(true, At(values, "hubble.enabled"));
        Assert.Equal(true, At(values, "hubble.relay.enabled"));
        Assert.Equal(true, At(values, "hubble.ui.enabled"));
        Assert.Equal("cronJob", At(values, "hubble.tls.auto.method"));
    }

    [Fact]
    public void Hubble_off_overrides_the_chart_default()
    {
        var values = Render(CniFixtures.Cilium);

        Assert.Equal(false, At(values, "hubble.enabled"));
        Assert.Equal(false, At(values, "hubble.relay.enabled"));
        Assert.Equal(false, At(values, "hubble.ui.enabled"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Operator_replicas_follow_the_options(int replicas)
    {
        var values = Render(CniFixtures.Cilium with { CiliumOperatorReplicas = replicas });

        Assert.Equal(replicas, At(values, "operator.replicas"));
        Assert.Equal(true, At(values, "operator.rollOutPods"));
    }

    [Theory]
    [MemberData(nameof(CniOptionSets.Cilium), MemberType = typeof(CniOptionSets))]
    public void Values_hold_no_null_and_only_helm_types(CniOptions options) =>
        Assert.Empty(Problems(Render(options)));

    [Fact]
    public void Rendering_is_deterministic()
    {
        var options = CniFixtures.Cilium with { Encryption = CniEncryption.AllTraffic, KubeProxyReplacement = true, Hubble = true };

        Assert.Equal(ValuesTree.Serialize(Render(options)), ValuesTree.Serialize(Render(options)));
        Assert.Equal(
            ["cluster", "ipam", "routingMode", "tunnelProtocol", "kubeProxyReplacement", "k8sServiceHost", "k8sServicePort",
             "policyEnforcementMode", "encryption", "hubble", "operator", "rollOutCiliumPods"],
            Render(options).Keys);
    }

    [Fact]
    public void Calico_options_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Render(CniFixtures.Calico));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("plugin is Calico", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_list_their_problems()
    {
        var error = Assert.Throws<ArgumentException>(() => Render(CniFixtures.Cilium with { CiliumOperatorReplicas = 0 }));

        Assert.Contains("ciliumOperatorReplicas", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_cluster_facts_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(
            () => CiliumValues.Render(CniFixtures.Cilium, CniFixtures.Cluster with { ClusterName = "Prod_EU", PodCidr = "10.244.0.0/28" }));

        Assert.Equal("cluster", error.ParamName);
        Assert.Contains("clusterName", error.Message, StringComparison.Ordinal);
        Assert.Contains("podCidr", error.Message, StringComparison.Ordinal);
    }
}
