using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Platform.Components.Cluster.Kubeadm;
using YamlDotNet.RepresentationModel;
using static Platform.Tests.Cluster.Kubeadm.KubeadmDocuments;

namespace Platform.Tests.Cluster.Kubeadm;

/// <summary>One check per control in the renderer tables of CIS.md (kube-bench cis-1.10 IDs), against the documents
/// rendered with the default (fully hardened) settings.</summary>
public class CisControlTests
{
    private static readonly string[] RendererSections = ["## Satisfied by the rendered documents", "## Kept by the rendered documents"];

    // kube-bench cis-1.10, check 1.2.29: the API server cipher suites that pass.
    private static readonly string[] ApiServerStrongCiphers =
    [
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    ];

    // kube-bench cis-1.10, check 4.2.12: the kubelet cipher suites that pass.
    private static readonly string[] KubeletStrongCiphers =
    [
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_GCM_SHA256",
    ];

    private static readonly Dictionary<string, Action<Rendered>> Checks = new()
    {
        ["1.2.5"] = r =>
        {
            Assert.Equal("/etc/kubernetes/pki/ca.crt", r.ApiServer["kubelet-certificate-authority"]);
            Assert.Equal("true", Scalar(r.Kubelet, "serverTLSBootstrap"));
        },
        ["1.2.9"] = r =>
        {
            Assert.Contains("EventRateLimit", r.AdmissionPlugins);
            Assert.Equal(KubeadmPaths.AdmissionConfig, r.ApiServer["admission-control-config-file"]);
            var plugin = ((YamlSequenceNode)Find(r.AdmissionConfig, "plugins")!).Children.Single(p => Scalar(p, "name") == "EventRateLimit");
            Assert.Equal(KubeadmPaths.EventRateLimitConfig, Scalar(plugin, "path"));
            Assert.Contains(KubeadmPaths.EventRateLimitConfig, r.MountedReadOnly);
            Assert.NotEmpty(((YamlSequenceNode)Find(r.EventRateLimit, "limits")!).Children);
        },
        ["1.2.14"] = r => Assert.Contains("NodeRestriction", r.AdmissionPlugins),
        ["1.2.15"] = r => Assert.Equal("false", r.ApiServer["profiling"]),
        ["1.2.16"] = r =>
        {
            Assert.Equal(KubeadmPaths.AuditLog, r.ApiServer["audit-log-path"]);
            Assert.Contains(KubeadmPaths.AuditLogDir, r.MountedWritable);
        },
        ["1.2.17"] = r => Assert.True(Number(r.ApiServer["audit-log-maxage"]) >= 30),
        ["1.2.18"] = r => Assert.True(Number(r.ApiServer["audit-log-maxbackup"]) >= 10),
        ["1.2.19"] = r => Assert.True(Number(r.ApiServer["audit-log-maxsize"]) >= 100),
        ["1.2.27"] = r =>
        {
            Assert.Equal(KubeadmPaths.EncryptionConfig, r.ApiServer["encryption-provider-config"]);
            Assert.Contains(KubeadmPaths.EncryptionConfig, r.MountedReadOnly);
        },
        ["1.2.28"] = r =>
        {
            // kube-bench reads the line after 'providers:' and accepts aescbc, kms or secretbox.
            var lines = r.EncryptionConfigText.Split('\n');
            var first = lines[Array.FindIndex(lines, l => l.Trim() == "providers:") + 1];
            Assert.Equal("secretbox", Regex.Match(first, "[A-Za-z]+").Value);
            Assert.Equal(new[] { "secrets" }, Scalars(r.EncryptionConfig, "resources.0.resources"));
        },
        ["1.2.29"] = r =>
        {
            Assert.Equal("VersionTLS12", r.ApiServer["tls-min-version"]);
            Assert.All(r.ApiServer["tls-cipher-suites"].Split(','), c => Assert.Contains(c, ApiServerStrongCiphers));
        },
        ["1.3.1"] = r => Assert.InRange(Number(r.ControllerManager["terminated-pod-gc-threshold"]), 1, 12499),
        ["1.3.2"] = r => Assert.Equal("false", r.ControllerManager["profiling"]),
        ["1.4.1"] = r => Assert.Equal("false", r.Scheduler["profiling"]),
        ["3.2.1"] = r =>
        {
            Assert.Equal(KubeadmPaths.AuditPolicy, r.ApiServer["audit-policy-file"]);
            Assert.Contains(KubeadmPaths.AuditPolicy, r.MountedReadOnly);
            Assert.NotEmpty(r.AuditRules);
        },
        ["3.2.2"] = r =>
        {
            var rules = r.AuditRules;
            foreach (var verb in new[] { "get", "list", "watch", "create", "update", "patch", "delete" })
            {
                Assert.Equal("Metadata", KubeadmConfigRendererTests.AuditLevel(rules, verb, "", "secrets"));
                Assert.Equal("Metadata", KubeadmConfigRendererTests.AuditLevel(rules, verb, "", "configmaps"));
            }
            Assert.Equal("Metadata", KubeadmConfigRendererTests.AuditLevel(rules, "create", "authentication.k8s.io", "tokenreviews"));
            foreach (var sub in new[] { "pods/exec", "pods/portforward", "pods/proxy", "services/proxy" })
                Assert.Equal("Metadata", KubeadmConfigRendererTests.AuditLevel(rules, "create", "", sub));
            foreach (var verb in new[] { "create", "update", "patch", "delete" })
            {
                Assert.Equal("Request", KubeadmConfigRendererTests.AuditLevel(rules, verb, "", "pods"));
                Assert.Equal("Request", KubeadmConfigRendererTests.AuditLevel(rules, verb, "apps", "deployments"));
            }
        },
        ["4.2.1"] = r => Assert.Equal("false", Scalar(r.Kubelet, "authentication.anonymous.enabled")),
        ["4.2.2"] = r =>
        {
            Assert.Equal("Webhook", Scalar(r.Kubelet, "authorization.mode"));
            Assert.Equal("true", Scalar(r.Kubelet, "authentication.webhook.enabled"));
        },
        ["4.2.3"] = r => Assert.Equal(KubeadmPaths.ClusterCaCert, Scalar(r.Kubelet, "authentication.x509.clientCAFile")),
        ["4.2.4"] = r => Assert.Equal("0", Scalar(r.Kubelet, "readOnlyPort")),
        ["4.2.6"] = r => Assert.Equal("true", Scalar(r.Kubelet, "makeIPTablesUtilChains")),
        ["4.2.8"] = r => Assert.True(Number(Scalar(r.Kubelet, "eventRecordQPS")) > 0),
        ["4.2.9"] = r =>
        {
            Assert.Equal("true", Scalar(r.Kubelet, "serverTLSBootstrap"));
            Assert.Equal(KubeadmPaths.ClusterCaCert, r.ApiServer["kubelet-certificate-authority"]);
        },
        ["4.2.10"] = r => Assert.Equal("true", Scalar(r.Kubelet, "rotateCertificates")),
        ["4.2.11"] = r =>
        {
            Assert.Equal("true", Scalar(r.Kubelet, "serverTLSBootstrap"));
            Assert.Null(Find(r.Kubelet, "featureGates.RotateKubeletServerCertificate"));
            Assert.DoesNotContain("feature-gates", r.ControllerManager.Keys);
        },
        ["4.2.12"] = r =>
        {
            Assert.Equal("VersionTLS12", Scalar(r.Kubelet, "tlsMinVersion"));
            var suites = Scalars(r.Kubelet, "tlsCipherSuites");
            Assert.NotEmpty(suites);
            Assert.All(suites, c => Assert.Contains(c, KubeletStrongCiphers));
        },
        ["4.2.13"] = r => Assert.True(Number(Scalar(r.Kubelet, "podPidsLimit")) > 0),
        ["5.2.1"] = r => AssertPodSecurityBaselineEverywhereButKubeSystem(r),
        ["5.2.11"] = r => AssertPodSecurityBaselineEverywhereButKubeSystem(r),
        ["5.2.12"] = r => AssertPodSecurityBaselineEverywhereButKubeSystem(r),
        ["5.2.13"] = r => AssertPodSecurityBaselineEverywhereButKubeSystem(r),
        ["5.7.2"] = r => Assert.Equal("true", Scalar(r.Kubelet, "seccompDefault")),
    };

    [Theory]
    [InlineData("1.2.5")]
    [InlineData("1.2.9")]
    [InlineData("1.2.14")]
    [InlineData("1.2.15")]
    [InlineData("1.2.16")]
    [InlineData("1.2.17")]
    [InlineData("1.2.18")]
    [InlineData("1.2.19")]
    [InlineData("1.2.27")]
    [InlineData("1.2.28")]
    [InlineData("1.2.29")]
    [InlineData("1.3.1")]
    [InlineData("1.3.2")]
    [InlineData("1.4.1")]
    [InlineData("3.2.1")]
    [InlineData("3.2.2")]
    [InlineData("4.2.1")]
    [InlineData("4.2.2")]
    [InlineData("4.2.3")]
    [InlineData("4.2.4")]
    [InlineData("4.2.6")]
    [InlineData("4.2.8")]
    [InlineData("4.2.9")]
    [InlineData("4.2.10")]
    [InlineData("4.2.11")]
    [InlineData("4.2.12")]
    [InlineData("4.2.13")]
    [InlineData("5.2.1")]
    [InlineData("5.2.11")]
    [InlineData("5.2.12")]
    [InlineData("5.2.13")]
    [InlineData("5.7.2")]
    public void Cis_control_is_satisfied_by_the_rendered_documents(string id)
    {
        foreach (var version in new[] { "1.30.14", "1.33.5" })
            Checks[id](Rendered.For(version));
    }

    [Fact]
    public void Every_control_of_the_renderer_tables_in_CIS_md_has_a_test()
    {
        var documented = DocumentedIds();
        var tested = typeof(CisControlTests).GetMethod(nameof(Cis_control_is_satisfied_by_the_rendered_documents))!
            .GetCustomAttributes<InlineDataAttribute>().Select(a => (string)a.GetData(null!).Single()[0]).ToList();

        Assert.NotEmpty(documented);
        Assert.Equal(tested.Count, tested.Distinct().Count());
        Assert.Equal(documented.Order(StringComparer.Ordinal), tested.Order(StringComparer.Ordinal));
        Assert.Equal(documented.Order(StringComparer.Ordinal), Checks.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_doc_names_the_benchmark_version_and_the_controls_the_brief_requires()
    {
        var text = File.ReadAllText(CisMarkdownPath());
        Assert.Contains("cis-1.10", text, StringComparison.Ordinal);
        var documented = DocumentedIds();
        foreach (var id in new[] { "1.2.5", "1.2.9", "1.2.15", "1.2.16", "1.2.17", "1.2.18", "1.2.19", "1.2.27", "1.2.28", "1.2.29",
                     "1.3.1", "1.3.2", "1.4.1", "3.2.1", "4.2.9", "4.2.11", "4.2.12" })
            Assert.Contains(id, documented);
        foreach (var id in new[] { "4.1.1", "4.1.9", "4.1.10", "1.2.1", "1.2.11", "1.1.12" })
            Assert.Contains($"| `{id}` |", text, StringComparison.Ordinal);
    }

    /// <summary>The IDs of the renderer tables: rows whose first cell is a backticked control ID.</summary>
    private static List<string> DocumentedIds()
    {
        var ids = new List<string>();
        var inSection = false;
        foreach (var line in File.ReadLines(CisMarkdownPath()))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
                inSection = RendererSections.Contains(line.Trim());
            else if (inSection && Regex.Match(line, @"^\|\s*`(\d+(?:\.\d+)+)`\s*\|") is { Success: true } row)
                ids.Add(row.Groups[1].Value);
        }
        return ids;
    }

    private static string CisMarkdownPath() => Path.Combine(RepoRoot(), "components", "Cluster", "Kubeadm", "CIS.md");

    private static void AssertPodSecurityBaselineEverywhereButKubeSystem(Rendered r)
    {
        var plugin = ((YamlSequenceNode)Find(r.AdmissionConfig, "plugins")!).Children.Single(p => Scalar(p, "name") == "PodSecurity");
        Assert.Equal("baseline", Scalar(plugin, "configuration.defaults.enforce"));
        Assert.Equal(new[] { "kube-system" }, Scalars(plugin, "configuration.exemptions.namespaces"));
        Assert.Empty(Scalars(plugin, "configuration.exemptions.usernames"));
        Assert.Empty(Scalars(plugin, "configuration.exemptions.runtimeClasses"));
        Assert.Equal(KubeadmPaths.AdmissionConfig, r.ApiServer["admission-control-config-file"]);
        Assert.Contains(KubeadmPaths.AdmissionConfig, r.MountedReadOnly);
    }

    private static int Number(string value) => int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Everything a fully hardened control plane is given.</summary>
    private sealed record Rendered(
        IReadOnlyDictionary<string, string> ApiServer, IReadOnlyDictionary<string, string> ControllerManager,
        IReadOnlyDictionary<string, string> Scheduler, YamlMappingNode Kubelet, ISet<string> AdmissionPlugins,
        ISet<string> MountedReadOnly, ISet<string> MountedWritable, YamlMappingNode AdmissionConfig, YamlMappingNode EventRateLimit,
        string EncryptionConfigText, YamlMappingNode EncryptionConfig, IReadOnlyList<YamlNode> AuditRules)
    {
        public static Rendered For(string version)
        {
            var docs = Init(version);
            var api = ExtraArgs(docs[1], "apiServer");
            var volumes = ApiServerVolumes(docs[1]);
            var encryption = KubeadmConfigRenderer.RenderEncryptionConfig(EncryptionKey, LegacyEncryptionKey);
            return new Rendered(
                api, ExtraArgs(docs[1], "controllerManager"), ExtraArgs(docs[1], "scheduler"), docs[2],
                api.GetValueOrDefault("enable-admission-plugins", "").Split(',').ToHashSet(),
                volumes.Where(v => Scalar(v, "readOnly") == "true").Select(v => Scalar(v, "mountPath")).ToHashSet(),
                volumes.Where(v => Scalar(v, "readOnly") == "false").Select(v => Scalar(v, "mountPath")).ToHashSet(),
                ParseOne(KubeadmConfigRenderer.RenderAdmissionConfig(new KubeadmHardening())),
                ParseOne(KubeadmConfigRenderer.RenderEventRateLimitConfig()),
                encryption, ParseOne(encryption), KubeadmConfigRendererTests.AuditRules());
        }
    }
}
