using Platform.Components.Networking;
using Platform.Components.Tenancy;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Composition;
using Platform.Stacks.Configuration;
using Platform.Tests.Configuration;

namespace Platform.Tests.Tenancy;

/// <summary><c>platform:tenants</c> and <c>platform:podSecurity</c>: what a valid value gives, the tier's Pod Security
/// level, and a clear error naming the field and the fix for every bad value, before anything is registered.</summary>
public class TenancyConfigTests
{
    private const string Quota = """{"requests.cpu": "4", "requests.memory": "8Gi", "limits.memory": "16Gi", "pods": 50}""";

    private static string Tenant(string extra = "", string name = "payments", string quota = Quota) =>
        $$"""{"name": "{{name}}", "team": "payments", "owner": "payments@example.com", "quota": {{quota}}{{extra}}}""";

    private static string Tenants(params string[] tenants) => $"[{string.Join(", ", tenants)}]";

    private static PlatformConfigException Problems(Action<Dictionary<string, string>> edit)
    {
        // Loading and the checks that need the capability decisions, as the stack runs them.
        var values = ValidConfig.Values();
        edit(values);
        EnterpriseBackupTarget(values);
        var source = new DictionaryConfigSource(Harness.StackRunner.WithoutUnconfiguredLayers(values));
        return Assert.Throws<PlatformConfigException>(() =>
        {
            var settings = PlatformSettingsLoader.Load(source);
            LayerRequirements.Check(settings, CapabilityResolver.Resolve(CapabilityMatrix.Default, settings), source);
        });
    }

    private static (PlatformSettings Settings, IReadOnlyList<CapabilityDecision> Decisions) Load(Action<Dictionary<string, string>> edit)
    {
        var values = ValidConfig.Values();
        edit(values);
        EnterpriseBackupTarget(values);
        var source = new DictionaryConfigSource(Harness.StackRunner.WithoutUnconfiguredLayers(values));
        var settings = PlatformSettingsLoader.Load(source);
        var decisions = CapabilityResolver.Resolve(CapabilityMatrix.Default, settings);
        LayerRequirements.Check(settings, decisions, source);
        return (settings, decisions);
    }

    /// <summary>The enterprise tier's mandatory backups need a target: an external one, as these stacks have no storage.</summary>
    internal static void EnterpriseBackupTarget(Dictionary<string, string> values)
    {
        // The enterprise tier's secret management is a Vault server, which needs its key holders' PGP keys and volumes:
        // these stacks keep secrets with SOPS unless they say otherwise (tests/Secrets covers the Vault variant).
        if (values.GetValueOrDefault("tier") == "enterprise") values.TryAdd("secretManagement", """{"provider": "sops"}""");
        if (values.GetValueOrDefault("tier") != "enterprise" || values.ContainsKey("backup")) return;
        values["backup"] = Platform.Tests.Backup.BackupConfigTests.S3;
        values["backupCredentials"] = Platform.Tests.Backup.BackupConfigTests.Credentials;
    }

    [Fact]
    public void Unset_there_are_no_tenants_and_no_pod_security_settings()
    {
        var (settings, _) = Load(_ => { });

        Assert.Empty(settings.Tenants);
        Assert.False(settings.PodSecurity.IsSet);
        Assert.Empty(Load(v => v["tenants"] = PlatformConfigKeys.Tenants.Default!).Settings.Tenants);
        Assert.False(Load(v => v["podSecurity"] = PlatformConfigKeys.PodSecurity.Default!).Settings.PodSecurity.IsSet);
    }

    [Fact]
    public void A_tenant_is_read_with_every_field_and_the_documented_defaults()
    {
        var minimal = Assert.Single(Load(v => v["tenants"] = Tenants(Tenant())).Settings.Tenants);
        Assert.Equal(("payments", "payments", "payments@example.com", "payments"), (minimal.Name, minimal.Team, minimal.Owner, minimal.EffectiveGroup));
        Assert.Null(minimal.PodSecurity);
        Assert.Equal(new Dictionary<string, string> { ["requests.cpu"] = "4", ["requests.memory"] = "8Gi", ["limits.memory"] = "16Gi", ["pods"] = "50" }, minimal.Quota);
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "100m", ["memory"] = "128Mi" }, minimal.LimitRange.DefaultRequest);
        Assert.Equal(new Dictionary<string, string> { ["memory"] = "512Mi" }, minimal.LimitRange.Default);
        Assert.Empty(minimal.LimitRange.Max);
        Assert.Empty(minimal.Labels);

        var full = Assert.Single(Load(v => v["tenants"] = Tenants(Tenant("""
            , "group": "payments-developers", "podSecurity": "Baseline", "podSecurityReason": "a vendor agent",
            "limitRange": {"defaultRequest": {"cpu": "250m"}, "default": {"cpu": "2", "memory": "1Gi"}, "max": {"memory": "8Gi"}, "min": {"cpu": "10m"}},
            "labels": {"example.com/cost-centre": "cc-4711", "tier": ""}
            """))).Settings.Tenants);
        Assert.Equal("payments-developers", full.EffectiveGroup);
        Assert.Equal(PodSecurityLevel.Baseline, full.PodSecurity);
        Assert.Equal("a vendor agent", full.PodSecurityReason);
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "250m" }, full.LimitRange.DefaultRequest);
        Assert.Equal(new Dictionary<string, string> { ["memory"] = "8Gi" }, full.LimitRange.Max);
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "10m" }, full.LimitRange.Min);
        Assert.Equal(new Dictionary<string, string> { ["example.com/cost-centre"] = "cc-4711", ["tier"] = "" }, full.Labels);
    }

    [Theory]
    [InlineData("small", null, PodSecurityLevel.Baseline)]
    [InlineData("medium", null, PodSecurityLevel.Restricted)]
    [InlineData("enterprise", null, PodSecurityLevel.Restricted)]
    // Switched: the small tier enforces restricted when asked to, and the capability off leaves baseline.
    [InlineData("small", """{"enforce": "restricted"}""", PodSecurityLevel.Restricted)]
    [InlineData("enterprise", """{"enforce": "baseline"}""", PodSecurityLevel.Baseline)]
    public void The_cluster_level_follows_the_tier_unless_switched(string tier, string? podSecurity, PodSecurityLevel expected)
    {
        var (settings, decisions) = Load(v =>
        {
            v["tier"] = tier;
            ValidConfig.Set(v, "podSecurity", podSecurity);
            v["tenants"] = Tenants(Tenant());
        });

        Assert.Equal(expected, ClusterPodSecurity.DefaultLevel(settings, decisions));
        Assert.Equal(expected, ClusterPodSecurity.Admission(settings, decisions).Enforce);
        // A tenant without its own level takes the cluster's.
        Assert.Equal(expected, ClusterPodSecurity.TenantLevel(settings.Tenants[0], settings, decisions));
    }

    [Theory]
    [InlineData("small")]
    [InlineData("medium")]
    [InlineData("enterprise")]
    public void With_non_root_containers_off_every_tier_enforces_baseline(string tier)
    {
        var (settings, decisions) = Load(v => { v["tier"] = tier; v["capabilities"] = """{"nonRootContainers": false}"""; });

        Assert.False(ClusterPodSecurity.NonRootContainers(decisions));
        Assert.Equal(PodSecurityLevel.Baseline, ClusterPodSecurity.DefaultLevel(settings, decisions));
    }

    [Fact]
    public void Exemptions_are_read_with_their_reasons()
    {
        var (settings, decisions) = Load(v => v["podSecurity"] = """
            {"exemptions": {"usernames": {"system:serviceaccount:ci:builder": "rootless BuildKit"},
                            "runtimeClasses": {"kata-vm": "own kernel"}, "namespaces": {"legacy": "vendor image"}}}
            """);

        Assert.Equal("rootless BuildKit", settings.PodSecurity.ExemptUsernames["system:serviceaccount:ci:builder"]);
        var admission = ClusterPodSecurity.Admission(settings, decisions);
        Assert.Equal(["system:serviceaccount:ci:builder"], admission.ExemptUsernames);
        Assert.Equal(["kata-vm"], admission.ExemptRuntimeClasses);
        Assert.Equal(["kube-system", "legacy"], admission.AllExemptNamespaces);
    }

    [Fact]
    public void A_tenant_may_ask_for_a_higher_level_without_a_reason()
    {
        var (settings, decisions) = Load(v => { v["tier"] = "small"; v["tenants"] = Tenants(Tenant(""", "podSecurity": "restricted" """)); });

        Assert.Equal(PodSecurityLevel.Restricted, ClusterPodSecurity.TenantLevel(settings.Tenants[0], settings, decisions));
    }

    public static TheoryData<string, string, string> BadTenants() => new()
    {
        // Names.
        { Tenants(Tenant(name: "Payments")), "platform:tenants[0].name", "'Payments' is not a namespace name: use a DNS-1123 label" },
        { Tenants(Tenant(name: "pay_ments")), "platform:tenants[0].name", "is not a namespace name" },
        { Tenants(Tenant(name: new string('a', 64))), "platform:tenants[0].name", "is not a namespace name" },
        { Tenants(Tenant(), Tenant()), "platform:tenants[1].name", "'payments' is already the name of platform:tenants[0]" },
        { Tenants(Tenant(), """{"name": "payments-batch", "team": "Payments", "owner": "o", "quota": {"pods": "1"}}"""), "platform:tenants[1].team",
            "'Payments' differs from the team 'payments' of platform:tenants[0] only in case" },
        { Tenants(Tenant(name: "kube-tools")), "platform:tenants[0].name", "'kube-tools' is Kubernetes' own namespace; a team namespace cannot take it" },
        { Tenants(Tenant(name: "default")), "platform:tenants[0].name", "'default' is Kubernetes' own namespace" },
        { Tenants(Tenant(name: "cert-manager")), "platform:tenants[0].name", "'cert-manager' is a namespace of the platform's layers" },
        { Tenants(Tenant(name: "monitoring")), "platform:tenants[0].name", "a namespace of the platform's layers" },
        { Tenants(Tenant(name: "calico-system")), "platform:tenants[0].name", "a namespace of the platform's layers" },
        // Required fields and their shapes.
        { Tenants("""{"name": "payments", "owner": "o", "quota": {"pods": "1"}}"""), "platform:tenants[0].team", "is missing." },
        { Tenants("""{"name": "payments", "team": "payments", "quota": {"pods": "1"}}"""), "platform:tenants[0].owner", "is missing." },
        { Tenants(Tenant(""", "owner2": "x" """)), "platform:tenants[0].owner2", "unknown field 'owner2'" },
        { Tenants("""{"name": "payments", "team": "pay ments", "owner": "o", "quota": {"pods": "1"}}"""), "platform:tenants[0].team", "is not usable as the value of the platform/team label" },
        { Tenants(Tenant(""", "group": " devs" """)), "platform:tenants[0].group", "is not a group name" },
        { """{"name": "payments"}""", "platform:tenants", "is an object, not a list." },
        { "[\"payments\"]", "platform:tenants[0]", "is a string, not an object." },
        // Pod Security.
        { Tenants(Tenant(""", "podSecurity": "restrictd" """)), "platform:tenants[0].podSecurity", "\"restrictd\" is not a Pod Security level (did you mean 'restricted'?). Use privileged, baseline or restricted" },
        { Tenants(Tenant(""", "podSecurity": "baseline" """)), "platform:tenants[0].podSecurity", "baseline is below the cluster's level (restricted) and needs a reason: add \"podSecurityReason\"" },
        { Tenants(Tenant(""", "podSecurity": "privileged", "podSecurityReason": " " """)), "platform:tenants[0].podSecurityReason", "is empty." },
        // Quota.
        { Tenants("""{"name": "payments", "team": "payments", "owner": "o"}"""), "platform:tenants[0].quota", "is missing: without a quota a team's namespace can take the whole cluster" },
        { Tenants(Tenant(quota: "{}")), "platform:tenants[0].quota", "is empty" },
        { Tenants(Tenant(quota: """{"requests.cpu": "4 cores"}""")), "platform:tenants[0].quota[\"requests.cpu\"]", "\"4 cores\" is not a Kubernetes quantity" },
        { Tenants(Tenant(quota: """{"requests.memory": "8GB"}""")), "platform:tenants[0].quota[\"requests.memory\"]", "\"8GB\" is not a Kubernetes quantity" },
        { Tenants(Tenant(quota: """{"pods": true}""")), "platform:tenants[0].quota.pods", "true is not a Kubernetes quantity" },
        { Tenants(Tenant(quota: """{"pods": "-1"}""")), "platform:tenants[0].quota.pods", "is negative" },
        { Tenants(Tenant(quota: """{"requests cpu": "1"}""")), "platform:tenants[0].quota[\"requests cpu\"]", "is not a ResourceQuota resource name" },
        // Limit range.
        { Tenants(Tenant(""", "limitRange": {"max": {"memory": "lots"}} """)), "platform:tenants[0].limitRange.max.memory", "\"lots\" is not a Kubernetes quantity" },
        { Tenants(Tenant(""", "limitRange": {"max": {"gpu": "1"}} """)), "platform:tenants[0].limitRange.max.gpu", "'gpu' is not a container resource" },
        { Tenants(Tenant(""", "limitRange": {"max": {"memory": "256Mi"}} """)), "platform:tenants[0].limitRange", "memory: default 512Mi is more than max 256Mi" },
        { Tenants(Tenant(""", "limitRange": {"defaulRequest": {}} """)), "platform:tenants[0].limitRange.defaulRequest", "unknown field 'defaulRequest' (did you mean 'defaultRequest'?)" },
        { Tenants(Tenant(""", "limitRange": {"defaultRequest": {"memory": "64Mi"}, "default": {"memory": "512Mi"}} """)), "platform:tenants[0].limitRange.defaultRequest", "has no cpu, but the quota limits requests of cpu" },
        { Tenants(Tenant(""", "limitRange": {"default": {"cpu": "1"}} """)), "platform:tenants[0].limitRange.default", "has no memory, but the quota limits limits.memory" },
        // Labels.
        { Tenants(Tenant(""", "labels": {"example.com/cost centre": "x"} """)), "platform:tenants[0].labels[\"example.com/cost centre\"]", "is not a valid key" },
        { Tenants(Tenant(""", "labels": {"Example.com/cost": "x"} """)), "platform:tenants[0].labels[\"Example.com/cost\"]", "must be a lowercase DNS subdomain" },
        { Tenants(Tenant(""", "labels": {"cost": "not a value"} """)), "platform:tenants[0].labels.cost", "'not a value' is not a valid value" },
        { Tenants(Tenant(""", "labels": {"cost": 4711} """)), "platform:tenants[0].labels.cost", "Label values are strings" },
        { Tenants(Tenant(""", "labels": {"pod-security.kubernetes.io/enforce": "privileged"} """)), "platform:tenants[0].labels[\"pod-security.kubernetes.io/enforce\"]", "is a key Kubernetes or the platform sets" },
        { Tenants(Tenant(""", "labels": {"platform/team": "other"} """)), "platform:tenants[0].labels[\"platform/team\"]", "is a key Kubernetes or the platform sets" },
    };

    [Theory]
    [MemberData(nameof(BadTenants))]
    public void A_bad_tenant_is_reported_with_its_field_and_the_fix(string tenants, string key, string message)
    {
        var problem = Assert.Single(Problems(v => v["tenants"] = tenants).Problems);

        Assert.Equal(key, problem.Key);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"enforce": "strict"}""", "platform:podSecurity.enforce", "\"strict\" is not a Pod Security level")]
    [InlineData("""{"exemptions": {"namespaces": {"legacy": ""}}}""", "platform:podSecurity.exemptions.namespaces.legacy", "has no reason (\"\"). Every exemption from Pod Security needs one")]
    [InlineData("""{"exemptions": {"usernames": {"ci-bot": true}}}""", "platform:podSecurity.exemptions.usernames[\"ci-bot\"]", "has no reason (true)")]
    [InlineData("""{"exemptions": {"runtimeClasses": {"Kata": "own kernel"}}}""", "platform:podSecurity.exemptions.runtimeClasses.Kata", "'Kata' is not a RuntimeClass name")]
    [InlineData("""{"exemptions": {"namespaces": {"legacy.apps": "x"}}}""", "platform:podSecurity.exemptions.namespaces[\"legacy.apps\"]", "is not a namespace name")]
    [InlineData("""{"exemptions": {"namespaces": {"kube-system": "x"}}}""", "platform:podSecurity.exemptions.namespaces[\"kube-system\"]", "kube-system is always exempt")]
    [InlineData("""{"exemptions": {"namespaces": ["legacy"]}}""", "platform:podSecurity.exemptions.namespaces", "is a list, not an object of names to reasons")]
    [InlineData("""{"exemptions": {"groups": {"x": "y"}}}""", "platform:podSecurity.exemptions.groups", "unknown field 'groups'")]
    [InlineData("""{"level": "restricted"}""", "platform:podSecurity.level", "unknown field 'level'")]
    [InlineData("\"restricted\"", "platform:podSecurity", "is a string, not an object.")]
    public void A_bad_pod_security_value_is_reported_with_its_field_and_the_fix(string podSecurity, string key, string message)
    {
        var problem = Assert.Single(Problems(v => v["podSecurity"] = podSecurity).Problems);

        Assert.Equal(key, problem.Key);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pod_security_settings_that_cannot_take_effect_are_errors()
    {
        var off = Assert.Single(Problems(v =>
        {
            v["capabilities"] = """{"nonRootContainers": false}""";
            v["podSecurity"] = """{"enforce": "restricted"}""";
        }).Problems);
        Assert.Equal("platform:podSecurity.enforce", off.Key);
        Assert.Contains("the nonRootContainers capability is off", off.Message, StringComparison.Ordinal);
        Assert.Contains("platform:capabilities.nonRootContainers' true", off.Message, StringComparison.Ordinal);

        var noDefaults = Assert.Single(Problems(v =>
        {
            v["hardeningExceptions"] = """{"podSecurityDefaults": "the reason"}""";
            v["podSecurity"] = """{"exemptions": {"namespaces": {"legacy": "vendor image"}}}""";
        }).Problems);
        Assert.Equal("platform:podSecurity", noDefaults.Key);
        Assert.Contains("the hardening switch podSecurityDefaults is off", noDefaults.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_tenant_field_is_reported_at_once()
    {
        var problems = Problems(v => v["tenants"] = Tenants(
            """{"name": "Bad", "team": "payments", "owner": "o", "quota": {"pods": "x"}}""",
            """{"name": "kube-x", "team": "t", "owner": "o", "quota": {"pods": "1"}, "labels": {"k8s.io/x": "y"}}""")).Problems;

        Assert.Equal(
            ["platform:tenants[0].name", "platform:tenants[0].quota.pods", "platform:tenants[1].name", "platform:tenants[1].labels[\"k8s.io/x\"]"],
            problems.Select(p => p.Key));
    }

    [Theory]
    [InlineData("500m", 0.5)]
    [InlineData("2", 2)]
    [InlineData("1.5Gi", 1.5 * 1024 * 1024 * 1024)]
    [InlineData("128Mi", 128 * 1024 * 1024)]
    [InlineData("1e3", 1000)]
    [InlineData("1E-3", 0.001)]
    [InlineData(".5", 0.5)]
    [InlineData("2.", 2)]
    [InlineData("+3k", 3000)]
    [InlineData("4G", 4e9)]
    public void Quantities_are_read_as_kubernetes_reads_them(string text, double expected)
    {
        Assert.Equal(expected, KubernetesQuantity.Value(text)!.Value, 6);
        // KubernetesClient's own parser (a port of apimachinery's) reads the same value.
        Assert.Equal(expected, (double)new k8s.Models.ResourceQuantity(text).ToDecimal(), 6);
    }

    [Theory]
    [InlineData("8GB")]
    [InlineData("4 cores")]
    [InlineData("1Ki5")]
    [InlineData("")]
    [InlineData("Mi")]
    [InlineData("1.2.3")]
    [InlineData("1ki")]
    public void Text_that_is_not_a_quantity_is_refused(string text)
    {
        Assert.Null(KubernetesQuantity.Value(text));
    }
}
