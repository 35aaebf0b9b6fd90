using System.Collections.Immutable;
using k8s.Models;
using Platform.Components.Cluster.Kubeadm;
using Platform.Components.Tenancy;
using Platform.Renderer;
using Platform.Stacks.Configuration;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Validation;
using Platform.Tests.Validation.ConfigApi;
using static Platform.Tests.Cluster.ClusterInventories;

namespace Platform.Tests.Tenancy;

/// <summary>
/// Teams' namespaces as the stack composes them: each a labelled, annotated, protected Namespace at its Pod Security
/// level with a default-deny NetworkPolicy and DNS allowed, its ResourceQuota and LimitRange and the team's RoleBinding
/// to edit, all after the CNI and every node's registration; every namespace the platform registers declares its level;
/// and what Pod Security admission would do with a root container in a team's namespace at each tier's default,
/// evaluated from the admission configuration the control planes receive and the namespace's rendered labels.
/// </summary>
public class TenantNamespaceTests
{
    private const string CommandType = "command:remote:Command";
    private const string NamespaceType = "kubernetes:core/v1:Namespace";
    private const string Tenant = "platform-prod-tenant-payments";

    private const string Payments = """
        [{"name": "payments", "team": "payments", "owner": "payments-oncall@example.com", "group": "payments-developers",
          "quota": {"requests.cpu": "8", "requests.memory": "16Gi", "limits.memory": "32Gi", "pods": "100"},
          "labels": {"example.com/cost-centre": "cc-4711"}}]
        """;

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static IReadOnlyDictionary<string, string> Strings(object value) => Map(value).ToDictionary(kv => kv.Key, kv => (string)kv.Value);

    private static Dictionary<string, string> Config(string tier = "medium", Action<Dictionary<string, string>>? edit = null) => With(3, 1, edit: v =>
    {
        v["tier"] = tier;
        v["tenants"] = Payments;
        edit?.Invoke(v);
        TenancyConfigTests.EnterpriseBackupTarget(v);
    });

    [Fact]
    public async Task A_tenant_gets_its_namespace_policies_quota_limits_and_the_teams_binding_after_the_cluster_is_ready()
    {
        var run = await StackRunner.RunAsync(Config());
        var graph = await DependencyGraph.OfAsync(run);

        var tenant = run.Named<TenantNamespace>(Tenant);
        var ns = Map(run.Registration(NamespaceType, $"{Tenant}-namespace").Inputs["metadata"]);
        Assert.Equal("payments", ns["name"]);
        Assert.Equal(new Dictionary<string, string>
        {
            ["pod-security.kubernetes.io/enforce"] = "restricted",
            ["pod-security.kubernetes.io/enforce-version"] = "latest",
            ["pod-security.kubernetes.io/audit"] = "restricted",
            ["pod-security.kubernetes.io/warn"] = "restricted",
            ["app.kubernetes.io/managed-by"] = "platform",
            [TenantNamespace.TenantLabel] = "true",
            [TenantNamespace.TeamLabel] = "payments",
            ["example.com/cost-centre"] = "cc-4711",
        }.OrderBy(kv => kv.Key), Strings(ns["labels"]).OrderBy(kv => kv.Key));
        Assert.Equal(new Dictionary<string, string> { [TenantNamespace.OwnerAnnotation] = "payments-oncall@example.com" }, Strings(ns["annotations"]));
        // Deleting the namespace would delete the team's workloads and data.
        Assert.True(run.Options[$"{Tenant}-namespace"].Protect);

        var deny = Map(run.Registration("kubernetes:networking.k8s.io/v1:NetworkPolicy", $"{Tenant}-namespace-default-deny").Inputs["spec"]);
        Assert.Equal(new object[] { "Ingress", "Egress" }, ((ImmutableArray<object>)deny["policyTypes"]).ToArray());
        var dns = Map(run.Registration("kubernetes:networking.k8s.io/v1:NetworkPolicy", $"{Tenant}-namespace-allow-dns").Inputs["spec"]);
        var rule = Map(Assert.Single((ImmutableArray<object>)dns["egress"]));
        var peer = Map(Assert.Single((ImmutableArray<object>)rule["to"]));
        Assert.Equal("kube-system", Strings(Map(peer["namespaceSelector"])["matchLabels"])["kubernetes.io/metadata.name"]);
        Assert.Equal("kube-dns", Strings(Map(peer["podSelector"])["matchLabels"])["k8s-app"]);
        Assert.Equal(["53/UDP", "53/TCP"], ((ImmutableArray<object>)rule["ports"]).Select(p => $"{Map(p)["port"]}/{Map(p)["protocol"]}"));

        var quota = run.Registration("kubernetes:core/v1:ResourceQuota", $"{Tenant}-quota");
        Assert.Equal("payments", Map(quota.Inputs["metadata"])["namespace"]);
        Assert.Equal(new Dictionary<string, string> { ["requests.cpu"] = "8", ["requests.memory"] = "16Gi", ["limits.memory"] = "32Gi", ["pods"] = "100" },
            Strings(Map(quota.Inputs["spec"])["hard"]));
        var limits = Map(Assert.Single((ImmutableArray<object>)Map(run.Registration("kubernetes:core/v1:LimitRange", $"{Tenant}-limits").Inputs["spec"])["limits"]));
        Assert.Equal("Container", limits["type"]);
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "100m", ["memory"] = "128Mi" }, Strings(limits["defaultRequest"]));
        // The quota counts limits of memory only: only memory gets a default limit, so a container that sets just a
        // cpu request above 1 core is not refused for a defaulted cpu limit below its request.
        Assert.Equal(new Dictionary<string, string> { ["memory"] = "512Mi" }, Strings(limits["default"]));
        Assert.False(limits.ContainsKey("max"));

        var binding = run.Registration("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", $"{Tenant}-team-edit");
        Assert.Equal("payments", Map(binding.Inputs["metadata"])["namespace"]);
        Assert.Equal(new Dictionary<string, string> { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = "edit" }, Strings(binding.Inputs["roleRef"]));
        Assert.Equal(new Dictionary<string, string> { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Group", ["name"] = "payments-developers" },
            Strings(Assert.Single((ImmutableArray<object>)binding.Inputs["subjects"])));

        // After the CNI (NetworkPolicies need it) and every node's registration, like every layer after the CNI.
        foreach (var name in new[] { $"{Tenant}-namespace", $"{Tenant}-quota", $"{Tenant}-limits", $"{Tenant}-team-edit", $"{Tenant}-namespace-default-deny" })
        {
            Assert.Contains("platform-prod-cni-cilium", graph.Direct(name));
            foreach (var node in new[] { "cp-1", "cp-2", "cp-3", "worker-1" })
                Assert.Contains(Resource(node, "register"), graph.Direct(name));
        }
        Assert.NotNull(tenant);
    }

    [Fact]
    public async Task A_tenant_is_part_of_the_core_so_switching_non_root_containers_off_keeps_it_at_baseline()
    {
        var run = await StackRunner.RunAsync(Config(edit: v => v["capabilities"] = """{"nonRootContainers": false}"""));

        var ns = Map(run.Registration(NamespaceType, $"{Tenant}-namespace").Inputs["metadata"]);
        Assert.Equal("baseline", Strings(ns["labels"])["pod-security.kubernetes.io/enforce"]);
        Assert.Equal("restricted", Strings(ns["labels"])["pod-security.kubernetes.io/warn"]);
    }

    [Fact]
    public async Task A_tenant_below_the_cluster_level_carries_its_reason()
    {
        var run = await StackRunner.RunAsync(Config(edit: v => v["tenants"] = """
            [{"name": "payments", "team": "payments", "owner": "o@example.com", "podSecurity": "baseline",
              "podSecurityReason": "the vendor agent runs as root", "quota": {"pods": "10"}}]
            """));

        var ns = Map(run.Registration(NamespaceType, $"{Tenant}-namespace").Inputs["metadata"]);
        Assert.Equal("baseline", Strings(ns["labels"])["pod-security.kubernetes.io/enforce"]);
        Assert.Equal("the vendor agent runs as root", Strings(ns["annotations"])[TenantNamespace.PodSecurityReasonAnnotation]);
        Assert.Equal("payments", Strings(Assert.Single((ImmutableArray<object>)run.Registration("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", $"{Tenant}-team-edit").Inputs["subjects"]))["name"]);
    }

    public static TheoryData<string> Stacks() => [.. StrictStacks.All.Keys];

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Every_namespace_the_platform_registers_declares_its_pod_security_level(string stack)
    {
        var run = await StackRunner.RunAsync(StrictStacks.All[stack].Config());
        var settings = PlatformSettingsLoader.Load(new DictionaryConfigSource(StrictStacks.All[stack].Config()));
        var tenants = settings.Tenants.Select(t => t.Name).ToHashSet();

        var namespaces = run.RegistrationsOf(NamespaceType);
        Assert.NotEmpty(namespaces);
        foreach (var registration in namespaces)
        {
            var metadata = Map(registration.Inputs["metadata"]);
            var labels = Strings(metadata["labels"]);
            Assert.True(labels.TryGetValue("pod-security.kubernetes.io/enforce", out var level), $"{registration.Name} has no enforce label");
            Assert.Contains(level, new[] { "privileged", "baseline", "restricted" });
            Assert.Equal("latest", labels["pod-security.kubernetes.io/enforce-version"]);
            Assert.Equal("restricted", labels["pod-security.kubernetes.io/audit"]);
            Assert.Equal("restricted", labels["pod-security.kubernetes.io/warn"]);
            // A platform namespace is one a tenant may not take, so a new layer's namespace must be listed there.
            var name = (string)metadata["name"];
            Assert.True(tenants.Contains(name) || PlatformNamespaceNames.IsReserved(name), $"{name} is not in PlatformNamespaceNames.Reserved");
        }
        // Helm releases go into registered namespaces or Kubernetes' own.
        foreach (var release in run.RegistrationsOf("kubernetes:helm.sh/v3:Release"))
            Assert.True(PlatformNamespaceNames.IsReserved((string)release.Inputs["namespace"]), $"{release.Name} installs into {release.Inputs["namespace"]}");
        Assert.Equal(tenants.Count, run.All<TenantNamespace>().Count);
    }

    /// <summary>A pod whose container runs as root with no security settings, as most images from public registries do.</summary>
    private static V1Pod RootPod() => new()
    {
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "nginx:1.29", SecurityContext = new V1SecurityContext { RunAsUser = 0 } }] },
    };

    /// <summary>The same container set up as restricted asks.</summary>
    private static V1Pod RestrictedPod() => new()
    {
        Spec = new V1PodSpec
        {
            SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = 101, SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" } },
            Containers =
            [
                new V1Container
                {
                    Name = "app", Image = "nginxinc/nginx-unprivileged:1.29",
                    SecurityContext = new V1SecurityContext { AllowPrivilegeEscalation = false, Capabilities = new V1Capabilities { Drop = ["ALL"] } },
                },
            ],
        },
    };

    private static async Task<(PodSecurityConfiguration Config, IReadOnlyDictionary<string, string> TenantLabels)> RenderedAdmission(Dictionary<string, string> config)
    {
        var run = await StackRunner.RunAsync(config);
        var files = (string)run.Registration(CommandType, Resource("cp-2", "files")).Inputs["stdin"];
        var admission = ConfigDocuments.DecodeSingle<AdmissionConfiguration>(NodeFilePayload.Content(files, KubeadmPaths.AdmissionConfig), "1.36");
        var podSecurity = Assert.IsType<PodSecurityConfiguration>(Assert.Single(admission.Plugins!, p => p.Name == "PodSecurity").Configuration);
        var labels = Strings(Map(run.Registration(NamespaceType, $"{Tenant}-namespace").Inputs["metadata"])["labels"]);
        return (podSecurity, labels);
    }

    [Theory]
    // Medium and enterprise enforce restricted: the root container is rejected, in the team's namespace and in any
    // namespace without a level of its own.
    [InlineData("medium", null, true)]
    [InlineData("enterprise", null, true)]
    // Small enforces baseline, which allows root (the API server warns and audits at restricted), unless switched.
    [InlineData("small", null, false)]
    [InlineData("small", """{"enforce": "restricted"}""", true)]
    public async Task A_root_container_in_a_teams_namespace_meets_each_tiers_default(string tier, string? podSecurity, bool rejected)
    {
        var (config, labels) = await RenderedAdmission(Config(tier, v => ValidConfig.Set(v, "podSecurity", podSecurity)));

        Assert.Equal(rejected ? PodSecurityLevel.Restricted : PodSecurityLevel.Baseline, config.Defaults.Enforce);
        Assert.Equal(PodSecurityLevel.Restricted, config.Defaults.Warn);
        Assert.Equal(PodSecurityLevel.Restricted, config.Defaults.Audit);
        Assert.Equal(rejected, PodSecurityAdmissionCheck.Rejections(config, "payments", labels, RootPod()).Count > 0);
        Assert.Equal(rejected, PodSecurityAdmissionCheck.Rejections(config, "default", new Dictionary<string, string>(), RootPod()).Count > 0);
        if (rejected)
            Assert.Contains("app: runAsNonRoot is not true", PodSecurityAdmissionCheck.Rejections(config, "payments", labels, RootPod()));
        // Restricted admits the same workload set up as it asks, and never warns about it.
        Assert.Empty(PodSecurityAdmissionCheck.Rejections(config, "payments", labels, RestrictedPod()));
        Assert.Empty(RestrictedPodSecurity.Violations(RestrictedPod().Spec.SecurityContext, RestrictedPod().Spec.Containers[0].SecurityContext));
        // Baseline still rejects what it forbids: a privileged container.
        var privileged = RootPod();
        privileged.Spec.Containers[0].SecurityContext.Privileged = true;
        Assert.NotEmpty(PodSecurityAdmissionCheck.Rejections(config, "payments", labels, privileged));
    }

    [Fact]
    public async Task Exemptions_named_in_config_let_a_root_container_through_and_nothing_else()
    {
        var (config, labels) = await RenderedAdmission(Config("enterprise", v => v["podSecurity"] = """
            {"exemptions": {"usernames": {"system:serviceaccount:ci:builder": "rootless BuildKit"},
                            "runtimeClasses": {"kata-vm": "own kernel"}, "namespaces": {"legacy": "vendor image"}}}
            """));

        Assert.Equal(["kube-system", "legacy"], config.Exemptions.Namespaces);
        Assert.Equal(["system:serviceaccount:ci:builder"], config.Exemptions.Usernames);
        Assert.Equal(["kata-vm"], config.Exemptions.RuntimeClasses);
        Assert.Empty(PodSecurityAdmissionCheck.Rejections(config, "legacy", new Dictionary<string, string>(), RootPod()));
        Assert.Empty(PodSecurityAdmissionCheck.Rejections(config, "payments", labels, RootPod(), username: "system:serviceaccount:ci:builder"));
        var kata = RootPod();
        kata.Spec.RuntimeClassName = "kata-vm";
        Assert.Empty(PodSecurityAdmissionCheck.Rejections(config, "payments", labels, kata));
        Assert.NotEmpty(PodSecurityAdmissionCheck.Rejections(config, "payments", labels, RootPod()));
    }

    [Fact]
    public async Task Pod_security_defaults_switched_off_with_non_root_containers_on_is_warned_about()
    {
        var off = await StackRunner.RunAsync(Config("enterprise", v => v["hardeningExceptions"] = """{"podSecurityDefaults": "the reason"}"""));
        var warning = Assert.Single(off.Single<Platform.Stacks.PlatformStack>().Warnings, w => w.Contains("podSecurityDefaults", StringComparison.Ordinal));
        Assert.StartsWith("platform:hardeningExceptions.podSecurityDefaults leaves the API servers without Pod Security defaults", warning, StringComparison.Ordinal);
        Assert.Contains("enforces nothing instead of restricted", warning, StringComparison.Ordinal);
        // The team's namespace keeps its level.
        Assert.Equal("restricted", Strings(Map(off.Registration(NamespaceType, $"{Tenant}-namespace").Inputs["metadata"])["labels"])["pod-security.kubernetes.io/enforce"]);

        var on = await StackRunner.RunAsync(Config("enterprise"));
        Assert.DoesNotContain(on.Single<Platform.Stacks.PlatformStack>().Warnings, w => w.Contains("podSecurityDefaults", StringComparison.Ordinal));
        var capabilityOff = await StackRunner.RunAsync(Config("small", v =>
        {
            v["hardeningExceptions"] = """{"podSecurityDefaults": "the reason"}""";
            v["capabilities"] = """{"nonRootContainers": false}""";
        }));
        Assert.DoesNotContain(capabilityOff.Single<Platform.Stacks.PlatformStack>().Warnings, w => w.Contains("podSecurityDefaults", StringComparison.Ordinal));
    }

    private static object[] ReconfigureTriggers(StackRun run) =>
        ((ImmutableArray<object>)run.Registration(CommandType, Resource("cp-2", "reconfigure")).Inputs["triggers"]).ToArray();

    [Fact]
    public async Task A_change_of_level_or_exemptions_rolls_out_to_the_api_servers_through_their_reconfigure_steps()
    {
        var restricted = await StackRunner.RunAsync(Config("medium"));
        var baseline = await StackRunner.RunAsync(Config("medium", v => v["podSecurity"] = """{"enforce": "baseline"}"""));
        var exempt = await StackRunner.RunAsync(Config("medium", v => v["podSecurity"] = """{"exemptions": {"namespaces": {"a": "x", "b": "y"}}}"""));
        var exemptReordered = await StackRunner.RunAsync(Config("medium", v => v["podSecurity"] = """{"exemptions": {"namespaces": {"b": "y", "a": "x"}}}"""));

        // The control-plane fingerprint covers the API server's files digest, which covers the admission configuration.
        Assert.NotEqual(ReconfigureTriggers(restricted)[0], ReconfigureTriggers(baseline)[0]);
        Assert.NotEqual(ReconfigureTriggers(restricted)[0], ReconfigureTriggers(exempt)[0]);
        // The kubelets' fingerprint is untouched, and the order of exemptions in the configuration restarts nothing.
        Assert.Equal(ReconfigureTriggers(restricted)[1], ReconfigureTriggers(baseline)[1]);
        Assert.Equal(ReconfigureTriggers(exempt), ReconfigureTriggers(exemptReordered));

        var spec = Platform.Tests.Cluster.Kubeadm.KubeadmDocuments.ClusterSpec("1.36.5");
        string Fingerprint(Platform.Components.Networking.PodSecurityLevel level) =>
            ReconfigureFingerprints.ControlPlane(spec with { Hardening = new KubeadmHardening { PodSecurity = new PodSecurityAdmission { Enforce = level } } });
        Assert.NotEqual(Fingerprint(Platform.Components.Networking.PodSecurityLevel.Baseline), Fingerprint(Platform.Components.Networking.PodSecurityLevel.Restricted));
    }
}
