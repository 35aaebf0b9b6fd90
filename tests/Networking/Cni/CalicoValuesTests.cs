using Platform.Tests.Harness;
using Platform.Components.Networking.Cni;
using static Platform.Tests.Harness.ValuesTree;

namespace Platform.Tests.Networking.Cni;

public class CalicoValuesTests
{
    private static IReadOnlyDictionary<string, object> Render(CniOptions options) => CalicoValues.Render(options, CniFixtures.Cluster);

    private static IReadOnlyDictionary<string, object> IpPool(IReadOnlyDictionary<string, object> values) =>
        Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(
            Assert.Single(Assert.IsType<object[]>(At(values, "installation.calicoNetwork.ipPools"))));

    [Fact]
    public void Ip_pool_covers_the_pod_cidr()
    {
        var pool = IpPool(Render(CniFixtures.Calico));

        Assert.Equal("10.244.0.0/16", pool["cidr"]);
        Assert.Equal("VXLANCrossSubnet", pool["encapsulation"]);
        Assert.Equal("Enabled", pool["natOutgoing"]);
        Assert.Equal("all()", pool["nodeSelector"]);
        Assert.Equal(26, pool["blockSize"]);
    }

    [Fact]
    public void Installation_uses_calico_cni_and_ipam()
    {
        var values = Render(CniFixtures.Calico);

        Assert.Equal(true, At(values, "installation.enabled"));
        Assert.Equal("Calico", At(values, "installation.cni.type"));
        Assert.Equal("Calico", At(values, "installation.cni.ipam.type"));
        Assert.Equal("NodeInternalIP", At(values, "installation.calicoNetwork.nodeAddressAutodetectionV4.kubernetes"));
        Assert.Equal(true, At(values, "apiServer.enabled"));
        Assert.Equal(false, At(values, "goldmane.enabled"));
        Assert.Equal(false, At(values, "whisker.enabled"));
    }

    // The 3.32 chart writes controlPlaneReplicas 2 into the Installation whatever the cluster size; the platform writes
    // the CNI control plane's replica count instead, 1 on a one-node cluster.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Control_plane_replicas_follow_the_cni_control_plane_replica_count(int replicas)
    {
        var values = Render(CniFixtures.Calico with { CiliumOperatorReplicas = replicas });

        Assert.Equal(replicas, At(values, "installation.controlPlaneReplicas"));
    }

    [Fact]
    public void Control_plane_replicas_default_to_two() =>
        Assert.Equal(2, At(Render(CniFixtures.Calico), "installation.controlPlaneReplicas"));

    [Fact]
    public void Crd_management_is_left_to_the_chart_default() =>
        Assert.False(Has(Render(CniFixtures.Calico), "manageCRDs"));

    [Theory]
    [InlineData(CniEncryption.None, false)]
    [InlineData(CniEncryption.PodTraffic, true)]
    public void Pod_traffic_encryption_switches_wireguard_in_the_charts_felix_configuration(CniEncryption encryption, bool wireguard)
    {
        var felix = (IReadOnlyDictionary<string, object>)Render(CniFixtures.Calico with { Encryption = encryption })["defaultFelixConfiguration"];

        Assert.Equal(true, felix["enabled"]);
        Assert.Equal(wireguard, felix["wireguardEnabled"]);
    }

    [Fact]
    public void All_traffic_encryption_is_a_problem_and_nothing_renders()
    {
        var options = CniFixtures.Calico with { Encryption = CniEncryption.AllTraffic };

        Assert.Contains(options.Validate(), problem => problem.StartsWith("encryption AllTraffic needs Cilium", StringComparison.Ordinal));
        var error = Assert.Throws<ArgumentException>(() => Render(options));
        Assert.Equal("options", error.ParamName);
        Assert.Contains("encryption AllTraffic needs Cilium", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kube_proxy_replacement_is_rejected()
    {
        var options = CniFixtures.Calico with { KubeProxyReplacement = true };

        Assert.Contains(options.Validate(), problem => problem.StartsWith("kubeProxyReplacement needs Cilium", StringComparison.Ordinal));
        Assert.Contains("kubeProxyReplacement needs Cilium", Assert.Throws<ArgumentException>(() => Render(options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hubble_is_rejected()
    {
        var options = CniFixtures.Calico with { Hubble = true };

        Assert.Contains(options.Validate(), problem => problem.StartsWith("hubble needs Cilium", StringComparison.Ordinal));
        Assert.Contains("hubble needs Cilium", Assert.Throws<ArgumentException>(() => Render(options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cilium_options_are_rejected()
    {
        Assert.Contains("plugin is Cilium", Assert.Throws<ArgumentException>(() => Render(CniFixtures.Cilium)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pod_cidr_smaller_than_a_block_is_rejected() =>
        Assert.Equal("cluster", Assert.Throws<ArgumentException>(
            () => CalicoValues.Render(CniFixtures.Calico, CniFixtures.Cluster with { PodCidr = "10.244.0.0/28" })).ParamName);

    [Theory]
    [MemberData(nameof(CniOptionSets.Calico), MemberType = typeof(CniOptionSets))]
    public void Values_hold_no_null_and_only_helm_types(CniOptions options)
    {
        Assert.Empty(Problems(Render(options)));
    }

    [Fact]
    public void Rendering_is_deterministic() =>
        Assert.Equal(ValuesTree.Serialize(Render(CniFixtures.Calico)), ValuesTree.Serialize(Render(CniFixtures.Calico)));
}
