using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Components.Cluster.Kubeadm;
using Platform.Stacks.Configuration;
using Platform.Tests.Validation.ConfigApi;
using YamlDotNet.Core;
using Docs = Platform.Tests.Cluster.Kubeadm.KubeadmDocuments;

namespace Platform.Tests.Validation;

/// <summary>Rendered documents with one thing broken (an unknown field, a wrong scalar type, a missing required field,
/// a value outside its set, the other kubeadm version's shape, an unknown or unserved kind) fail to decode, while the
/// same document unbroken decodes: the strict decoding of <see cref="ConfigDocumentTests"/> is not vacuous.</summary>
public class ConfigDocumentBrokenTests
{
    /// <summary>The kubeadm v1beta3 case: 1.30, which the renderer still supports whatever the supported minors are.</summary>
    private const string V1Beta3Minor = "1.30";

    private static string V1Beta4Minor => KubernetesVersions.SupportedMinors[^1];

    public static TheoryData<string, string, string> WrongScalarTypes() => new()
    {
        // document (see Render), the text as rendered, the same field with a value of the wrong JSON type
        { "init", "readOnlyPort: 0", "readOnlyPort: \"0\"" },
        { "init", "rotateCertificates: true", "rotateCertificates: \"true\"" },
        { "init", "seccompDefault: true", "seccompDefault: \"yes\"" },
        { "init", "podPidsLimit: 4096", "podPidsLimit: 4096.5" },
        { "init", "bindPort: 6443", "bindPort: \"6443\"" },
        { "init", "readOnly: true", "readOnly: \"true\"" },
        { "init", "- signing", "- 1" },
        { "init", "enabled: false", "enabled: 0" },
        { "init-v1beta3", "profiling: \"false\"", "profiling: false" },
        { "init-v1beta3", "terminated-pod-gc-threshold: \"1000\"", "terminated-pod-gc-threshold: 1000" },
        { "init", "value: \"false\"", "value: false" },
        { "join", "token: abcdef.0123456789abcdef", "token: 123456" },
        { "event-rate-limit", "qps: 50", "qps: \"50\"" },
        { "event-rate-limit", "burst: 2000", "burst: 2000.5" },
        { "admission", "      - kube-system", "      - 1" },
        { "admission", "      usernames: []", "      usernames: \"\"" },
        { "encryption", "  - secrets", "  - true" },
        { "audit", "  - watch", "  - 7" },
    };

    public static TheoryData<string, string, string> UnknownFields() => new()
    {
        { "init", "readOnlyPort: 0", "readOnlyPorts: 0" },
        { "init", "cgroupDriver: systemd", "cgroupDriver: systemd\ncgroupDrivers: systemd" },
        { "init", "  podSubnet: 10.244.0.0/16", "  podSubnet: 10.244.0.0/16\n  podSubnets: 10.244.0.0/16" },
        { "init", "mode: iptables", "mode: iptables\nmodes: iptables" },
        { "init", "  ttl: 2h0m0s", "  ttl: 2h0m0s\n  expiry: 2h0m0s" },
        { "join", "    token: abcdef.0123456789abcdef", "    token: abcdef.0123456789abcdef\n    unsafeSkipCAVerifications: true" },
        { "admission", "      enforce: baseline", "      enforce: baseline\n      enforceVersion: latest" },
        { "admission", "  path: /etc", "  paths: /etc" },
        { "encryption", "  - identity: {}", "  - identity: {enabled: true}" },
        { "event-rate-limit", "  cacheSize: 2000", "  cacheSize: 2000\n  cachesize: 2000" },
        { "audit", "- level: None", "- level: None\n  stage: RequestReceived" },
    };

    public static TheoryData<string, string, string> ValuesOutsideTheirSet() => new()
    {
        { "init", "effect: NoSchedule", "effect: Noschedule" },
        { "init", "pathType: File", "pathType: file" },
        { "init", "mode: Webhook", "mode: webhook" },
        { "admission", "enforce: baseline", "enforce: Baseline" },
        { "event-rate-limit", "type: Server", "type: server" },
        { "audit", "- level: None", "- level: none" },
        { "audit", "- RequestReceived", "- Received" },
    };

    public static TheoryData<string, string, string> MissingRequiredFields() => new()
    {
        { "init", "  - key: node-role.kubernetes.io/control-plane\n    effect: NoSchedule", "  - key: node-role.kubernetes.io/control-plane" },
        { "init", "- token: abcdef.0123456789abcdef\n  description:", "- description:" },
        { "init", "- token: abcdef.0123456789abcdef", "- token: ~" },
        { "init", "  - name: audit-policy\n    hostPath: /etc/kubernetes/platform/audit-policy.yaml", "  - name: audit-policy" },
        { "init", "  - name: profiling\n    value: \"false\"", "  - name: profiling" },
        { "init", "apiVersion: kubelet.config.k8s.io/v1beta1\n", "" },
        { "join", "kind: JoinConfiguration\n", "" },
        { "event-rate-limit", "  qps: 1000\n", "" },
        { "encryption", "        secret: ", "        secrets: " },
        { "admission", "- name: EventRateLimit\n  path:", "- path:" },
        { "audit", "rules:", "rule:" },
    };

    [Theory]
    [MemberData(nameof(WrongScalarTypes))]
    public void A_value_of_the_wrong_json_type_fails(string document, string rendered, string broken) =>
        AssertBreaks(document, rendered, broken);

    [Theory]
    [MemberData(nameof(UnknownFields))]
    public void An_unknown_field_fails(string document, string rendered, string broken) =>
        AssertBreaks(document, rendered, broken);

    [Theory]
    [MemberData(nameof(ValuesOutsideTheirSet))]
    public void A_value_outside_its_closed_set_fails(string document, string rendered, string broken) =>
        AssertBreaks(document, rendered, broken);

    [Theory]
    [MemberData(nameof(MissingRequiredFields))]
    public void A_missing_required_field_fails(string document, string rendered, string broken) =>
        AssertBreaks(document, rendered, broken);

    [Fact]
    public void V1beta3_extra_args_as_v1beta4_list_and_v1beta4_as_v1beta3_map_both_fail()
    {
        var v1beta3 = KubeYaml.Documents(Render("init-v1beta3"));
        var v1beta4 = KubeYaml.Documents(Render("init"));
        var v1beta3Cluster = v1beta3[1]!.AsObject();
        var v1beta4Cluster = v1beta4[1]!.AsObject();
        ConfigDocuments.Decode(v1beta3Cluster, V1Beta3Minor);
        ConfigDocuments.Decode(v1beta4Cluster, V1Beta4Minor);

        var v1beta3Args = v1beta3Cluster["scheduler"]!["extraArgs"]!.DeepClone();
        v1beta3Cluster["scheduler"]!["extraArgs"] = v1beta4Cluster["scheduler"]!["extraArgs"]!.DeepClone();
        v1beta4Cluster["scheduler"]!["extraArgs"] = v1beta3Args;

        Assert.Throws<JsonException>(() => ConfigDocuments.Decode(v1beta3Cluster, V1Beta3Minor));
        Assert.Throws<JsonException>(() => ConfigDocuments.Decode(v1beta4Cluster, V1Beta4Minor));
    }

    [Fact]
    public void A_v1beta4_only_field_fails_in_v1beta3_and_a_removed_v1beta3_field_fails_in_v1beta4()
    {
        var v1beta3Init = KubeYaml.Documents(Render("init-v1beta3"))[0]!.AsObject();
        var v1beta4Cluster = KubeYaml.Documents(Render("init"))[1]!.AsObject();
        v1beta3Init["timeouts"] = new JsonObject { ["controlPlaneComponentHealthCheck"] = "4m0s" };
        v1beta4Cluster["apiServer"]!["timeoutForControlPlane"] = "4m0s";

        Assert.Throws<JsonException>(() => ConfigDocuments.Decode(v1beta3Init, V1Beta3Minor));
        Assert.Throws<JsonException>(() => ConfigDocuments.Decode(v1beta4Cluster, V1Beta4Minor));
    }

    [Theory]
    [InlineData("apiVersion: kubelet.config.k8s.io/v1beta1", "apiVersion: kubelet.config.k8s.io/v1")]
    [InlineData("kind: KubeletConfiguration", "kind: KubeletConfig")]
    [InlineData("apiVersion: kubeproxy.config.k8s.io/v1alpha1", "apiVersion: kubeproxy.config.k8s.io/v1alpha2")]
    [InlineData("kind: InitConfiguration", "kind: ResetConfiguration")]
    public void An_unknown_api_version_or_kind_fails(string rendered, string broken) => AssertBreaks("init", rendered, broken);

    [Fact]
    public void An_embedded_configuration_of_an_unknown_kind_or_for_the_wrong_plugin_fails()
    {
        AssertBreaks("admission", "apiVersion: pod-security.admission.config.k8s.io/v1\n", "apiVersion: pod-security.admission.config.k8s.io/v2\n");

        var admission = KubeYaml.Single(Render("admission"))!.AsObject();
        admission["plugins"]![1]!.AsObject().Remove("path");
        admission["plugins"]![1]!["configuration"] = admission["plugins"]![0]!["configuration"]!.DeepClone();
        Assert.Throws<JsonException>(() => ConfigDocuments.Decode(admission, V1Beta4Minor));
    }

    [Fact]
    public void A_kubeadm_api_version_fails_in_a_minor_that_does_not_accept_it()
    {
        var v1beta3 = KubeadmConfigRenderer.RenderJoin(Docs.ClusterSpec("1.30.14"), Docs.Worker(), Docs.Discovery());
        var v1beta4 = KubeadmConfigRenderer.RenderJoin(Docs.ClusterSpec("1.31.0"), Docs.Worker(), Docs.Discovery());
        ConfigDocuments.DecodeStream(v1beta3, "1.36");
        ConfigDocuments.DecodeStream(v1beta4, "1.31");

        Assert.Throws<JsonException>(() => ConfigDocuments.DecodeStream(v1beta3, "1.37"));
        Assert.Throws<JsonException>(() => ConfigDocuments.DecodeStream(v1beta4, "1.30"));
    }

    [Fact]
    public void A_duplicate_field_fails()
    {
        var yaml = Render("event-rate-limit");
        Assert.Contains("  qps: 50\n", yaml, StringComparison.Ordinal);

        Assert.Throws<YamlException>(() => ConfigDocuments.DecodeStream(yaml.Replace("  qps: 50\n", "  qps: 50\n  qps: 60\n", StringComparison.Ordinal), V1Beta4Minor));
    }

    [Fact]
    public void An_empty_document_in_the_stream_fails()
    {
        Assert.Throws<JsonException>(() => ConfigDocuments.DecodeStream(Render("init") + "---\n", V1Beta4Minor));
    }

    private static void AssertBreaks(string document, string rendered, string broken)
    {
        var yaml = Render(document);
        var minor = document == "init-v1beta3" ? V1Beta3Minor : V1Beta4Minor;
        Assert.Contains(rendered, yaml, StringComparison.Ordinal);
        ConfigDocuments.DecodeStream(yaml, minor);

        var mutated = yaml.Replace(rendered, broken, StringComparison.Ordinal);

        var error = Assert.Throws<JsonException>(() => ConfigDocuments.DecodeStream(mutated, minor));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    private static string Render(string document) => document switch
    {
        "init" => KubeadmConfigRenderer.RenderInit(Docs.ClusterSpec(V1Beta4Minor + ".0"), Docs.ControlPlane(), Docs.Token),
        "init-v1beta3" => KubeadmConfigRenderer.RenderInit(Docs.ClusterSpec(V1Beta3Minor + ".14"), Docs.ControlPlane(), Docs.Token),
        "join" => KubeadmConfigRenderer.RenderJoin(Docs.ClusterSpec(V1Beta4Minor + ".0"), Docs.ControlPlane(), Docs.Discovery()),
        "admission" => KubeadmConfigRenderer.RenderAdmissionConfig(new KubeadmHardening()),
        "encryption" => KubeadmConfigRenderer.RenderEncryptionConfig(Docs.EncryptionKey),
        "event-rate-limit" => KubeadmConfigRenderer.RenderEventRateLimitConfig(),
        "audit" => KubeadmConfigRenderer.RenderAuditPolicy(),
        _ => throw new ArgumentException($"Unknown document '{document}'.", nameof(document)),
    };
}
