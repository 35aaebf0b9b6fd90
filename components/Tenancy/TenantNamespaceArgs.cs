using Platform.Components.Networking;

namespace Platform.Components.Tenancy;

/// <summary>What <see cref="TenantNamespace"/> creates: one team's namespace at a decided Pod Security level.</summary>
public sealed record TenantNamespaceArgs
{
    /// <summary>The team's namespace as configured. Required.</summary>
    public required TenantOptions Tenant { get; init; }

    /// <summary>The Pod Security level enforced: the tenant's own, or the cluster's default. Required.</summary>
    public required PodSecurityLevel Enforce { get; init; }
}
