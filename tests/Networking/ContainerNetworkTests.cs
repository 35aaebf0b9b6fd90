using System.Collections.Immutable;
using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Tests.Cluster;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;

namespace Platform.Tests.Networking;

public class ContainerNetworkTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    [Fact]
    public async Task Cilium_is_installed_by_default_from_the_pinned_chart_with_the_clusters_pod_cidr_on_the_clusters_provider()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());

        var release = run.Registration(ReleaseType, "platform-prod-cni-cilium");
        Assert.Equal(HelmCharts.Cilium.Name, release.Inputs["chart"]);
        Assert.Equal(HelmCharts.Cilium.Version, release.Inputs["version"]);
        Assert.Equal(HelmCharts.Cilium.Repository, Map(release.Inputs["repositoryOpts"])["repo"]);
        Assert.Equal("kube-system", release.Inputs["namespace"]);
        Assert.Equal(true, release.Inputs["atomic"]);
        var podCidrs = (ImmutableArray<object>)Map(Map(Map(release.Inputs["values"])["ipam"])["operator"])["clusterPoolIPv4PodCIDRList"];
        Assert.Equal(new object[] { "10.244.0.0/16" }, podCidrs.ToArray());
        Assert.StartsWith("urn:pulumi:test::platform::pulumi:pulumi:Stack$pulumi:providers:kubernetes::platform-prod-access-kubernetes::", release.Provider);
        Assert.DoesNotContain(run.Registrations, r => r.Name == "platform-prod-cni-calico");
    }

    [Fact]
    public async Task Calico_runs_through_the_tigera_operator_in_its_own_privileged_namespace_with_wireguard_when_asked()
    {
        var config = ValidConfig.Values();
        config["cni"] = """{"plugin": "calico", "encryption": "pod"}""";
        var run = await StackRunner.RunAsync(config);

        var release = run.Registration(ReleaseType, "platform-prod-cni-calico");
        Assert.Equal(HelmCharts.TigeraOperator.Name, release.Inputs["chart"]);
        Assert.Equal("tigera-operator", release.Inputs["namespace"]);
        var ns = Map(run.Registration("kubernetes:core/v1:Namespace", "platform-prod-cni-tigera-operator").Inputs["metadata"]);
        Assert.Equal("privileged", Map(ns["labels"])["pod-security.kubernetes.io/enforce"]);
        var felix = Map(Map(release.Inputs["values"])["defaultFelixConfiguration"]);
        Assert.Equal(true, felix["wireguardEnabled"]);
    }

    [Fact]
    public async Task Calico_crds_chart_of_the_same_release_is_installed_first_into_the_operators_namespace()
    {
        var config = ValidConfig.Values();
        config["cni"] = """{"plugin": "calico"}""";
        var run = await StackRunner.RunAsync(config);

        var crds = run.Registration(ReleaseType, "platform-prod-cni-calico-crds");
        Assert.Equal(HelmCharts.CalicoCrds.Name, crds.Inputs["chart"]);
        Assert.Equal(HelmCharts.CalicoCrds.Name, crds.Inputs["name"]);
        Assert.Equal(HelmCharts.TigeraOperator.Version, crds.Inputs["version"]);
        Assert.Equal(HelmCharts.TigeraOperator.Repository, Map(crds.Inputs["repositoryOpts"])["repo"]);
        Assert.Equal("tigera-operator", crds.Inputs["namespace"]);
        // A CRDs release is never atomic: a failed atomic install would uninstall it, CRDs included (HelmInstall).
        Assert.Equal(false, crds.Inputs["atomic"]);
        Assert.StartsWith("urn:pulumi:test::platform::pulumi:pulumi:Stack$pulumi:providers:kubernetes::platform-prod-access-kubernetes::", crds.Provider);
        var graph = await DependencyGraph.OfAsync(run);
        Assert.Contains("platform-prod-cni-calico-crds", graph.Direct("platform-prod-cni-calico"));
        Assert.DoesNotContain("platform-prod-cni-calico", graph.Transitive("platform-prod-cni-calico-crds"));
        Assert.DoesNotContain(run.Registrations, r => r.Name == "platform-prod-cni-cilium");
    }

    [Fact]
    public async Task Cilium_needs_no_separate_crds_release()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());

        Assert.DoesNotContain(run.RegistrationsOf(ReleaseType), r => r.Name!.EndsWith("-crds", StringComparison.Ordinal) && r.Name.StartsWith("platform-prod-cni", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cilium_encrypts_all_traffic_and_replaces_kube_proxy_when_asked()
    {
        var config = ValidConfig.Values();
        config["cni"] = """{"encryption": "all", "kubeProxyReplacement": true}""";
        var run = await StackRunner.RunAsync(config);
        var values = Map(run.Registration(ReleaseType, "platform-prod-cni-cilium").Inputs["values"]);
        Assert.Equal(true, Map(values["encryption"])["nodeEncryption"]);
        Assert.Equal("wireguard", Map(values["encryption"])["type"]);
        Assert.Equal(true, values["kubeProxyReplacement"]);
        Assert.Equal("10.0.0.10", values["k8sServiceHost"]);
        var initFiles = (string)run.Registration("command:remote:Command", "platform-prod-cp-1-files").Inputs["stdin"];
        var initConfig = NodeFilePayload.Content(initFiles, Platform.Components.Cluster.Scripts.NodeScripts.KubeadmConfigPath);
        Assert.Contains("skipPhases:\n- addon/kube-proxy", initConfig);
        Assert.DoesNotContain("KubeProxyConfiguration", initConfig);
    }

    [Fact]
    public async Task The_cni_capability_is_on_for_every_tier()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        var cni = (ImmutableDictionary<string, object>)(await Outputs.ValueAsync(run.Single<Platform.Stacks.PlatformStack>().Capabilities))["cni"];
        Assert.Equal(true, cni["enabled"]);
        Assert.Single(run.All<ContainerNetwork>());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    public async Task A_one_node_cluster_runs_one_cilium_operator(int nodes, int replicas)
    {
        var run = await StackRunner.RunAsync(Platform.Tests.Cluster.ClusterInventories.With(1, nodes - 1));
        var values = Map(run.Registration(ReleaseType, "platform-prod-cni-cilium").Inputs["values"]);
        Assert.Equal((double)replicas, Map(values["operator"])["replicas"]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    public async Task A_one_node_cluster_runs_calicos_control_plane_once(int nodes, int replicas)
    {
        var config = Platform.Tests.Cluster.ClusterInventories.With(1, nodes - 1);
        config["cni"] = """{"plugin": "calico"}""";
        var run = await StackRunner.RunAsync(config);
        var values = Map(run.Registration(ReleaseType, "platform-prod-cni-calico").Inputs["values"]);
        Assert.Equal((double)replicas, Map(values["installation"])["controlPlaneReplicas"]);
    }
}
