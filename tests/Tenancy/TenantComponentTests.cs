using Platform.Components.Networking;
using Platform.Components.Tenancy;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Testing;

namespace Platform.Tests.Tenancy;

/// <summary>The components on their own: a platform namespace's extra labels, annotations and protection, and what
/// they refuse (labels the platform sets, a tenant without a quota or with quantities Kubernetes would not take).</summary>
public class TenantComponentTests
{
    private static readonly TestOptions Run = new() { IsPreview = true, ProjectName = "platform", StackName = "test" };

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static async Task<PlatformMocks> Create(Action create)
    {
        var mocks = new PlatformMocks();
        await Deployment.TestAsync(mocks.Mock.Object, Run, create);
        return mocks;
    }

    private static TenantOptions Tenant() => new()
    {
        Name = "payments",
        Team = "payments",
        Owner = "o@example.com",
        Quota = new Dictionary<string, string> { ["pods"] = "10" },
    };

    [Fact]
    public async Task A_platform_namespace_takes_extra_labels_and_annotations_and_can_be_protected()
    {
        var mocks = await Create(() => _ = new PlatformNamespace("ns", new PlatformNamespaceArgs
        {
            Name = "team-a",
            Labels = new Dictionary<string, string> { ["example.com/cost-centre"] = "cc-1" },
            Annotations = new Dictionary<string, string> { ["platform/owner"] = "a@example.com" },
            Protect = true,
        }));

        var ns = Assert.Single(mocks.Registrations, r => r.Type == "kubernetes:core/v1:Namespace");
        var metadata = Map(ns.Inputs["metadata"]);
        Assert.Equal("cc-1", Map(metadata["labels"])["example.com/cost-centre"]);
        Assert.Equal("restricted", Map(metadata["labels"])["pod-security.kubernetes.io/enforce"]);
        Assert.Equal("a@example.com", Map(metadata["annotations"])["platform/owner"]);

        var plain = await Create(() => _ = new PlatformNamespace("ns", new PlatformNamespaceArgs { Name = "team-b" }));
        Assert.False(Map(Assert.Single(plain.Registrations, r => r.Type == "kubernetes:core/v1:Namespace").Inputs["metadata"]).ContainsKey("annotations"));
    }

    [Fact]
    public async Task A_platform_namespace_refuses_a_label_that_would_replace_its_pod_security_level()
    {
        var error = await Assert.ThrowsAsync<RunException>(() => Create(() => _ = new PlatformNamespace("ns", new PlatformNamespaceArgs
        {
            Name = "team-a",
            Labels = new Dictionary<string, string> { ["pod-security.kubernetes.io/enforce"] = "privileged" },
        })));
        Assert.Contains("label pod-security.kubernetes.io/enforce is the platform's own", error.Message);
    }

    [Theory]
    [InlineData("empty quota")]
    [InlineData("bad quantity")]
    [InlineData("limits out of order")]
    [InlineData("quota on limits without a default limit")]
    public async Task A_tenant_namespace_refuses_what_kubernetes_would(string problem)
    {
        var tenant = problem switch
        {
            "quota on limits without a default limit" => Tenant() with { Quota = new Dictionary<string, string> { ["limits.memory"] = "8Gi" }, LimitRange = new TenantLimitRange() },
            "empty quota" => Tenant() with { Quota = new Dictionary<string, string>() },
            "bad quantity" => Tenant() with { Quota = new Dictionary<string, string> { ["requests.memory"] = "8GB" } },
            _ => Tenant() with { LimitRange = new TenantLimitRange { Max = new Dictionary<string, string> { ["memory"] = "64Mi" } } },
        };

        var error = await Assert.ThrowsAsync<RunException>(() => Create(() =>
            _ = new TenantNamespace("t", new TenantNamespaceArgs { Tenant = tenant, Enforce = PodSecurityLevel.Restricted })));
        Assert.Contains("Tenant payments:", error.Message);
    }

    [Fact]
    public void Pod_security_exemptions_compare_and_render_the_same_in_any_order()
    {
        var ab = new Platform.Components.Cluster.Kubeadm.PodSecurityAdmission { Enforce = PodSecurityLevel.Restricted, ExemptNamespaces = ["b", "a"], ExemptUsernames = ["u2", "u1"] };
        var ba = ab with { ExemptNamespaces = ["a", "b", "kube-system"], ExemptUsernames = ["u1", "u2"] };

        Assert.Equal(ab, ba);
        Assert.Equal(ab.GetHashCode(), ba.GetHashCode());
        Assert.NotEqual(ab, ab with { Enforce = PodSecurityLevel.Baseline });
        Assert.NotEqual(ab, ab with { ExemptRuntimeClasses = ["kata"] });
        var hardening = new Platform.Components.Cluster.Kubeadm.KubeadmHardening { PodSecurity = ab };
        Assert.Equal(hardening, hardening with { PodSecurity = ba });
        Assert.Equal(Platform.Components.Cluster.Kubeadm.KubeadmConfigRenderer.RenderAdmissionConfig(hardening),
            Platform.Components.Cluster.Kubeadm.KubeadmConfigRenderer.RenderAdmissionConfig(hardening with { PodSecurity = ba }));
        var decoded = Validation.ConfigApi.ConfigDocuments.DecodeSingle<Validation.ConfigApi.AdmissionConfiguration>(
            Platform.Components.Cluster.Kubeadm.KubeadmConfigRenderer.RenderAdmissionConfig(hardening), "1.37");
        var podSecurity = Assert.IsType<Validation.ConfigApi.PodSecurityConfiguration>(decoded.Plugins![0].Configuration);
        Assert.Equal(["a", "b", "kube-system"], podSecurity.Exemptions.Namespaces);
        Assert.Equal(["u1", "u2"], podSecurity.Exemptions.Usernames);
        Assert.Equal(Validation.ConfigApi.PodSecurityLevel.Restricted, podSecurity.Defaults.Enforce);
    }

    [Fact]
    public void A_limit_range_is_checked_in_kubernetes_order()
    {
        Assert.Empty(new TenantLimitRange().Validate());
        Assert.Empty(new TenantLimitRange { Min = new Dictionary<string, string> { ["cpu"] = "100m" }, Max = new Dictionary<string, string> { ["cpu"] = "1" } }.Validate());
        Assert.Equal(["cpu: min 200m is more than defaultRequest 100m; Kubernetes needs min <= defaultRequest <= default <= max"],
            new TenantLimitRange { Min = new Dictionary<string, string> { ["cpu"] = "200m" } }.Validate());
        Assert.Equal(["memory: default 512Mi is more than max 0.25Gi; Kubernetes needs min <= defaultRequest <= default <= max"],
            (TenantLimitRange.ForQuota(new Dictionary<string, string> { ["limits.memory"] = "8Gi" }) with { Max = new Dictionary<string, string> { ["memory"] = "0.25Gi" } }).Validate());
    }

    [Fact]
    public void Default_limits_are_given_only_for_the_resources_whose_limits_the_quota_counts()
    {
        var requestsOnly = new Dictionary<string, string> { ["requests.cpu"] = "8", ["requests.memory"] = "16Gi" };
        Assert.Empty(TenantLimitRange.ForQuota(requestsOnly).Default);
        Assert.Empty(TenantLimitRange.ForQuota(requestsOnly).QuotaCoverageProblems(requestsOnly));

        var memoryLimits = new Dictionary<string, string> { ["requests.cpu"] = "8", ["limits.memory"] = "32Gi" };
        Assert.Equal(new Dictionary<string, string> { ["memory"] = "512Mi" }, TenantLimitRange.ForQuota(memoryLimits).Default);
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "100m", ["memory"] = "128Mi" }, TenantLimitRange.ForQuota(memoryLimits).DefaultRequest);

        var both = new Dictionary<string, string> { ["limits.cpu"] = "8", ["limits.memory"] = "32Gi" };
        Assert.Equal(new Dictionary<string, string> { ["cpu"] = "1", ["memory"] = "512Mi" }, TenantLimitRange.ForQuota(both).Default);
    }

    [Fact]
    public void A_limit_range_that_leaves_quota_counted_containers_without_a_default_is_named_with_the_field_to_fix()
    {
        var quota = new Dictionary<string, string> { ["requests.ephemeral-storage"] = "10Gi", ["limits.memory"] = "32Gi" };
        Assert.Equal(
            [
                ("default", "has no memory, but the quota limits limits.memory: every container that sets no memory limit would be rejected. Add \"memory\" to default."),
                ("defaultRequest", "has no ephemeral-storage, but the quota limits requests of ephemeral-storage: every container that sets no ephemeral-storage request would be rejected. Add \"ephemeral-storage\" to defaultRequest (or default)."),
            ],
            new TenantLimitRange().QuotaCoverageProblems(quota));
    }
}
