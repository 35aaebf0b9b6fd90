using Platform.Components.Cluster.Kubeadm;
using YamlDotNet.RepresentationModel;
using static Platform.Tests.Cluster.Kubeadm.KubeadmDocuments;

namespace Platform.Tests.Cluster.Kubeadm;

public class KubeadmHardeningTests
{
    /// <summary>What one switch puts into the documents, and nothing else does.</summary>
    private sealed record Owned(
        string[]? ApiServer = null, string[]? ControllerManager = null, string[]? Scheduler = null, string[]? Volumes = null,
        string[]? Kubelet = null, string[]? AdmissionPlugins = null, string[]? AdmissionConfigPlugins = null);

    private static readonly Dictionary<string, Owned> BySwitch = new()
    {
        [nameof(KubeadmHardening.AuditLog)] = new(
            ApiServer: ["audit-policy-file", "audit-log-path", "audit-log-maxage", "audit-log-maxbackup", "audit-log-maxsize"],
            Volumes: ["audit-policy", "audit-log"]),
        // Off, only the provider that writes changes (identity first): the flags and the file stay, so Secrets encrypted
        // while it was on stay readable (With_encryption_at_rest_off_the_api_server_keeps_its_configuration_and_writes_plain).
        [nameof(KubeadmHardening.EncryptionAtRest)] = new(),
        [nameof(KubeadmHardening.DisableProfiling)] = new(ApiServer: ["profiling"], ControllerManager: ["profiling"], Scheduler: ["profiling"]),
        [nameof(KubeadmHardening.NodeRestriction)] = new(AdmissionPlugins: ["NodeRestriction"]),
        [nameof(KubeadmHardening.EventRateLimit)] = new(
            AdmissionPlugins: ["EventRateLimit"], Volumes: ["event-rate-limit-config"], AdmissionConfigPlugins: ["EventRateLimit"]),
        [nameof(KubeadmHardening.PodSecurityDefaults)] = new(AdmissionConfigPlugins: ["PodSecurity"]),
        [nameof(KubeadmHardening.KubeletServingCertificates)] = new(ApiServer: ["kubelet-certificate-authority"], Kubelet: ["serverTLSBootstrap"]),
        [nameof(KubeadmHardening.KubeletHardening)] = new(Kubelet:
        [
            "authentication", "authorization", "readOnlyPort", "rotateCertificates", "protectKernelDefaults", "seccompDefault",
            "makeIPTablesUtilChains", "eventRecordQPS", "podPidsLimit",
        ]),
        [nameof(KubeadmHardening.StrictServiceAccountTokens)] = new(ApiServer: ["service-account-extend-token-expiration"]),
        [nameof(KubeadmHardening.StrongTls)] = new(
            ApiServer: ["tls-min-version", "tls-cipher-suites"], ControllerManager: ["tls-min-version", "tls-cipher-suites"],
            Scheduler: ["tls-min-version", "tls-cipher-suites"], Kubelet: ["tlsMinVersion", "tlsCipherSuites"]),
        [nameof(KubeadmHardening.TerminatedPodGc)] = new(ControllerManager: ["terminated-pod-gc-threshold"]),
    };

    public static TheoryData<string, string> Switches()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in BySwitch.Keys)
            foreach (var version in new[] { "1.30.14", "1.33.5" })
                data.Add(name, version);
        return data;
    }

    [Fact]
    public void Every_switch_defaults_to_on_and_is_covered_here()
    {
        var switches = typeof(KubeadmHardening).GetProperties().Where(p => p.PropertyType == typeof(bool)).ToList();
        Assert.Equal(switches.Select(p => p.Name).Order(), BySwitch.Keys.Order());
        Assert.All(switches, p => Assert.True((bool)p.GetValue(new KubeadmHardening())!, p.Name));
    }

    [Theory]
    [MemberData(nameof(Switches))]
    public void A_switch_on_adds_its_settings_and_off_removes_them(string name, string version)
    {
        var owned = BySwitch[name];
        var on = Observe(new KubeadmHardening(), version);
        var off = Observe(Without(name), version);

        AssertOwned(owned.ApiServer, on.ApiServer, off.ApiServer);
        AssertOwned(owned.ControllerManager, on.ControllerManager, off.ControllerManager);
        AssertOwned(owned.Scheduler, on.Scheduler, off.Scheduler);
        AssertOwned(owned.Volumes, on.Volumes, off.Volumes);
        AssertOwned(owned.Kubelet, on.Kubelet, off.Kubelet);
        AssertOwned(owned.AdmissionPlugins, on.AdmissionPlugins, off.AdmissionPlugins);
        AssertOwned(owned.AdmissionConfigPlugins, on.AdmissionConfigPlugins, off.AdmissionConfigPlugins);
    }

    [Fact]
    public void With_every_switch_off_only_kubeadm_defaults_and_the_platform_layout_remain()
    {
        var none = BySwitch.Keys.Aggregate(new KubeadmHardening(), (h, name) => Without(name, h));
        var docs = Init("1.33.5", none);

        // But the encryption configuration, which then writes plain.
        Assert.Equal(new Dictionary<string, string>
        {
            ["encryption-provider-config"] = KubeadmPaths.EncryptionConfig,
            ["encryption-provider-config-automatic-reload"] = "true",
        }, ExtraArgs(docs[1], "apiServer"));
        Assert.Equal(["encryption-config"], ApiServerVolumes(docs[1]).Select(v => Scalar(v, "name")));
        Assert.Null(Find(docs[1], "scheduler"));
        Assert.NotNull(Find(docs[1], "apiServer.certSANs"));
        Assert.Equal(new Dictionary<string, string> { ["flex-volume-plugin-dir"] = KubeadmPaths.VolumePluginDir }, ExtraArgs(docs[1], "controllerManager"));
        Assert.Equal(new[] { "apiVersion", "kind", "cgroupDriver", "volumePluginDir" }, docs[2].Children.Keys.Select(k => ((YamlScalarNode)k).Value));
    }

    [Fact]
    public void With_encryption_at_rest_off_the_api_server_keeps_its_configuration_and_writes_plain()
    {
        var off = new KubeadmHardening { EncryptionAtRest = false };
        var cluster = Init("1.33.5", off)[1];

        Assert.Equal(KubeadmPaths.EncryptionConfig, ExtraArgs(cluster, "apiServer")["encryption-provider-config"]);
        Assert.Contains(ApiServerVolumes(cluster), v => Scalar(v, "name") == "encryption-config");
        Assert.Equal("identity", KubeadmConfigRenderer.SecretsWriter(ClusterSpec("1.33.5", off)));
        Assert.Equal("secretbox", KubeadmConfigRenderer.SecretsWriter(ClusterSpec("1.33.5")));
        Assert.Equal("aescbc", KubeadmConfigRenderer.SecretsWriter(ClusterSpec("1.33.5") with { SecretsEncryptionMigration = true }));
        var providers = (YamlSequenceNode)Find(ParseOne(KubeadmConfigRenderer.RenderEncryptionConfig(EncryptionKey, LegacyEncryptionKey, writePlain: true)), "resources")!;
        var names = ((YamlSequenceNode)((YamlMappingNode)providers.Children[0]).Children[new YamlScalarNode("providers")]).Children
            .Select(p => ((YamlScalarNode)((YamlMappingNode)p).Children.Keys.Single()).Value);
        Assert.Equal(["identity", "secretbox", "aescbc"], names);
    }

    [Fact]
    public void The_files_the_api_server_reads_when_it_starts_are_in_its_environment()
    {
        var docs = Init("1.33.5", new KubeadmHardening { PodSecurityDefaults = false });
        var envs = (YamlSequenceNode)Find(docs[1], "apiServer.extraEnvs")!;
        var byName = envs.Children.ToDictionary(e => Scalar(e, "name"), e => Scalar(e, "value"));

        Assert.Equal(KubeadmConfigRenderer.ApiServerFilesDigest(new KubeadmHardening { PodSecurityDefaults = false }), byName[KubeadmConfigRenderer.ApiServerFilesVariable]);
        Assert.NotEqual(KubeadmConfigRenderer.ApiServerFilesDigest(new KubeadmHardening()), byName[KubeadmConfigRenderer.ApiServerFilesVariable]);
        Assert.Equal("secretbox", byName[KubeadmConfigRenderer.SecretsWriterVariable]);
        // v1beta3 (before 1.31) has no extraEnvs.
        Assert.Null(Find(Init("1.30.14")[1], "apiServer.extraEnvs"));
    }

    [Theory]
    [InlineData(true, true, "NodeRestriction,EventRateLimit")]
    [InlineData(true, false, "NodeRestriction")]
    [InlineData(false, true, "EventRateLimit")]
    [InlineData(false, false, null)]
    public void Admission_plugin_list_follows_its_two_switches(bool nodeRestriction, bool eventRateLimit, string? expected)
    {
        var h = new KubeadmHardening { NodeRestriction = nodeRestriction, EventRateLimit = eventRateLimit };
        var args = ExtraArgs(Init("1.33.5", h)[1], "apiServer");

        Assert.Equal(expected, args.GetValueOrDefault("enable-admission-plugins"));
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    [InlineData(false, false, false)]
    public void Admission_config_file_and_volume_exist_when_either_plugin_needs_them(bool podSecurity, bool eventRateLimit, bool expected)
    {
        var h = new KubeadmHardening { PodSecurityDefaults = podSecurity, EventRateLimit = eventRateLimit };
        var cluster = Init("1.33.5", h)[1];

        Assert.Equal(expected, ExtraArgs(cluster, "apiServer").ContainsKey("admission-control-config-file"));
        Assert.Equal(expected, ApiServerVolumes(cluster).Any(v => Scalar(v, "name") == "admission-config"));
    }

    [Fact]
    public void Config_volumes_are_read_only_files_and_the_audit_log_folder_is_writable()
    {
        var volumes = ApiServerVolumes(Init()[1]).ToDictionary(v => Scalar(v, "name"));

        Assert.Equal(new[] { "audit-policy", "audit-log", "encryption-config", "admission-config", "event-rate-limit-config" }, volumes.Keys);
        foreach (var (name, volume) in volumes)
        {
            Assert.Equal(Scalar(volume, "hostPath"), Scalar(volume, "mountPath"));
            var log = name == "audit-log";
            Assert.Equal(log ? "false" : "true", Scalar(volume, "readOnly"));
            Assert.Equal(log ? "DirectoryOrCreate" : "File", Scalar(volume, "pathType"));
        }
        Assert.Equal(KubeadmPaths.AuditLogDir, Scalar(volumes["audit-log"], "hostPath"));
        Assert.Equal(KubeadmPaths.AuditPolicy, Scalar(volumes["audit-policy"], "hostPath"));
        Assert.Equal(KubeadmPaths.EncryptionConfig, Scalar(volumes["encryption-config"], "hostPath"));
        Assert.Equal(KubeadmPaths.AdmissionConfig, Scalar(volumes["admission-config"], "hostPath"));
        Assert.Equal(KubeadmPaths.EventRateLimitConfig, Scalar(volumes["event-rate-limit-config"], "hostPath"));
    }

    [Fact]
    public void Every_file_a_flag_names_is_mounted_into_the_api_server()
    {
        var cluster = Init()[1];
        var mounted = ApiServerVolumes(cluster).Select(v => Scalar(v, "mountPath")).ToList();
        var files = ExtraArgs(cluster, "apiServer").Values
            .Where(v => v.StartsWith(KubeadmPaths.PlatformDir + "/", StringComparison.Ordinal) || v.StartsWith(KubeadmPaths.AuditLogDir + "/", StringComparison.Ordinal));

        Assert.All(files, f => Assert.Contains(mounted, m => f == m || f.StartsWith(m + "/", StringComparison.Ordinal)));
        Assert.Contains(KubeadmPaths.EventRateLimitConfig, mounted);
    }

    private sealed record Observed(
        ISet<string> ApiServer, ISet<string> ControllerManager, ISet<string> Scheduler, ISet<string> Volumes,
        ISet<string> Kubelet, ISet<string> AdmissionPlugins, ISet<string> AdmissionConfigPlugins);

    private static Observed Observe(KubeadmHardening h, string version)
    {
        var docs = Init(version, h);
        var api = ExtraArgs(docs[1], "apiServer");
        var admissionConfig = ParseOne(KubeadmConfigRenderer.RenderAdmissionConfig(h));
        return new Observed(
            api.Keys.ToHashSet(),
            ExtraArgs(docs[1], "controllerManager").Keys.ToHashSet(),
            ExtraArgs(docs[1], "scheduler").Keys.ToHashSet(),
            ApiServerVolumes(docs[1]).Select(v => Scalar(v, "name")).ToHashSet(),
            docs[2].Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet(),
            (api.GetValueOrDefault("enable-admission-plugins") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(),
            (Find(admissionConfig, "plugins") as YamlSequenceNode)?.Children.Select(p => Scalar(p, "name")).ToHashSet() ?? []);
    }

    private static void AssertOwned(string[]? owned, ISet<string> on, ISet<string> off)
    {
        foreach (var item in owned ?? [])
        {
            Assert.Contains(item, on);
            Assert.DoesNotContain(item, off);
        }
        Assert.Equal(on.Except(owned ?? []).Order(), off.Order());
    }

    private static KubeadmHardening Without(string name, KubeadmHardening? from = null)
    {
        var copy = (from ?? new KubeadmHardening()) with { };
        typeof(KubeadmHardening).GetProperty(name)!.SetValue(copy, false);
        return copy;
    }
}
