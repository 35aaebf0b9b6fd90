using Platform.Components.Cluster;
using Platform.Components.Cluster.Kubeadm;
using Platform.Tests.Cluster.Kubeadm;

namespace Platform.Tests.Validation;

/// <summary>Every YAML file the cluster renderers emit, checked as Kubernetes' readers see it: no anchors or aliases
/// (YamlDotNet writes <c>&amp;o0</c>/<c>*o0</c> when one object instance appears twice) and every document readable
/// by <see cref="KubeYaml"/>.</summary>
public class ClusterYamlTests
{
    private static readonly KubeadmHardening AllOff = new()
    {
        AuditLog = false,
        EncryptionAtRest = false,
        DisableProfiling = false,
        NodeRestriction = false,
        EventRateLimit = false,
        PodSecurityDefaults = false,
        KubeletServingCertificates = false,
        KubeletHardening = false,
        StrictServiceAccountTokens = false,
        StrongTls = false,
        TerminatedPodGc = false,
    };

    private static readonly Dictionary<string, Func<string>> Rendered = new()
    {
        ["init 1.30"] = () => KubeadmConfigRenderer.RenderInit(KubeadmDocuments.ClusterSpec("1.30.14"), KubeadmDocuments.ControlPlane(), KubeadmDocuments.Token),
        ["init 1.33"] = () => KubeadmConfigRenderer.RenderInit(KubeadmDocuments.ClusterSpec(), KubeadmDocuments.ControlPlane(), KubeadmDocuments.Token),
        ["init 1.34 no kube-proxy"] = () => KubeadmConfigRenderer.RenderInit(KubeadmDocuments.ClusterSpec("1.34.1") with { KubeProxy = false },
            KubeadmDocuments.ControlPlane(new NodeTaint { Key = "dedicated", Value = "infra", Effect = TaintEffect.NoSchedule }), KubeadmDocuments.Token),
        ["init hardening off"] = () => KubeadmConfigRenderer.RenderInit(KubeadmDocuments.ClusterSpec(hardening: AllOff), KubeadmDocuments.ControlPlane(), KubeadmDocuments.Token),
        ["join control plane"] = () => KubeadmConfigRenderer.RenderJoin(KubeadmDocuments.ClusterSpec(), KubeadmDocuments.ControlPlane() with { Name = "cp-2" }, KubeadmDocuments.Discovery()),
        ["join worker 1.30"] = () => KubeadmConfigRenderer.RenderJoin(KubeadmDocuments.ClusterSpec("1.30.14"),
            KubeadmDocuments.Worker(new NodeTaint { Key = "dedicated", Value = "storage", Effect = TaintEffect.NoSchedule }), KubeadmDocuments.Discovery()),
        ["audit policy"] = KubeadmConfigRenderer.RenderAuditPolicy,
        ["admission"] = () => KubeadmConfigRenderer.RenderAdmissionConfig(new KubeadmHardening()),
        ["admission pod security only"] = () => KubeadmConfigRenderer.RenderAdmissionConfig(new KubeadmHardening { EventRateLimit = false }),
        ["event rate limit"] = KubeadmConfigRenderer.RenderEventRateLimitConfig,
        ["encryption"] = () => KubeadmConfigRenderer.RenderEncryptionConfig(KubeadmDocuments.EncryptionKey),
        ["kube-vip"] = () => KubeVipManifest.Render("10.0.0.10"),
        ["kubeconfig"] = () => KubeconfigRenderer.Render("prod", "https://10.0.0.10:6443", "CA PEM", "CERT PEM", "KEY PEM"),
    };

    public static TheoryData<string> Files() => [.. Rendered.Keys];

    /// <summary>Strings a YAML 1.1 reader (goyaml.v2) resolves to a boolean, null or number when they are plain.</summary>
    public static TheoryData<string> Retyped() =>
    [
        "true", "False", "yes", "No", "on", "OFF", "y", "N", "~", "null", "",
        "6443", "32", "-1", "+7", "0", "017", "08", "0x1F", "0X1f", "0o17", "0O17", "0b101", "0B1", "1_000", "-_1",
        "1.5", "1.", ".5", "-.5", "1e5", "1E-5", "99999999999999999999", ".inf", "-.Inf", ".NaN",
    ];

    /// <summary>Strings the platform writes, and near misses, that a YAML 1.1 reader keeps as strings.</summary>
    public static TheoryData<string> Plain() =>
    [
        "10.0.0.10", "1.33.5", "v1.33.5", "2h0m0s", "kube-system", "2001-12-14", "_1", ".", "0x", "yess", "10.244.0.0/16",
        "abcdef.0123456789abcdef", "sha256:0123",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public void Has_no_anchors_or_aliases(string file)
    {
        var yaml = Rendered[file]();
        Assert.False(KubeYaml.HasAnchorsOrAliases(yaml), $"{file} uses YAML anchors or aliases:\n{yaml}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_document_reads_as_kubernetes_reads_it_with_an_api_version_and_kind(string file)
    {
        var documents = KubeYaml.Documents(Rendered[file]());
        Assert.NotEmpty(documents);
        Assert.All(documents, d =>
        {
            Assert.False(string.IsNullOrEmpty((string?)d?["apiVersion"]));
            Assert.False(string.IsNullOrEmpty((string?)d?["kind"]));
        });
    }

    /// <summary>The shared emitter quotes each of them, as a value and as a key, so each comes back from
    /// <see cref="KubeYaml"/> as the same string.</summary>
    [Theory]
    [MemberData(nameof(Retyped))]
    public void A_string_that_a_yaml_1_1_reader_would_retype_is_quoted(string text)
    {
        Assert.True(PlainIsRetyped(text), $"'{text}' unquoted should not read as a string");
        Assert.True(GoYamlScalars.ReadsAsNonString(text));
        var yaml = KubeadmYaml.Serialize(KubeadmYaml.Map(("value", text), (text, "key")));
        var node = KubeYaml.Single(yaml)!;
        Assert.Equal(text, node["value"]!.GetValue<string>());
        Assert.Equal("key", node[text]!.GetValue<string>());
    }

    [Fact]
    public void Base_60_numbers_are_quoted_too_for_other_yaml_1_1_readers()
    {
        Assert.True(GoYamlScalars.ReadsAsNonString("1:30"));
        Assert.Contains("\"1:30\"", KubeadmYaml.Serialize(KubeadmYaml.Map(("value", "1:30"))));
        Assert.Equal("1:30", KubeYaml.Single(KubeadmYaml.Serialize(KubeadmYaml.Map(("value", "1:30"))))!["value"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Plain))]
    public void Other_strings_stay_strings_and_need_no_quotes_from_the_yaml_1_1_rule(string text)
    {
        Assert.False(PlainIsRetyped(text));
        Assert.False(GoYamlScalars.ReadsAsNonString(text));
        Assert.Equal(text, KubeYaml.Single(KubeadmYaml.Serialize(KubeadmYaml.Map(("value", text))))!["value"]!.GetValue<string>());
    }

    /// <summary>Whether <paramref name="text"/>, written unquoted, reads as anything but a string.</summary>
    private static bool PlainIsRetyped(string text)
    {
        try
        {
            return KubeYaml.Single($"value: {text}")!["value"]?.GetValueKind() is not System.Text.Json.JsonValueKind.String;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return true;
        }
    }
}
