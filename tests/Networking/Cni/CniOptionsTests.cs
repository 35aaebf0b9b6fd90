using Platform.Components.Networking.Cni;

namespace Platform.Tests.Networking.Cni;

public class CniOptionsTests
{
    [Fact]
    public void Defaults_are_cilium_without_extras()
    {
        var options = new CniOptions();

        Assert.Equal(CniPlugin.Cilium, options.Plugin);
        Assert.Equal(CniEncryption.None, options.Encryption);
        Assert.False(options.KubeProxyReplacement);
        Assert.False(options.Hubble);
        Assert.Equal(2, options.CiliumOperatorReplicas);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Cilium_accepts_every_feature()
    {
        var options = new CniOptions { Encryption = CniEncryption.AllTraffic, KubeProxyReplacement = true, Hubble = true };

        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Calico_with_pod_encryption_is_valid() =>
        Assert.Empty((CniFixtures.Calico with { Encryption = CniEncryption.PodTraffic }).Validate());

    [Fact]
    public void Calico_cannot_encrypt_all_traffic()
    {
        var problem = Assert.Single((CniFixtures.Calico with { Encryption = CniEncryption.AllTraffic }).Validate());

        Assert.Equal("encryption AllTraffic needs Cilium: Calico encrypts only pod-to-pod traffic. Use PodTraffic, or plugin Cilium.", problem);
    }

    [Fact]
    public void Calico_cannot_replace_kube_proxy()
    {
        var problem = Assert.Single((CniFixtures.Calico with { KubeProxyReplacement = true }).Validate());

        Assert.StartsWith("kubeProxyReplacement needs Cilium", problem, StringComparison.Ordinal);
        Assert.Contains("Set kubeProxyReplacement false, or plugin Cilium.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Calico_cannot_run_hubble()
    {
        var problem = Assert.Single((CniFixtures.Calico with { Hubble = true }).Validate());

        Assert.StartsWith("hubble needs Cilium", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = CniFixtures.Calico with { Encryption = CniEncryption.AllTraffic, KubeProxyReplacement = true, Hubble = true };

        Assert.Equal(3, options.Validate().Count);
    }

    [Fact]
    public void Operator_needs_a_replica() =>
        Assert.Contains("ciliumOperatorReplicas", Assert.Single((CniFixtures.Cilium with { CiliumOperatorReplicas = 0 }).Validate()), StringComparison.Ordinal);

    [Fact]
    public void Unknown_enum_values_are_problems()
    {
        var options = new CniOptions { Plugin = (CniPlugin)7, Encryption = (CniEncryption)9 };

        Assert.Equal(2, options.Validate().Count);
    }

    [Theory]
    [InlineData("Prod", CniPlugin.Cilium, 1)]
    [InlineData("-prod", CniPlugin.Cilium, 1)]
    [InlineData("a-cluster-name-that-is-longer-than-32", CniPlugin.Cilium, 1)]
    [InlineData("Prod_Cluster", CniPlugin.Calico, 0)]
    [InlineData("prod", CniPlugin.Cilium, 0)]
    public void Cluster_name_matters_only_to_cilium(string name, CniPlugin plugin, int problems) =>
        Assert.Equal(problems, (CniFixtures.Cluster with { ClusterName = name }).Validate(plugin).Count);

    [Theory]
    [InlineData("10.244.0.0/16", CniPlugin.Cilium, 0)]
    [InlineData("10.244.0.0/24", CniPlugin.Cilium, 0)]
    [InlineData("10.244.0.0/25", CniPlugin.Cilium, 1)]
    [InlineData("10.244.0.0/26", CniPlugin.Calico, 0)]
    [InlineData("10.244.0.0/27", CniPlugin.Calico, 1)]
    [InlineData("10.244.1.0/16", CniPlugin.Cilium, 1)]
    [InlineData("fd00::/104", CniPlugin.Cilium, 1)]
    [InlineData("not-a-cidr", CniPlugin.Calico, 1)]
    public void Pod_cidr_must_hold_a_node_slice(string cidr, CniPlugin plugin, int problems) =>
        Assert.Equal(problems, (CniFixtures.Cluster with { PodCidr = cidr }).Validate(plugin).Count);

    [Fact]
    public void Api_endpoint_must_be_usable()
    {
        var problems = (CniFixtures.Cluster with { ApiServerHost = " ", ApiServerPort = 70000 }).Validate(CniPlugin.Cilium);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, problem => problem.StartsWith("apiServerHost", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("apiServerPort", StringComparison.Ordinal));
    }
}
