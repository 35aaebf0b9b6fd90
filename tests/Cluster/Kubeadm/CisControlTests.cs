using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Components.Cluster.Kubeadm;
using Platform.Stacks.Configuration;
using YamlDotNet.RepresentationModel;
using static Platform.Tests.Cluster.Kubeadm.KubeadmDocuments;

namespace Platform.Tests.Cluster.Kubeadm;

/// <summary>One check per control in the renderer tables of CIS.md (kube-bench cis-1.12 IDs), against the documents
/// rendered with the default (fully hardened) settings for every supported Kubernetes minor.</summary>
public class CisControlTests
{
    private static readonly string[] RendererSections =
        ["## Satisfied by the rendered documents", "## Kept by the rendered documents", "## Left to kubeadm: flags and settings"];

    // kube-bench cis-1.12, check 1.2.29: the API server cipher suites that pass.
    private static readonly string[] ApiServerStrongCiphers =
    [
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    ];

    // kube-bench cis-1.12, check 4.2.12: the kubelet cipher suites that pass.
    private static readonly string[] KubeletStrongCiphers =
    [
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    ];

    /// <summary>Every check of kube-bench's cis-1.12 (cfg/cis-1.12/master, etcd, controlplane, node and policies .yaml):
    /// group prefix and its highest number.</summary>
    private static readonly (string Group, int Last)[] Benchmark =
    [
        ("1.1", 21), ("1.2", 30), ("1.3", 7), ("1.4", 2), ("2", 7), ("3.1", 3), ("3.2", 2), ("4.1", 10), ("4.2", 14), ("4.3", 1),
        ("5.1", 13), ("5.2", 12), ("5.3", 2), ("5.4", 2), ("5.5", 1), ("5.6", 4),
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
        ["1.2.30"] = r => Assert.Equal("false", r.ApiServer["service-account-extend-token-expiration"]),
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
        ["4.2.14"] = r => Assert.Equal("true", Scalar(r.Kubelet, "seccompDefault")),
        ["5.2.1"] = r => AssertPodSecurityBaselineEverywhereButKubeSystem(r),
        ["5.2.10"] = r => AssertPodSecurityBaselineEverywhereButKubeSystem(r),
        ["5.2.11"] = r => AssertPodSecurityBaselineEverywhereButKubeSystem(r),
        ["5.2.12"] = r => AssertPodSecurityBaselineEverywhereButKubeSystem(r),
        ["5.6.2"] = r => Assert.Equal("true", Scalar(r.Kubelet, "seccompDefault")),

        // Left to kubeadm: the rendered documents do not set what kubeadm's own flags and settings get right.
        ["1.2.2"] = r => AssertNotSet(r.ApiServer, "token-auth-file"),
        ["1.2.4"] = r => AssertNotSet(r.ApiServer, "kubelet-client-certificate", "kubelet-client-key"),
        ["1.2.6"] = r => AssertNotSet(r.ApiServer, "authorization-mode", "authorization-config"),
        ["1.2.7"] = r => AssertNotSet(r.ApiServer, "authorization-mode", "authorization-config"),
        ["1.2.8"] = r => AssertNotSet(r.ApiServer, "authorization-mode", "authorization-config"),
        ["1.2.10"] = r =>
        {
            Assert.NotEmpty(r.AdmissionPlugins);
            Assert.DoesNotContain("AlwaysAdmit", r.AdmissionPlugins);
        },
        ["1.2.12"] = r => AssertNotSet(r.ApiServer, "disable-admission-plugins"),
        ["1.2.13"] = r => AssertNotSet(r.ApiServer, "disable-admission-plugins"),
        ["1.2.21"] = r => AssertNotSet(r.ApiServer, "service-account-lookup"),
        ["1.2.22"] = r => AssertKubeadmPki(r, r.ApiServer, "service-account-key-file"),
        ["1.2.23"] = r => AssertKubeadmPki(r, r.ApiServer, "etcd-certfile", "etcd-keyfile", "etcd-servers"),
        ["1.2.24"] = r => AssertKubeadmPki(r, r.ApiServer, "tls-cert-file", "tls-private-key-file"),
        ["1.2.25"] = r => AssertKubeadmPki(r, r.ApiServer, "client-ca-file"),
        ["1.2.26"] = r => AssertKubeadmPki(r, r.ApiServer, "etcd-cafile"),
        ["1.3.3"] = r => AssertNotSet(r.ControllerManager, "use-service-account-credentials"),
        ["1.3.4"] = r => AssertKubeadmPki(r, r.ControllerManager, "service-account-private-key-file"),
        ["1.3.5"] = r => AssertKubeadmPki(r, r.ControllerManager, "root-ca-file"),
        ["1.3.6"] = r => AssertNotSet(r.ControllerManager, "feature-gates"),
        ["1.3.7"] = r => AssertNotSet(r.ControllerManager, "bind-address"),
        ["1.4.2"] = r => AssertNotSet(r.Scheduler, "bind-address"),
        ["2.1"] = AssertKubeadmLocalEtcd,
        ["2.2"] = AssertKubeadmLocalEtcd,
        ["2.3"] = AssertKubeadmLocalEtcd,
        ["2.4"] = AssertKubeadmLocalEtcd,
        ["2.5"] = AssertKubeadmLocalEtcd,
        ["2.6"] = AssertKubeadmLocalEtcd,
        ["2.7"] = AssertKubeadmLocalEtcd,
        ["4.2.5"] = r => Assert.Null(Find(r.Kubelet, "streamingConnectionIdleTimeout")),
        ["4.2.7"] = r => Assert.All(r.NodeRegistrations, n =>
        {
            Assert.Null(Find(n, "kubeletExtraArgs"));
            Assert.False(string.IsNullOrEmpty(Scalar(n, "name")));
        }),
        ["4.3.1"] = r =>
        {
            Assert.Equal("KubeProxyConfiguration", Scalar(r.KubeProxy, "kind"));
            Assert.Null(Find(r.KubeProxy, "metricsBindAddress"));
        },
    };

    public static TheoryData<string> Controls() => new(DocumentedIds());

    [Theory]
    [MemberData(nameof(Controls))]
    public void Cis_control_is_satisfied_by_the_rendered_documents(string id)
    {
        foreach (var release in KubernetesVersions.Minors)
            Checks[id](Rendered.For(release.NewestPatch.ToString()));
    }

    [Fact]
    public void Every_control_of_the_renderer_tables_in_CIS_md_has_a_test()
    {
        var documented = DocumentedIds();

        Assert.NotEmpty(documented);
        Assert.Equal(documented.Count, documented.Distinct().Count());
        Assert.Equal(documented.Order(StringComparer.Ordinal), Checks.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_check_of_kube_bench_cis_1_12_is_in_exactly_one_table_of_CIS_md()
    {
        var benchmark = Benchmark.SelectMany(g => Enumerable.Range(1, g.Last).Select(n => $"{g.Group}.{n}")).ToList();
        var mapped = new List<string>();
        foreach (var line in File.ReadLines(CisMarkdownPath()))
            if (Regex.Match(line, @"^\|([^|]*)\|") is { Success: true } row)
                mapped.AddRange(Regex.Matches(row.Groups[1].Value, @"`(\d+(?:\.\d+)+)`").Select(m => m.Groups[1].Value));

        Assert.Equal(131, benchmark.Count);
        Assert.Equal(mapped.Count, mapped.Distinct().Count());
        Assert.Equal(benchmark.Order(StringComparer.Ordinal), mapped.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_doc_names_the_benchmark_version_and_the_controls_the_brief_requires()
    {
        var text = File.ReadAllText(CisMarkdownPath());
        Assert.Contains("`cis-1.12`", text, StringComparison.Ordinal);
        Assert.Contains("`cis-2.0`", text, StringComparison.Ordinal);
        var documented = DocumentedIds();
        foreach (var id in new[] { "1.2.5", "1.2.9", "1.2.15", "1.2.16", "1.2.17", "1.2.18", "1.2.19", "1.2.27", "1.2.28", "1.2.29", "1.2.30",
                     "1.3.1", "1.3.2", "1.4.1", "3.2.1", "4.2.9", "4.2.11", "4.2.12", "4.2.14" })
            Assert.Contains(id, documented);
        foreach (var id in new[] { "1.1.12", "4.1.1", "4.1.9", "4.1.10", "1.2.1", "1.2.11" })
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

    private static void AssertNotSet(IReadOnlyDictionary<string, string> args, params string[] flags)
    {
        Assert.NotEmpty(args);
        foreach (var flag in flags) Assert.DoesNotContain(flag, args.Keys);
    }

    /// <summary>kubeadm's flag to a file of its PKI: not overridden, and the PKI in kubeadm's folder.</summary>
    private static void AssertKubeadmPki(Rendered r, IReadOnlyDictionary<string, string> args, params string[] flags)
    {
        AssertNotSet(args, flags);
        Assert.Equal(KubeadmPaths.PkiDir, Scalar(r.Cluster, "certificatesDir"));
        Assert.Equal("/etc/kubernetes/pki", KubeadmPaths.PkiDir);
    }

    /// <summary>kubeadm's local etcd, with kubeadm's TLS flags: no <c>etcd</c> section (no external etcd, no extra
    /// arguments, the default data directory) and the API server pointed at it by kubeadm.</summary>
    private static void AssertKubeadmLocalEtcd(Rendered r)
    {
        Assert.Null(Find(r.Cluster, "etcd"));
        AssertKubeadmPki(r, r.ApiServer, "etcd-servers", "etcd-cafile", "etcd-certfile", "etcd-keyfile");
    }

    private static int Number(string value) => int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Everything a fully hardened control plane is given.</summary>
    private sealed record Rendered(
        IReadOnlyDictionary<string, string> ApiServer, IReadOnlyDictionary<string, string> ControllerManager,
        IReadOnlyDictionary<string, string> Scheduler, YamlMappingNode Kubelet, ISet<string> AdmissionPlugins,
        ISet<string> MountedReadOnly, ISet<string> MountedWritable, YamlMappingNode AdmissionConfig, YamlMappingNode EventRateLimit,
        string EncryptionConfigText, YamlMappingNode EncryptionConfig, IReadOnlyList<YamlNode> AuditRules,
        YamlMappingNode Cluster, YamlMappingNode KubeProxy, IReadOnlyList<YamlNode> NodeRegistrations)
    {
        public static Rendered For(string version)
        {
            var docs = Init(version);
            var api = ExtraArgs(docs[1], "apiServer");
            var volumes = ApiServerVolumes(docs[1]);
            var encryption = KubeadmConfigRenderer.RenderEncryptionConfig(EncryptionKey, LegacyEncryptionKey);
            // The node registrations of kubeadm init and of a joining control-plane node and worker.
            var registrations = new[] { docs[0], Join(ControlPlane() with { Name = "cp-2" }, version), Join(Worker(), version) }
                .Select(d => Find(d, "nodeRegistration")!).ToList();
            return new Rendered(
                api, ExtraArgs(docs[1], "controllerManager"), ExtraArgs(docs[1], "scheduler"), docs[2],
                api.GetValueOrDefault("enable-admission-plugins", "").Split(',').ToHashSet(),
                volumes.Where(v => Scalar(v, "readOnly") == "true").Select(v => Scalar(v, "mountPath")).ToHashSet(),
                volumes.Where(v => Scalar(v, "readOnly") == "false").Select(v => Scalar(v, "mountPath")).ToHashSet(),
                ParseOne(KubeadmConfigRenderer.RenderAdmissionConfig(new KubeadmHardening())),
                ParseOne(KubeadmConfigRenderer.RenderEventRateLimitConfig()),
                encryption, ParseOne(encryption), KubeadmConfigRendererTests.AuditRules(), docs[1], docs[3], registrations);
        }
    }
}
