using Platform.Components.Networking;

namespace Platform.Components.Tenancy;

/// <summary>What <see cref="TenantNamespace"/> creates: one team's namespace at a decided Pod Security level.</summary>
public sealed record TenantNamespaceArgs
{
    /// <summary>The team's namespace as configured. Required.</summary>
    public required TenantOptions Tenant { get; init; }

    /// <summary>The Pod Security level enforced: the tenant's own, or the cluster's default. Required.</summary>
    public required PodSecurityLevel Enforce { get; init; }

    /// <summary>The service mesh's labels on the namespace when the team is in the mesh (e.g.
    /// <c>istio.io/dataplane-mode=ambient</c>, <c>ServiceMesh.MeshMembership.Labels</c>); they may not repeat one of the
    /// tenant's own labels. Default none (not in a mesh).</summary>
    public IReadOnlyDictionary<string, string> MeshLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>The traffic the mesh needs through the namespace's default-deny policy
    /// (<c>ServiceMesh.MeshMembership.Allowances</c>). Default none.</summary>
    public IReadOnlyList<NetworkAllowance> MeshAllowances { get; init; } = [];
}
