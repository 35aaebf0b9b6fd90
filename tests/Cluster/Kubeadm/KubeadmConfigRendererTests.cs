using Platform.Components.Cluster;
using Platform.Components.Cluster.Kubeadm;
using YamlDotNet.RepresentationModel;
using static Platform.Tests.Cluster.Kubeadm.KubeadmDocuments;

namespace Platform.Tests.Cluster.Kubeadm;

public class KubeadmConfigRendererTests
{
    [Fact]
    public void Init_renders_init_cluster_kubelet_and_kube_proxy_documents_in_order()
    {
        var docs = Init();

        Assert.Equal(4, docs.Count);
        Assert.Equal(
            new[]
            {
                ("kubeadm.k8s.io/v1beta4", "InitConfiguration"),
                ("kubeadm.k8s.io/v1beta4", "ClusterConfiguration"),
                ("kubelet.config.k8s.io/v1beta1", "KubeletConfiguration"),
                ("kubeproxy.config.k8s.io/v1alpha1", "KubeProxyConfiguration"),
            },
            docs.Select(d => (Scalar(d, "apiVersion"), Scalar(d, "kind"))));
    }

    [Fact]
    public void Init_documents_are_separated_by_document_markers()
    {
        var yaml = KubeadmConfigRenderer.RenderInit(ClusterSpec(), ControlPlane(), Token);

        Assert.Equal(3, yaml.Split('\n').Count(line => line == "---"));
        Assert.DoesNotContain("null", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_configuration_has_the_token_node_registration_and_local_endpoint()
    {
        var init = Init()[0];

        Assert.Equal(Token, Scalar(init, "bootstrapTokens.0.token"));
        Assert.Equal(KubeadmConfigRenderer.BootstrapTokenTtl, Scalar(init, "bootstrapTokens.0.ttl"));
        Assert.Equal(new[] { "signing", "authentication" }, Scalars(init, "bootstrapTokens.0.usages"));
        Assert.Equal("cp-1", Scalar(init, "nodeRegistration.name"));
        Assert.Equal("unix:///run/containerd/containerd.sock", Scalar(init, "nodeRegistration.criSocket"));
        Assert.Null(Find(init, "nodeRegistration.kubeletExtraArgs"));
        Assert.Equal("10.0.0.11", Scalar(init, "localAPIEndpoint.advertiseAddress"));
        Assert.Equal("6443", Scalar(init, "localAPIEndpoint.bindPort"));
        Assert.Null(Find(init, "skipPhases"));
    }

    [Fact]
    public void Cluster_configuration_has_version_name_endpoint_networking_and_sans()
    {
        var cluster = Init()[1];

        Assert.Equal("v1.33.5", Scalar(cluster, "kubernetesVersion"));
        Assert.Equal("prod", Scalar(cluster, "clusterName"));
        Assert.Equal("10.0.0.10:6443", Scalar(cluster, "controlPlaneEndpoint"));
        Assert.Equal("/etc/kubernetes/pki", Scalar(cluster, "certificatesDir"));
        Assert.Equal("10.244.0.0/16", Scalar(cluster, "networking.podSubnet"));
        Assert.Equal("10.96.0.0/12", Scalar(cluster, "networking.serviceSubnet"));
        Assert.Equal("cluster.local", Scalar(cluster, "networking.dnsDomain"));
        Assert.Equal(new[] { "10.0.0.10", "api.prod.example.com" }, Scalars(cluster, "apiServer.certSANs"));
    }

    [Fact]
    public void The_endpoint_host_is_a_san_once_and_ipv6_endpoints_lose_their_brackets()
    {
        var spec = ClusterSpec() with { ControlPlaneEndpoint = "[fd00::10]:6443", ApiServerCertSans = ["fd00::10", "api"] };
        var cluster = Parse(KubeadmConfigRenderer.RenderInit(spec, ControlPlane(), Token))[1];

        Assert.Equal(new[] { "fd00::10", "api" }, Scalars(cluster, "apiServer.certSANs"));
    }

    [Fact]
    public void Kubelet_uses_the_systemd_cgroup_driver_and_kube_proxy_iptables_over_the_pod_subnet()
    {
        var docs = Init();

        Assert.Equal("systemd", Scalar(docs[2], "cgroupDriver"));
        Assert.Equal("iptables", Scalar(docs[3], "mode"));
        Assert.Equal("10.244.0.0/16", Scalar(docs[3], "clusterCIDR"));
    }

    [Fact]
    public void String_values_that_look_like_booleans_or_numbers_are_quoted()
    {
        var cluster = Init()[1];
        var taint = new NodeTaint { Key = "dedicated", Value = "yes", Effect = TaintEffect.NoSchedule };
        var join = Join(Worker(taint));

        var profiling = ((YamlSequenceNode)Find(cluster, "apiServer.extraArgs")!).Children.Single(a => Scalar(a, "name") == "profiling");
        Assert.Equal(YamlDotNet.Core.ScalarStyle.DoubleQuoted, ScalarNode(profiling, "value").Style);
        Assert.Equal("false", ExtraArgs(cluster, "apiServer")["profiling"]);
        Assert.NotEqual(YamlDotNet.Core.ScalarStyle.Plain, ScalarNode(join, "nodeRegistration.taints.0.value").Style);
        Assert.Equal("yes", Scalar(join, "nodeRegistration.taints.0.value"));
    }

    [Fact]
    public void Join_has_bootstrap_token_discovery()
    {
        var join = Join(Worker());

        Assert.Equal("kubeadm.k8s.io/v1beta4", Scalar(join, "apiVersion"));
        Assert.Equal("JoinConfiguration", Scalar(join, "kind"));
        Assert.Equal("10.0.0.10:6443", Scalar(join, "discovery.bootstrapToken.apiServerEndpoint"));
        Assert.Equal(Token, Scalar(join, "discovery.bootstrapToken.token"));
        Assert.Equal(new[] { CaCertHash }, Scalars(join, "discovery.bootstrapToken.caCertHashes"));
        Assert.Equal("worker-1", Scalar(join, "nodeRegistration.name"));
        Assert.Equal("unix:///run/containerd/containerd.sock", Scalar(join, "nodeRegistration.criSocket"));
    }

    [Fact]
    public void Control_plane_join_has_a_local_api_endpoint_and_no_certificate_key()
    {
        var join = Join(ControlPlane() with { Name = "cp-2", AdvertiseAddress = "10.0.0.12" });

        Assert.Equal("10.0.0.12", Scalar(join, "controlPlane.localAPIEndpoint.advertiseAddress"));
        Assert.Equal("6443", Scalar(join, "controlPlane.localAPIEndpoint.bindPort"));
        Assert.Null(Find(join, "controlPlane.certificateKey"));
    }

    [Fact]
    public void Worker_join_has_no_control_plane_section_and_no_taints_by_default()
    {
        var join = Join(Worker());

        Assert.Null(Find(join, "controlPlane"));
        Assert.Empty(((YamlSequenceNode)Find(join, "nodeRegistration.taints")!).Children);
    }

    [Fact]
    public void Control_plane_nodes_get_the_control_plane_taint()
    {
        var init = Init()[0];
        var join = Join(ControlPlane());

        foreach (var doc in new[] { init, join })
        {
            Assert.Equal("node-role.kubernetes.io/control-plane", Scalar(doc, "nodeRegistration.taints.0.key"));
            Assert.Equal("NoSchedule", Scalar(doc, "nodeRegistration.taints.0.effect"));
            Assert.Null(Find(doc, "nodeRegistration.taints.0.value"));
        }
    }

    [Fact]
    public void A_given_control_plane_taint_replaces_the_default_one()
    {
        var own = new NodeTaint { Key = "node-role.kubernetes.io/control-plane", Effect = TaintEffect.PreferNoSchedule };
        var join = Join(ControlPlane(own));

        var taints = (YamlSequenceNode)Find(join, "nodeRegistration.taints")!;
        Assert.Single(taints.Children);
        Assert.Equal("PreferNoSchedule", Scalar(join, "nodeRegistration.taints.0.effect"));
    }

    [Fact]
    public void Custom_taints_are_rendered_with_key_value_and_effect()
    {
        var gpu = new NodeTaint { Key = "example.com/gpu", Value = "a100", Effect = TaintEffect.NoExecute };
        var dedicated = new NodeTaint { Key = "dedicated", Effect = TaintEffect.PreferNoSchedule };

        var worker = Join(Worker(gpu, dedicated));
        Assert.Equal("example.com/gpu", Scalar(worker, "nodeRegistration.taints.0.key"));
        Assert.Equal("a100", Scalar(worker, "nodeRegistration.taints.0.value"));
        Assert.Equal("NoExecute", Scalar(worker, "nodeRegistration.taints.0.effect"));
        Assert.Equal("dedicated", Scalar(worker, "nodeRegistration.taints.1.key"));
        Assert.Null(Find(worker, "nodeRegistration.taints.1.value"));
        Assert.Equal("PreferNoSchedule", Scalar(worker, "nodeRegistration.taints.1.effect"));

        var controlPlane = Join(ControlPlane(gpu));
        Assert.Equal("example.com/gpu", Scalar(controlPlane, "nodeRegistration.taints.0.key"));
        Assert.Equal("node-role.kubernetes.io/control-plane", Scalar(controlPlane, "nodeRegistration.taints.1.key"));
    }

    [Fact]
    public void Custom_cri_socket_is_used()
    {
        var join = Join(Worker() with { CriSocket = "unix:///var/run/crio/crio.sock" });

        Assert.Equal("unix:///var/run/crio/crio.sock", Scalar(join, "nodeRegistration.criSocket"));
    }

    [Theory]
    [InlineData("abcdef0123456789abcdef")]
    [InlineData("ABCDEF.0123456789abcdef")]
    [InlineData("abcdef.0123456789")]
    [InlineData("")]
    public void Malformed_bootstrap_tokens_are_rejected(string token)
    {
        Assert.Throws<ArgumentException>(() => KubeadmConfigRenderer.RenderInit(ClusterSpec(), ControlPlane(), token));
        Assert.Throws<ArgumentException>(() => KubeadmConfigRenderer.RenderJoin(ClusterSpec(), Worker(), Discovery() with { Token = token }));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sha256:0123")]
    [InlineData("sha1:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Malformed_ca_cert_hashes_are_rejected(string hash)
    {
        Assert.Throws<ArgumentException>(() => KubeadmConfigRenderer.RenderJoin(ClusterSpec(), Worker(), Discovery() with { CaCertHash = hash }));
    }

    [Fact]
    public void Init_refuses_a_worker_node()
    {
        var e = Assert.Throws<ArgumentException>(() => KubeadmConfigRenderer.RenderInit(ClusterSpec(), Worker(), Token));
        Assert.Contains("worker-1", e.Message);
    }

    [Theory]
    [InlineData("10.0.0.10")]
    [InlineData("fd00::10")]
    [InlineData(":6443")]
    public void An_endpoint_without_a_port_is_rejected(string endpoint)
    {
        Assert.Throws<ArgumentException>(() =>
            KubeadmConfigRenderer.RenderInit(ClusterSpec() with { ControlPlaneEndpoint = endpoint }, ControlPlane(), Token));
    }

    [Fact]
    public void Encryption_config_writes_with_secretbox_and_reads_the_earlier_aescbc_key_and_plain_data()
    {
        var doc = ParseOne(KubeadmConfigRenderer.RenderEncryptionConfig(EncryptionKey, LegacyEncryptionKey));

        Assert.Equal("apiserver.config.k8s.io/v1", Scalar(doc, "apiVersion"));
        Assert.Equal("EncryptionConfiguration", Scalar(doc, "kind"));
        Assert.Equal(new[] { "secrets" }, Scalars(doc, "resources.0.resources"));
        // The first provider encrypts every write; the others only decrypt what they recognise by its prefix.
        var providers = Assert.IsType<YamlSequenceNode>(Find(doc, "resources.0.providers"));
        Assert.Equal(new[] { "secretbox", "aescbc", "identity" },
            providers.Children.Select(p => Assert.Single(((YamlMappingNode)p).Children).Key.ToString()));
        Assert.Equal("key1", Scalar(doc, "resources.0.providers.0.secretbox.keys.0.name"));
        Assert.Equal(EncryptionKey, Scalar(doc, "resources.0.providers.0.secretbox.keys.0.secret"));
        Assert.Equal("key1", Scalar(doc, "resources.0.providers.1.aescbc.keys.0.name"));
        Assert.Equal(LegacyEncryptionKey, Scalar(doc, "resources.0.providers.1.aescbc.keys.0.secret"));
        Assert.Empty(Assert.IsType<YamlMappingNode>(Find(doc, "resources.0.providers.2.identity")).Children);
    }

    [Fact]
    public void Encryption_config_without_an_earlier_key_is_secretbox_then_identity()
    {
        var doc = ParseOne(KubeadmConfigRenderer.RenderEncryptionConfig(EncryptionKey));

        var providers = Assert.IsType<YamlSequenceNode>(Find(doc, "resources.0.providers"));
        Assert.Equal(new[] { "secretbox", "identity" },
            providers.Children.Select(p => Assert.Single(((YamlMappingNode)p).Children).Key.ToString()));
        Assert.DoesNotContain("aescbc", KubeadmConfigRenderer.RenderEncryptionConfig(EncryptionKey), StringComparison.Ordinal);
    }

    [Fact]
    public void Encryption_config_refuses_one_key_for_both_ciphers()
    {
        var e = Assert.Throws<ArgumentException>(() => KubeadmConfigRenderer.RenderEncryptionConfig(EncryptionKey, EncryptionKey));
        Assert.Equal("legacyAescbcKey", e.ParamName);
    }

    [Theory]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==")]
    [InlineData("not base64 at all!")]
    [InlineData("")]
    public void Encryption_config_rejects_a_key_that_is_not_32_bytes_of_base64(string key)
    {
        var e = Assert.Throws<ArgumentException>(() => KubeadmConfigRenderer.RenderEncryptionConfig(key));
        Assert.Contains("32 bytes", e.Message);
        Assert.Equal("secretboxKey", e.ParamName);
        var legacy = Assert.Throws<ArgumentException>(() => KubeadmConfigRenderer.RenderEncryptionConfig(EncryptionKey, key));
        Assert.Contains("32 bytes", legacy.Message);
        Assert.Equal("legacyAescbcKey", legacy.ParamName);
    }

    [Fact]
    public void Audit_policy_parses_and_omits_the_request_received_stage()
    {
        var doc = ParseOne(KubeadmConfigRenderer.RenderAuditPolicy());

        Assert.Equal("audit.k8s.io/v1", Scalar(doc, "apiVersion"));
        Assert.Equal("Policy", Scalar(doc, "kind"));
        Assert.Equal(new[] { "RequestReceived" }, Scalars(doc, "omitStages"));
        Assert.Equal("Metadata", Scalar(((YamlSequenceNode)Find(doc, "rules")!).Children[^1], "level"));
    }

    [Fact]
    public void Audit_policy_drops_probes_events_and_routine_system_reads()
    {
        var rules = AuditRules();

        Assert.Equal("None", AuditLevel(rules, nonResourceUrl: "/livez"));
        Assert.Equal("None", AuditLevel(rules, nonResourceUrl: "/readyz"));
        Assert.Equal("None", AuditLevel(rules, nonResourceUrl: "/healthz"));
        Assert.Equal("None", AuditLevel(rules, verb: "create", group: "", resource: "events", user: "system:node:w1", userGroup: "system:nodes"));
        Assert.Equal("None", AuditLevel(rules, verb: "watch", group: "", resource: "endpoints", user: "system:kube-proxy"));
        Assert.Equal("None", AuditLevel(rules, verb: "update", group: "coordination.k8s.io", resource: "leases", user: "system:node:w1", userGroup: "system:nodes"));
    }

    [Fact]
    public void Audit_policy_logs_secret_access_at_metadata_and_rbac_changes_in_full()
    {
        var rules = AuditRules();

        Assert.Equal("Metadata", AuditLevel(rules, verb: "get", group: "", resource: "secrets"));
        Assert.Equal("Metadata", AuditLevel(rules, verb: "update", group: "", resource: "secrets"));
        Assert.Equal("Metadata", AuditLevel(rules, verb: "create", group: "", resource: "configmaps"));
        Assert.Equal("Metadata", AuditLevel(rules, verb: "create", group: "authentication.k8s.io", resource: "tokenreviews"));
        Assert.Equal("RequestResponse", AuditLevel(rules, verb: "create", group: "rbac.authorization.k8s.io", resource: "clusterrolebindings"));
        Assert.Equal("Request", AuditLevel(rules, verb: "patch", group: "apps", resource: "deployments"));
        Assert.Equal("Metadata", AuditLevel(rules, verb: "list", group: "apps", resource: "deployments"));
    }

    [Fact]
    public void Event_rate_limit_config_limits_server_namespace_and_user()
    {
        var doc = ParseOne(KubeadmConfigRenderer.RenderEventRateLimitConfig());

        Assert.Equal("eventratelimit.admission.k8s.io/v1alpha1", Scalar(doc, "apiVersion"));
        Assert.Equal("Configuration", Scalar(doc, "kind"));
        var limits = ((YamlSequenceNode)Find(doc, "limits")!).Children;
        Assert.Equal(new[] { "Server", "Namespace", "User" }, limits.Select(l => Scalar(l, "type")));
        Assert.All(limits, l => Assert.True(int.Parse(Scalar(l, "qps")) > 0 && int.Parse(Scalar(l, "burst")) >= int.Parse(Scalar(l, "qps"))));
    }

    [Fact]
    public void Admission_config_sets_pod_security_defaults_and_points_to_the_event_rate_limit_config()
    {
        var doc = ParseOne(KubeadmConfigRenderer.RenderAdmissionConfig(new KubeadmHardening()));

        Assert.Equal("apiserver.config.k8s.io/v1", Scalar(doc, "apiVersion"));
        Assert.Equal("AdmissionConfiguration", Scalar(doc, "kind"));
        Assert.Equal("PodSecurity", Scalar(doc, "plugins.0.name"));
        var psa = Find(doc, "plugins.0.configuration")!;
        Assert.Equal("pod-security.admission.config.k8s.io/v1", Scalar(psa, "apiVersion"));
        Assert.Equal("PodSecurityConfiguration", Scalar(psa, "kind"));
        Assert.Equal("baseline", Scalar(psa, "defaults.enforce"));
        Assert.Equal("restricted", Scalar(psa, "defaults.audit"));
        Assert.Equal("restricted", Scalar(psa, "defaults.warn"));
        Assert.Equal("latest", Scalar(psa, "defaults.enforce-version"));
        Assert.Equal(new[] { "kube-system" }, Scalars(psa, "exemptions.namespaces"));
        Assert.Equal("EventRateLimit", Scalar(doc, "plugins.1.name"));
        Assert.Equal(KubeadmPaths.EventRateLimitConfig, Scalar(doc, "plugins.1.path"));
    }

    [Theory]
    [InlineData(true, false, new[] { "PodSecurity" })]
    [InlineData(false, true, new[] { "EventRateLimit" })]
    [InlineData(false, false, new string[0])]
    public void Admission_config_holds_only_the_switched_on_plugins(bool podSecurity, bool eventRateLimit, string[] plugins)
    {
        var h = new KubeadmHardening { PodSecurityDefaults = podSecurity, EventRateLimit = eventRateLimit };
        var doc = ParseOne(KubeadmConfigRenderer.RenderAdmissionConfig(h));

        var names = Find(doc, "plugins") is YamlSequenceNode seq ? seq.Children.Select(p => Scalar(p, "name")).ToArray() : [];
        Assert.Equal(plugins, names);
    }

    [Fact]
    public void Paths_are_absolute_and_the_config_files_live_in_the_platform_folder()
    {
        Assert.Equal("/etc/kubernetes/platform/kubeadm.yaml", KubeadmPaths.Config);
        foreach (var file in new[] { KubeadmPaths.AuditPolicy, KubeadmPaths.EncryptionConfig, KubeadmPaths.AdmissionConfig, KubeadmPaths.EventRateLimitConfig })
            Assert.StartsWith(KubeadmPaths.PlatformDir + "/", file, StringComparison.Ordinal);
        Assert.StartsWith(KubeadmPaths.AuditLogDir + "/", KubeadmPaths.AuditLog, StringComparison.Ordinal);
    }

    internal static IReadOnlyList<YamlNode> AuditRules() =>
        ((YamlSequenceNode)Find(ParseOne(KubeadmConfigRenderer.RenderAuditPolicy()), "rules")!).Children.ToList();

    /// <summary>The level of the first rule matching a request, as the API server evaluates the policy.</summary>
    internal static string AuditLevel(IReadOnlyList<YamlNode> rules, string? verb = null, string? group = null, string? resource = null,
        string user = "alice", string? userGroup = null, string? nonResourceUrl = null)
    {
        foreach (var rule in rules)
        {
            var users = Scalars(rule, "users");
            var groups = Scalars(rule, "userGroups");
            var verbs = Scalars(rule, "verbs");
            if (users.Count > 0 && !users.Contains(user)) continue;
            if (groups.Count > 0 && (userGroup is null || !groups.Contains(userGroup))) continue;
            if (verbs.Count > 0 && (verb is null || !verbs.Contains(verb))) continue;
            var urls = Scalars(rule, "nonResourceURLs");
            var resources = Find(rule, "resources") as YamlSequenceNode;
            if (nonResourceUrl is not null)
            {
                if (resources is not null) continue;
                if (urls.Count > 0 && !urls.Any(u => u.EndsWith('*') ? nonResourceUrl.StartsWith(u[..^1], StringComparison.Ordinal) : u == nonResourceUrl)) continue;
            }
            else
            {
                if (urls.Count > 0) continue;
                if (resources is not null && !resources.Children.Any(r =>
                        Scalar(r, "group") == group && (Scalars(r, "resources") is var names && (names.Count == 0 || names.Contains(resource!)))))
                    continue;
            }
            return Scalar(rule, "level");
        }
        throw new InvalidOperationException("No audit rule matched.");
    }

    [Theory]
    [InlineData("1.30.14")]
    [InlineData("1.33.5")]
    public void Without_kube_proxy_init_skips_its_phase_and_renders_no_kube_proxy_configuration(string version)
    {
        var docs = Parse(KubeadmConfigRenderer.RenderInit(ClusterSpec(version) with { KubeProxy = false }, ControlPlane(), "abcdef.0123456789abcdef"));

        Assert.Equal(3, docs.Count);
        Assert.Equal("addon/kube-proxy", ((YamlScalarNode)((YamlSequenceNode)Find(docs[0], "skipPhases")!).Children.Single()).Value);
        Assert.DoesNotContain(docs, d => ((YamlScalarNode)d[new YamlScalarNode("kind")]).Value == "KubeProxyConfiguration");
        Assert.Null(Find(Init(version)[0], "skipPhases"));
    }
}
