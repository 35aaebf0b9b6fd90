using Platform.Components.Networking.Cni;

namespace Platform.Tests.Configuration;

public class NetworkingOptionsTests
{
    [Fact]
    public void Cilium_without_extras_is_the_default()
    {
        var cni = ValidConfig.Load(_ => { }).Cni;
        Assert.Equal(CniPlugin.Cilium, cni.Plugin);
        Assert.Equal(CniEncryption.None, cni.Encryption);
        Assert.False(cni.KubeProxyReplacement);
        Assert.False(cni.Hubble);
    }

    [Fact]
    public void Every_setting_is_read()
    {
        var cni = ValidConfig.Load(v => v["cni"] = """{"plugin": "Cilium", "encryption": "all", "kubeProxyReplacement": true, "hubble": true}""").Cni;
        Assert.Equal(new CniOptions { Plugin = CniPlugin.Cilium, Encryption = CniEncryption.AllTraffic, KubeProxyReplacement = true, Hubble = true }, cni);
        Assert.Equal(CniEncryption.PodTraffic, ValidConfig.Load(v => v["cni"] = """{"plugin": "calico", "encryption": "pod"}""").Cni.Encryption);
    }

    [Theory]
    [InlineData("""{"plugin": "flannel"}""", "platform:cni.plugin", "is not one of cilium, calico")]
    [InlineData("""{"encryption": "ipsec"}""", "platform:cni.encryption", "is not one of none, pod, all")]
    [InlineData("""{"hubble": "yes"}""", "platform:cni.hubble", "not a boolean")]
    [InlineData("""{"plugn": "cilium"}""", "platform:cni.plugn", "did you mean 'plugin'")]
    [InlineData("""["cilium"]""", "platform:cni", "not an object")]
    [InlineData("""{"plugin": "calico", "encryption": "all"}""", "platform:cni", "Calico")]
    [InlineData("""{"plugin": "calico", "kubeProxyReplacement": true}""", "platform:cni", "Cilium")]
    public void Bad_cni_settings_are_refused_with_their_key(string value, string key, string message)
    {
        var problem = Assert.Single(ValidConfig.Problems(v => v["cni"] = value).Problems);
        Assert.Equal(key, problem.Key);
        Assert.Contains(message, problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Cilium_needs_a_cluster_name_of_at_most_32_characters()
    {
        var name = new string('a', 33);
        var problem = Assert.Single(ValidConfig.Problems(v => v["clusterName"] = name).Problems);
        Assert.Equal("platform:clusterName", problem.Key);
        Assert.Contains("at most 32", problem.Message, StringComparison.Ordinal);
        Assert.Equal(name, ValidConfig.Load(v => { v["clusterName"] = name; v["cni"] = """{"plugin": "calico"}"""; }).ClusterName);
    }
}
