using Platform.Components.Cluster.Kubeadm;
using YamlDotNet.RepresentationModel;
using static Platform.Tests.Cluster.Kubeadm.KubeadmDocuments;

namespace Platform.Tests.Cluster.Kubeadm;

public class KubeadmApiVersionTests
{
    [Theory]
    [InlineData("1.22.0", "kubeadm.k8s.io/v1beta3")]
    [InlineData("1.30.14", "kubeadm.k8s.io/v1beta3")]
    [InlineData("1.31.0", "kubeadm.k8s.io/v1beta4")]
    [InlineData("1.33.5", "kubeadm.k8s.io/v1beta4")]
    [InlineData("1.34.1", "kubeadm.k8s.io/v1beta4")]
    [InlineData("1.34.0-rc.1", "kubeadm.k8s.io/v1beta4")]
    public void Api_version_follows_the_kubernetes_minor(string version, string expected) =>
        Assert.Equal(expected, KubeadmApiVersion.For(version));

    [Theory]
    [InlineData("v1.33.5")]
    [InlineData("1.33")]
    [InlineData("1.21.0")]
    [InlineData("2.0.0")]
    [InlineData("latest")]
    [InlineData("")]
    public void Bad_versions_are_rejected(string version) =>
        Assert.Throws<ArgumentException>(() => KubeadmApiVersion.For(version));

    [Theory]
    [InlineData("1.30.14", "kubeadm.k8s.io/v1beta3")]
    [InlineData("1.31.2", "kubeadm.k8s.io/v1beta4")]
    [InlineData("1.34.1", "kubeadm.k8s.io/v1beta4")]
    public void Every_kubeadm_document_declares_the_version_api(string version, string apiVersion)
    {
        var docs = Init(version);
        Assert.Equal(apiVersion, Scalar(docs[0], "apiVersion"));
        Assert.Equal(apiVersion, Scalar(docs[1], "apiVersion"));
        Assert.Equal(apiVersion, Scalar(Join(Worker(), version), "apiVersion"));
        Assert.Equal("v" + version, Scalar(docs[1], "kubernetesVersion"));
    }

    [Fact]
    public void V1beta3_extra_args_are_maps()
    {
        var cluster = Init("1.30.14")[1];

        foreach (var component in new[] { "apiServer", "controllerManager", "scheduler" })
            Assert.IsType<YamlMappingNode>(Find(cluster, component + ".extraArgs"));
        Assert.Equal("false", Scalar(cluster, "apiServer.extraArgs.profiling"));
        Assert.Equal("false", Scalar(cluster, "scheduler.extraArgs.profiling"));
    }

    [Theory]
    [InlineData("1.31.2")]
    [InlineData("1.34.1")]
    public void V1beta4_extra_args_are_lists_of_name_and_value(string version)
    {
        var cluster = Init(version)[1];

        foreach (var component in new[] { "apiServer", "controllerManager", "scheduler" })
        {
            var list = Assert.IsType<YamlSequenceNode>(Find(cluster, component + ".extraArgs"));
            Assert.All(list.Children, item => Assert.Equal(
                new[] { "name", "value" },
                ((YamlMappingNode)item).Children.Keys.Select(k => ((YamlScalarNode)k).Value)));
        }
        Assert.Equal("false", ExtraArgs(cluster, "apiServer")["profiling"]);
    }

    [Theory]
    [InlineData("1.30.14")]
    [InlineData("1.31.2")]
    [InlineData("1.34.1")]
    public void Both_forms_carry_the_same_arguments(string version)
    {
        var expected = ExtraArgs(Init("1.33.5")[1], "apiServer");
        var actual = ExtraArgs(Init(version)[1], "apiServer").ToDictionary();
        // From 1.34 the API server also reads the structured authentication configuration, whatever the form.
        Assert.Equal(AuthenticationConfigRenderer.IsReadBy(version), actual.Remove("authentication-config"));
        Assert.Equal(expected, actual);
    }

    // The field paths each version's documents may contain: exactly what the renderer emits, each checked against the
    // kubeadm API reference of that version. '[]' steps into a list; '*' is any key of an extraArgs map.
    private static readonly string[] Common =
    [
        "apiVersion", "kind",
    ];

    private static readonly string[] NodeRegistration =
    [
        "nodeRegistration", "nodeRegistration.name", "nodeRegistration.criSocket", "nodeRegistration.taints",
        "nodeRegistration.taints[]", "nodeRegistration.taints[].key", "nodeRegistration.taints[].value", "nodeRegistration.taints[].effect",
    ];

    private static readonly string[] InitFields =
    [
        .. Common, .. NodeRegistration,
        "bootstrapTokens", "bootstrapTokens[]", "bootstrapTokens[].token", "bootstrapTokens[].description", "bootstrapTokens[].ttl",
        "bootstrapTokens[].usages", "bootstrapTokens[].usages[]", "bootstrapTokens[].groups", "bootstrapTokens[].groups[]",
        "localAPIEndpoint", "localAPIEndpoint.advertiseAddress", "localAPIEndpoint.bindPort",
    ];

    private static readonly string[] ClusterCommon =
    [
        .. Common,
        "clusterName", "kubernetesVersion", "controlPlaneEndpoint", "certificatesDir",
        "networking", "networking.podSubnet", "networking.serviceSubnet", "networking.dnsDomain",
        "apiServer", "apiServer.certSANs", "apiServer.certSANs[]", "apiServer.extraArgs",
        "apiServer.extraVolumes", "apiServer.extraVolumes[]", "apiServer.extraVolumes[].name", "apiServer.extraVolumes[].hostPath",
        "apiServer.extraVolumes[].mountPath", "apiServer.extraVolumes[].readOnly", "apiServer.extraVolumes[].pathType",
        "controllerManager", "controllerManager.extraArgs", "scheduler", "scheduler.extraArgs",
    ];

    private static readonly string[] ClusterV1Beta3 =
    [
        .. ClusterCommon, "apiServer.extraArgs.*", "controllerManager.extraArgs.*", "scheduler.extraArgs.*",
    ];

    private static readonly string[] ClusterV1Beta4 =
    [
        .. ClusterCommon,
        "apiServer.extraArgs[]", "apiServer.extraArgs[].name", "apiServer.extraArgs[].value",
        "controllerManager.extraArgs[]", "controllerManager.extraArgs[].name", "controllerManager.extraArgs[].value",
        "scheduler.extraArgs[]", "scheduler.extraArgs[].name", "scheduler.extraArgs[].value",
        // v1beta4's extraEnvs (v1beta3 has none): the API server's environment the reconfigure steps rely on.
        "apiServer.extraEnvs", "apiServer.extraEnvs[]", "apiServer.extraEnvs[].name", "apiServer.extraEnvs[].value",
    ];

    private static readonly string[] JoinFields =
    [
        .. Common, .. NodeRegistration,
        "discovery", "discovery.bootstrapToken", "discovery.bootstrapToken.apiServerEndpoint", "discovery.bootstrapToken.token",
        "discovery.bootstrapToken.caCertHashes", "discovery.bootstrapToken.caCertHashes[]",
        "controlPlane", "controlPlane.localAPIEndpoint", "controlPlane.localAPIEndpoint.advertiseAddress", "controlPlane.localAPIEndpoint.bindPort",
    ];

    // Fields (or forms) that exist in only one of the two versions.
    private static readonly string[] OnlyV1Beta4 =
    [
        "timeouts", "dryRun", "encryptionAlgorithm", "certificateValidityPeriod", "caCertificateValidityPeriod",
        "apiServer.extraEnvs", "controllerManager.extraEnvs", "scheduler.extraEnvs", "etcd.local.extraEnvs",
        "nodeRegistration.imagePullSerial", "dns.disabled", "proxy.disabled",
        "apiServer.extraArgs[]", "controllerManager.extraArgs[]", "scheduler.extraArgs[]", "etcd.local.extraArgs[]",
        "nodeRegistration.kubeletExtraArgs[]",
    ];

    private static readonly string[] OnlyV1Beta3 =
    [
        "apiServer.timeoutForControlPlane", "discovery.timeout",
        "apiServer.extraArgs.*", "controllerManager.extraArgs.*", "scheduler.extraArgs.*", "etcd.local.extraArgs.*",
        "nodeRegistration.kubeletExtraArgs.*",
    ];

    public static TheoryData<string> Versions => new() { "1.30.14", "1.31.2", "1.34.1" };

    [Theory]
    [MemberData(nameof(Versions))]
    public void Documents_use_only_fields_of_the_declared_version(string version)
    {
        var beta4 = KubeadmApiVersion.For(version) == KubeadmApiVersion.V1Beta4;
        var init = Init(version);
        var controlPlaneJoin = Join(ControlPlane(new Platform.Components.Cluster.NodeTaint
        {
            Key = "k", Value = "v", Effect = Platform.Components.Cluster.TaintEffect.NoSchedule,
        }), version);
        var workerJoin = Join(Worker(), version);

        AssertOnly(InitFields, FieldPaths(init[0]));
        AssertOnly(beta4 ? ClusterV1Beta4 : ClusterV1Beta3, FieldPaths(init[1]));
        AssertOnly(JoinFields, FieldPaths(controlPlaneJoin));
        AssertOnly(JoinFields, FieldPaths(workerJoin));

        var emitted = new[] { init[0], init[1], controlPlaneJoin, workerJoin }.SelectMany(FieldPaths).ToHashSet();
        var foreign = beta4 ? OnlyV1Beta3 : OnlyV1Beta4;
        Assert.Empty(emitted.Intersect(foreign));
    }

    [Fact]
    public void The_allow_lists_keep_the_version_specific_forms_apart()
    {
        Assert.Empty(ClusterV1Beta3.Intersect(OnlyV1Beta4));
        Assert.Empty(ClusterV1Beta4.Intersect(OnlyV1Beta3));
        Assert.Empty(InitFields.Concat(JoinFields).Intersect(OnlyV1Beta3.Concat(OnlyV1Beta4)));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void The_full_field_set_is_emitted_for_a_fully_hardened_cluster(string version)
    {
        var beta4 = KubeadmApiVersion.For(version) == KubeadmApiVersion.V1Beta4;
        Assert.Equal((beta4 ? ClusterV1Beta4 : ClusterV1Beta3).Order(StringComparer.Ordinal), FieldPaths(Init(version)[1]).Order(StringComparer.Ordinal));
    }

    private static void AssertOnly(IEnumerable<string> allowed, IEnumerable<string> emitted)
    {
        var unexpected = emitted.Except(allowed).ToList();
        Assert.True(unexpected.Count == 0, "Fields outside the version's allow-list: " + string.Join(", ", unexpected));
    }
}
