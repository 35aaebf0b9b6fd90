using Platform.Components.Networking;
using Pulumi;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Rbac.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Rbac.V1;

namespace Platform.Components.Tenancy;

/// <summary>
/// One team's namespace: a <see cref="PlatformNamespace"/> (the Pod Security level enforced, <c>restricted</c>
/// audited and warned, a default-deny NetworkPolicy in both directions with DNS to kube-dns allowed) labelled with the
/// team and <see cref="TenantLabel"/> and annotated with its owner; its ResourceQuota and LimitRange; and a
/// RoleBinding of the team's group to the ClusterRole <c>edit</c> (which aggregates <c>view</c>, so no second binding).
/// <c>edit</c> lets the team run workloads and add NetworkPolicies that open its own traffic, but not change RBAC, the
/// quota or the limit range. The Namespace is protected: deleting it would delete the team's workloads and data.
/// </summary>
public sealed class TenantNamespace : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:tenancy:TenantNamespace";

    /// <summary>The label that marks a team's namespace (value <c>"true"</c>), for policies to select.</summary>
    public const string TenantLabel = "platform/tenant";

    /// <summary>The label naming the namespace's team.</summary>
    public const string TeamLabel = "platform/team";

    /// <summary>The annotation with the owner's contact.</summary>
    public const string OwnerAnnotation = "platform/owner";

    /// <summary>The annotation with the reason for a Pod Security level below the cluster's default.</summary>
    public const string PodSecurityReasonAnnotation = "platform/pod-security-reason";

    /// <summary>The ClusterRole the team's group is bound to.</summary>
    public const string TeamRole = "edit";

    /// <summary>Creates the namespace, its quota, limit range and the team's RoleBinding.</summary>
    public TenantNamespace(string name, TenantNamespaceArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var tenant = args.Tenant;
        var problems = new List<string>();
        if (tenant.Quota.Count == 0) problems.Add("the quota is empty");
        if (tenant.Quota.Values.Any(q => !KubernetesQuantity.IsNonNegative(q))) problems.Add("a quota value is not a Kubernetes quantity");
        problems.AddRange(tenant.LimitRange.Validate());
        problems.AddRange(tenant.LimitRange.QuotaCoverageProblems(tenant.Quota).Select(p => $"limitRange.{p.Field} {p.Problem.TrimEnd('.')}"));
        problems.AddRange(args.MeshLabels.Keys.Where(tenant.Labels.ContainsKey).Select(k => $"the label {k} is the service mesh's"));
        if (problems.Count > 0)
            throw new ArgumentException($"Tenant {tenant.Name}: {string.Join("; ", problems)}.", nameof(args));

        var labels = new Dictionary<string, string>(tenant.Labels) { [TenantLabel] = "true", [TeamLabel] = tenant.Team };
        foreach (var (key, value) in args.MeshLabels) labels[key] = value;
        var annotations = new Dictionary<string, string> { [OwnerAnnotation] = tenant.Owner };
        if (tenant.PodSecurityReason is { Length: > 0 } reason) annotations[PodSecurityReasonAnnotation] = reason;
        Namespace = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = tenant.Name,
            Enforce = args.Enforce,
            Labels = labels,
            Annotations = annotations,
            Allowances = args.MeshAllowances,
            Protect = true,
        }, new ComponentResourceOptions { Parent = this });
        var ns = Namespace.NamespaceName;

        Quota = new ResourceQuota($"{name}-quota", new ResourceQuotaArgs
        {
            Metadata = new ObjectMetaArgs { Name = "team-quota", Namespace = ns },
            Spec = new ResourceQuotaSpecArgs { Hard = tenant.Quota.ToDictionary(kv => kv.Key, kv => kv.Value) },
        }, new CustomResourceOptions { Parent = this });

        var limits = new LimitRangeItemArgs { Type = "Container" };
        if (tenant.LimitRange.DefaultRequest.Count > 0) limits.DefaultRequest = Map(tenant.LimitRange.DefaultRequest);
        if (tenant.LimitRange.Default.Count > 0) limits.Default = Map(tenant.LimitRange.Default);
        if (tenant.LimitRange.Max.Count > 0) limits.Max = Map(tenant.LimitRange.Max);
        if (tenant.LimitRange.Min.Count > 0) limits.Min = Map(tenant.LimitRange.Min);
        LimitRange = new LimitRange($"{name}-limits", new LimitRangeArgs
        {
            Metadata = new ObjectMetaArgs { Name = "team-limits", Namespace = ns },
            Spec = new LimitRangeSpecArgs { Limits = { limits } },
        }, new CustomResourceOptions { Parent = this });

        TeamBinding = new RoleBinding($"{name}-team-{TeamRole}", new RoleBindingArgs
        {
            Metadata = new ObjectMetaArgs { Name = $"team-{TeamRole}", Namespace = ns },
            RoleRef = new RoleRefArgs { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = TeamRole },
            Subjects = { new SubjectArgs { ApiGroup = "rbac.authorization.k8s.io", Kind = "Group", Name = tenant.EffectiveGroup } },
        }, new CustomResourceOptions { Parent = this });

        RegisterOutputs(new Dictionary<string, object?> { ["name"] = ns });
    }

    /// <summary>The namespace with its Pod Security labels and network policies.</summary>
    public PlatformNamespace Namespace { get; }

    /// <summary>The namespace's ResourceQuota.</summary>
    public ResourceQuota Quota { get; }

    /// <summary>The namespace's LimitRange.</summary>
    public LimitRange LimitRange { get; }

    /// <summary>The RoleBinding of the team's group to <see cref="TeamRole"/>.</summary>
    public RoleBinding TeamBinding { get; }

    private static Dictionary<string, string> Map(IReadOnlyDictionary<string, string> values) => values.ToDictionary(kv => kv.Key, kv => kv.Value);
}
