using System.Reflection;
using System.Text.Json.Serialization;
using Platform.Components.Cluster;
using Platform.Components.Cluster.Kubeadm;
using Platform.Stacks.Configuration;
using Platform.Tests.Validation.ConfigApi;
using Docs = Platform.Tests.Cluster.Kubeadm.KubeadmDocuments;

namespace Platform.Tests.Validation;

/// <summary>Every configuration document the kubeadm renderers write, decoded strictly (<see cref="ConfigDocuments"/>)
/// for every supported Kubernetes minor, hardened and not, with and without kube-proxy; and what the decoded documents
/// say.</summary>
public class ConfigDocumentTests
{
    private static readonly string[] ApiServerHardeningFlags =
    [
        "audit-policy-file", "audit-log-path", "audit-log-maxage", "audit-log-maxbackup", "audit-log-maxsize",
        "encryption-provider-config", "encryption-provider-config-automatic-reload", "profiling", "enable-admission-plugins", "admission-control-config-file",
        "kubelet-certificate-authority", "service-account-extend-token-expiration", "tls-min-version", "tls-cipher-suites",
        // Not hardening: the structured authentication configuration, on every supported minor.
        "authentication-config",
    ];

    public static TheoryData<string, bool, bool> InitCases()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var minor in KubernetesVersions.SupportedMinors)
            foreach (var hardened in new[] { true, false })
                foreach (var kubeProxy in new[] { true, false })
                    data.Add(minor, hardened, kubeProxy);
        return data;
    }

    public static TheoryData<string, bool> MinorAndHardening()
    {
        var data = new TheoryData<string, bool>();
        foreach (var minor in KubernetesVersions.SupportedMinors)
            foreach (var hardened in new[] { true, false })
                data.Add(minor, hardened);
        return data;
    }

    public static TheoryData<string> Minors() => new(KubernetesVersions.SupportedMinors);

    [Theory]
    [MemberData(nameof(InitCases))]
    public void Init_documents_decode_strictly_and_carry_the_cluster_settings(string minor, bool hardened, bool kubeProxy)
    {
        var spec = Docs.ClusterSpec(Version(minor), Hardening(hardened)) with { KubeProxy = kubeProxy };
        var docs = ConfigDocuments.DecodeStream(KubeadmConfigRenderer.RenderInit(spec, Docs.ControlPlane(), Docs.Token), minor);

        var kubeadm = KubeadmApiVersion.For(spec.KubernetesVersion);
        var expectedKinds = new List<(string, string)>
        {
            (kubeadm, "InitConfiguration"), (kubeadm, "ClusterConfiguration"), ("kubelet.config.k8s.io/v1beta1", "KubeletConfiguration"),
        };
        if (kubeProxy) expectedKinds.Add(("kubeproxy.config.k8s.io/v1alpha1", "KubeProxyConfiguration"));
        Assert.Equal(expectedKinds, docs.Select(d => (d.ApiVersion, d.Kind)));
        Assert.IsType(ConfigDocuments.MinorNumber(minor) >= 31 ? typeof(KubeadmV1Beta4InitConfiguration) : typeof(KubeadmV1Beta3InitConfiguration), docs[0]);

        var init = Assert.IsAssignableFrom<IKubeadmInitConfiguration>(docs[0]);
        var token = Assert.Single(init.BootstrapTokens);
        Assert.Equal(Docs.Token, token.Token);
        Assert.Equal("2h0m0s", token.Ttl);
        Assert.Equal(["signing", "authentication"], token.Usages!);
        Assert.Equal(["system:bootstrappers:kubeadm:default-node-token"], token.Groups!);
        Assert.Equal("cp-1", init.NodeRegistration!.Name);
        Assert.Equal("unix:///run/containerd/containerd.sock", init.NodeRegistration.CriSocket);
        var taint = Assert.Single(init.NodeRegistration.Taints);
        Assert.Equal(("node-role.kubernetes.io/control-plane", (string?)null, CoreTaintEffect.NoSchedule), (taint.Key, taint.Value, taint.Effect));
        Assert.Equal("10.0.0.11", init.LocalApiEndpoint!.AdvertiseAddress);
        Assert.Equal(6443, init.LocalApiEndpoint.BindPort);
        Assert.Equal(kubeProxy ? Array.Empty<string>() : ["addon/kube-proxy"], init.SkipPhases);

        var cluster = Assert.IsAssignableFrom<IKubeadmClusterConfiguration>(docs[1]);
        Assert.Equal("prod", cluster.ClusterName);
        Assert.Equal("v" + spec.KubernetesVersion, cluster.KubernetesVersion);
        Assert.Equal("10.0.0.10:6443", cluster.ControlPlaneEndpoint);
        Assert.Equal(KubeadmPaths.PkiDir, cluster.CertificatesDir);
        Assert.Equal(("10.244.0.0/16", "10.96.0.0/12", "cluster.local"),
            (cluster.Networking!.PodSubnet, cluster.Networking.ServiceSubnet, cluster.Networking.DnsDomain));
        Assert.Equal(["10.0.0.10", "api.prod.example.com"], cluster.CertSans);
        AssertControlPlaneFlags(cluster, hardened);

        var kubelet = Assert.IsType<KubeletConfiguration>(docs[2]);
        Assert.Equal("systemd", kubelet.CgroupDriver);
        Assert.Equal(KubeadmPaths.VolumePluginDir, kubelet.VolumePluginDir);
        AssertKubelet(kubelet, hardened);

        if (kubeProxy)
        {
            var proxy = Assert.IsType<KubeProxyConfiguration>(docs[3]);
            Assert.Equal(("iptables", "10.244.0.0/16"), (proxy.Mode, proxy.ClusterCidr));
        }
    }

    [Theory]
    [MemberData(nameof(MinorAndHardening))]
    public void Control_plane_join_decodes_strictly_with_its_taints_and_endpoint(string minor, bool hardened)
    {
        var node = Docs.ControlPlane(new NodeTaint { Key = "dedicated", Value = "infra", Effect = TaintEffect.NoExecute });
        var join = Join(minor, hardened, node);

        Assert.NotNull(join.ControlPlane);
        Assert.Equal("10.0.0.11", join.ControlPlane.LocalApiEndpoint!.AdvertiseAddress);
        Assert.Equal(6443, join.ControlPlane.LocalApiEndpoint.BindPort);
        Assert.Equal("cp-1", join.NodeRegistration!.Name);
        Assert.Equal(
            [("dedicated", "infra", CoreTaintEffect.NoExecute), ("node-role.kubernetes.io/control-plane", null, CoreTaintEffect.NoSchedule)],
            join.NodeRegistration.Taints.Select(t => (t.Key, t.Value, t.Effect)));
    }

    [Theory]
    [MemberData(nameof(MinorAndHardening))]
    public void Worker_join_decodes_strictly_with_its_taints_and_no_control_plane(string minor, bool hardened)
    {
        // "true" must reach kubeadm as a string, not as YAML 1.1's boolean.
        var node = Docs.Worker(
            new NodeTaint { Key = "example.com/spot", Value = "true", Effect = TaintEffect.PreferNoSchedule },
            new NodeTaint { Key = "gpu", Effect = TaintEffect.NoSchedule });
        var join = Join(minor, hardened, node);

        Assert.Null(join.ControlPlane);
        Assert.Equal("worker-1", join.NodeRegistration!.Name);
        Assert.Equal(
            [("example.com/spot", "true", CoreTaintEffect.PreferNoSchedule), ("gpu", null, CoreTaintEffect.NoSchedule)],
            join.NodeRegistration.Taints.Select(t => (t.Key, t.Value, t.Effect)));
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void A_worker_without_taints_writes_an_empty_taint_list_not_kubeadms_default(string minor)
    {
        var join = Join(minor, hardened: true, Docs.Worker());

        Assert.Empty(join.NodeRegistration!.Taints);
    }

    [Theory]
    [MemberData(nameof(MinorAndHardening))]
    public void Admission_configuration_decodes_strictly_with_its_embedded_pod_security_configuration(string minor, bool hardened)
    {
        var admission = ConfigDocuments.DecodeSingle<AdmissionConfiguration>(KubeadmConfigRenderer.RenderAdmissionConfig(Hardening(hardened)), minor);

        if (!hardened)
        {
            Assert.Empty(admission.Plugins!);
            return;
        }
        var plugins = admission.Plugins!;
        Assert.Equal(["PodSecurity", "EventRateLimit"], plugins.Select(p => p.Name));
        var podSecurity = Assert.IsType<PodSecurityConfiguration>(plugins[0].Configuration);
        Assert.Equal("pod-security.admission.config.k8s.io/v1", podSecurity.ApiVersion);
        Assert.Equal(
            (PodSecurityLevel.Baseline, "latest", PodSecurityLevel.Restricted, "latest", PodSecurityLevel.Restricted, "latest"),
            (podSecurity.Defaults.Enforce, podSecurity.Defaults.EnforceVersion, podSecurity.Defaults.Audit, podSecurity.Defaults.AuditVersion,
                podSecurity.Defaults.Warn, podSecurity.Defaults.WarnVersion));
        Assert.Equal(["kube-system"], podSecurity.Exemptions.Namespaces!);
        Assert.Empty(podSecurity.Exemptions.Usernames!);
        Assert.Empty(podSecurity.Exemptions.RuntimeClasses!);
        Assert.Null(plugins[0].Path);
        Assert.Equal(KubeadmPaths.EventRateLimitConfig, plugins[1].Path);
        Assert.Null(plugins[1].Configuration);
    }

    [Theory]
    [InlineData(true, false, "PodSecurity")]
    [InlineData(false, true, "EventRateLimit")]
    public void Admission_configuration_with_one_plugin_decodes_strictly(bool podSecurity, bool eventRateLimit, string plugin)
    {
        var yaml = KubeadmConfigRenderer.RenderAdmissionConfig(new KubeadmHardening { PodSecurityDefaults = podSecurity, EventRateLimit = eventRateLimit });

        var admission = ConfigDocuments.DecodeSingle<AdmissionConfiguration>(yaml, KubernetesVersions.SupportedMinors[^1]);

        Assert.Equal(plugin, Assert.Single(admission.Plugins!).Name);
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void Event_rate_limit_configuration_decodes_strictly_with_its_three_limits(string minor)
    {
        var config = ConfigDocuments.DecodeSingle<EventRateLimitConfiguration>(KubeadmConfigRenderer.RenderEventRateLimitConfig(), minor);

        Assert.Equal(
            [(EventRateLimitType.Server, 1000, 2000, (int?)null), (EventRateLimitType.Namespace, 50, 100, 2000), (EventRateLimitType.User, 10, 50, 2000)],
            config.Limits.Select(l => (l.Type, l.Qps, l.Burst, l.CacheSize)));
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void Encryption_configuration_decodes_strictly_with_secretbox_first_then_aescbc_and_identity_for_reading(string minor)
    {
        var config = ConfigDocuments.DecodeSingle<EncryptionConfiguration>(
            KubeadmConfigRenderer.RenderEncryptionConfig(Docs.EncryptionKey, Docs.LegacyEncryptionKey), minor);

        var resource = Assert.Single(config.Resources);
        Assert.Equal(["secrets"], resource.Resources);
        Assert.Equal(3, resource.Providers.Count);
        var write = Assert.Single(resource.Providers[0].Secretbox!.Keys);
        Assert.Equal(("key1", Docs.EncryptionKey), (write.Name, write.Secret));
        Assert.Equal(32, Convert.FromBase64String(write.Secret).Length);
        var read = Assert.Single(resource.Providers[1].AesCbc!.Keys);
        Assert.Equal(("key1", Docs.LegacyEncryptionKey), (read.Name, read.Secret));
        Assert.NotNull(resource.Providers[2].Identity);
        // Exactly one provider per entry, as the API server's validation requires.
        Assert.All(resource.Providers, p => Assert.Equal(1, new object?[] { p.Secretbox, p.AesCbc, p.Identity }.Count(o => o != null)));
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void Audit_policy_decodes_strictly_and_keeps_secrets_at_metadata(string minor)
    {
        var policy = ConfigDocuments.DecodeSingle<AuditPolicy>(KubeadmConfigRenderer.RenderAuditPolicy(), minor);

        Assert.Equal([AuditStage.RequestReceived], policy.OmitStages!);
        Assert.Equal(AuditLevel.None, policy.Rules[0].Level);
        Assert.Contains("/healthz*", policy.Rules[0].NonResourceUrls!);
        var firstForSecrets = policy.Rules.First(r => r.NonResourceUrls is null
            && (r.Resources is null || r.Resources.Any(g => g.Group == "" && (g.Resources is null || g.Resources.Contains("secrets")))));
        Assert.Null(firstForSecrets.Users);
        Assert.Equal(AuditLevel.Metadata, firstForSecrets.Level);
        Assert.Equal(AuditLevel.Metadata, policy.Rules[^1].Level);
        Assert.Null(policy.Rules[^1].Verbs);
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void Every_file_the_api_server_flags_name_is_mounted_read_only_at_the_same_path(string minor)
    {
        var docs = ConfigDocuments.DecodeStream(KubeadmConfigRenderer.RenderInit(Docs.ClusterSpec(Version(minor)), Docs.ControlPlane(), Docs.Token), minor);
        var cluster = docs.OfType<IKubeadmClusterConfiguration>().Single();
        var admission = ConfigDocuments.DecodeSingle<AdmissionConfiguration>(KubeadmConfigRenderer.RenderAdmissionConfig(new KubeadmHardening()), minor);

        var args = cluster.ExtraArgs("apiServer");
        var files = new[] { args["audit-policy-file"], args["encryption-provider-config"], args["admission-control-config-file"] }
            .Concat(admission.Plugins!.Select(p => p.Path).OfType<string>());
        foreach (var file in files)
        {
            var volume = Assert.Single(cluster.ApiServerVolumes, v => v.HostPath == file);
            Assert.Equal((file, true, CoreHostPathType.File), (volume.MountPath, volume.ReadOnly, volume.PathType));
        }
        var log = Assert.Single(cluster.ApiServerVolumes, v => v.HostPath == Path.GetDirectoryName(args["audit-log-path"]));
        Assert.Equal((log.HostPath, false, CoreHostPathType.DirectoryOrCreate), (log.MountPath, log.ReadOnly, log.PathType));
    }

    [Fact]
    public void Every_supported_minor_is_one_the_records_were_checked_for()
    {
        Assert.All(KubernetesVersions.SupportedMinors, minor => Assert.InRange(
            ConfigDocuments.MinorNumber(minor), ConfigDocuments.CheckedFromMinor, ConfigDocuments.CheckedThroughMinor));
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void The_kubeadm_api_version_written_for_a_minor_is_accepted_by_it_and_not_deprecated(string minor)
    {
        var apiVersion = KubeadmApiVersion.For(Version(minor));

        var kinds = ConfigDocuments.Kinds.Where(k => k.ApiVersion == apiVersion).ToList();
        Assert.Equal(["InitConfiguration", "ClusterConfiguration", "JoinConfiguration"], kinds.Select(k => k.Kind));
        Assert.All(kinds, k => Assert.True(k.IsServedIn(ConfigDocuments.MinorNumber(minor)) && !k.IsDeprecatedIn(ConfigDocuments.MinorNumber(minor)),
            $"{apiVersion} {k.Kind} in {minor}"));
    }

    [Fact]
    public void Every_record_property_names_its_exact_json_field()
    {
        var records = ConfigDocuments.Kinds.Select(k => k.RecordType).Distinct().SelectMany(Reachable).Distinct().ToList();

        Assert.Contains(typeof(PodSecurityConfiguration), records);
        Assert.All(records.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)), p =>
            Assert.True(p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null || p.Name == "EqualityContract",
                $"{p.DeclaringType!.Name}.{p.Name} has no [JsonPropertyName]"));
    }

    private static IKubeadmJoinConfiguration Join(string minor, bool hardened, KubeadmNodeSpec node)
    {
        var spec = Docs.ClusterSpec(Version(minor), Hardening(hardened));
        var document = Assert.Single(ConfigDocuments.DecodeStream(KubeadmConfigRenderer.RenderJoin(spec, node, Docs.Discovery()), minor));
        Assert.Equal((KubeadmApiVersion.For(spec.KubernetesVersion), "JoinConfiguration"), (document.ApiVersion, document.Kind));
        var join = Assert.IsAssignableFrom<IKubeadmJoinConfiguration>(document);
        var discovery = join.Discovery.BootstrapToken!;
        Assert.Equal((Docs.Token, "10.0.0.10:6443"), (discovery.Token, discovery.ApiServerEndpoint));
        Assert.Equal([Docs.CaCertHash], discovery.CaCertHashes!);
        return join;
    }

    private static void AssertControlPlaneFlags(IKubeadmClusterConfiguration cluster, bool hardened)
    {
        var apiServer = cluster.ExtraArgs("apiServer");
        var controllerManager = cluster.ExtraArgs("controllerManager");
        var scheduler = cluster.ExtraArgs("scheduler");
        Assert.Equal(KubeadmPaths.VolumePluginDir, controllerManager["flex-volume-plugin-dir"]);
        if (!hardened)
        {
            // But the encryption configuration, which then writes plain and keeps the keys for reading.
            Assert.Equal(["authentication-config", "encryption-provider-config", "encryption-provider-config-automatic-reload"], apiServer.Keys.Order());
            Assert.Equal(["flex-volume-plugin-dir"], controllerManager.Keys);
            Assert.Empty(scheduler);
            Assert.Equal(["encryption-config", "authentication-config"], cluster.ApiServerVolumes.Select(v => v.Name));
            return;
        }
        Assert.Equal(ApiServerHardeningFlags.Order(), apiServer.Keys.Order());
        Assert.Equal(KubeadmPaths.AuditPolicy, apiServer["audit-policy-file"]);
        Assert.Equal(KubeadmPaths.AuditLog, apiServer["audit-log-path"]);
        Assert.Equal(("30", "10", "100"), (apiServer["audit-log-maxage"], apiServer["audit-log-maxbackup"], apiServer["audit-log-maxsize"]));
        Assert.Equal(KubeadmPaths.EncryptionConfig, apiServer["encryption-provider-config"]);
        Assert.Equal("NodeRestriction,EventRateLimit", apiServer["enable-admission-plugins"]);
        Assert.Equal(KubeadmPaths.AdmissionConfig, apiServer["admission-control-config-file"]);
        Assert.Equal(KubeadmPaths.ClusterCaCert, apiServer["kubelet-certificate-authority"]);
        Assert.Equal("false", apiServer["service-account-extend-token-expiration"]);
        Assert.Equal("1000", controllerManager["terminated-pod-gc-threshold"]);
        foreach (var args in new[] { apiServer, controllerManager, scheduler })
        {
            Assert.Equal("false", args["profiling"]);
            Assert.Equal("VersionTLS12", args["tls-min-version"]);
            Assert.All(args["tls-cipher-suites"].Split(','), suite => Assert.StartsWith("TLS_ECDHE_", suite, StringComparison.Ordinal));
        }
        Assert.Equal(["audit-policy", "audit-log", "encryption-config", "authentication-config", "admission-config", "event-rate-limit-config"],
            cluster.ApiServerVolumes.Select(v => v.Name));
    }

    private static void AssertKubelet(KubeletConfiguration kubelet, bool hardened)
    {
        if (!hardened)
        {
            Assert.Equal(
                new KubeletConfiguration
                {
                    ApiVersion = "kubelet.config.k8s.io/v1beta1", Kind = "KubeletConfiguration",
                    CgroupDriver = "systemd", VolumePluginDir = KubeadmPaths.VolumePluginDir,
                },
                kubelet);
            return;
        }
        Assert.Equal(0, kubelet.ReadOnlyPort);
        Assert.False(kubelet.Authentication!.Anonymous!.Enabled);
        Assert.True(kubelet.Authentication.Webhook!.Enabled);
        Assert.Equal(KubeadmPaths.ClusterCaCert, kubelet.Authentication.X509!.ClientCaFile);
        Assert.Equal(KubeletAuthorizationMode.Webhook, kubelet.Authorization!.Mode);
        Assert.Equal((true, true, true, true), (kubelet.RotateCertificates, kubelet.ProtectKernelDefaults, kubelet.SeccompDefault, kubelet.MakeIpTablesUtilChains));
        Assert.Equal((50, 4096L), (kubelet.EventRecordQps, kubelet.PodPidsLimit));
        Assert.True(kubelet.ServerTlsBootstrap);
        Assert.Equal("VersionTLS12", kubelet.TlsMinVersion);
        Assert.Equal(6, kubelet.TlsCipherSuites!.Count);
    }

    private static IEnumerable<Type> Reachable(Type type)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([type]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next)) continue;
            yield return next;
            foreach (var property in next.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                foreach (var candidate in Unwrap(property.PropertyType))
                    if (candidate.Namespace == typeof(ConfigTypeMeta).Namespace && candidate.IsClass)
                        pending.Push(candidate);
        }
        foreach (var embedded in ConfigDocuments.AdmissionPluginConfigurations.Values)
            if (type == typeof(AdmissionConfiguration))
                yield return embedded;
    }

    private static IEnumerable<Type> Unwrap(Type type) =>
        type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap) : [Nullable.GetUnderlyingType(type) ?? type];

    private static string Version(string minor) => minor + ".3";

    /// <summary>Every switch on (the default), or every switch off.</summary>
    private static KubeadmHardening Hardening(bool on)
    {
        var hardening = new KubeadmHardening();
        if (!on)
            foreach (var property in typeof(KubeadmHardening).GetProperties().Where(p => p.PropertyType == typeof(bool)))
                property.SetValue(hardening, false);
        return hardening;
    }
}
