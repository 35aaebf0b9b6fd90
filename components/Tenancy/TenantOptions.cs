using Platform.Components.Networking;

namespace Platform.Components.Tenancy;

/// <summary>One team's namespace as configured (<c>platform:tenants</c>): who owns it, its Pod Security level if not the
/// cluster's default, its quota, limit range and labels.</summary>
public sealed record TenantOptions
{
    /// <summary>The namespace's name, a DNS-1123 label. Required.</summary>
    public required string Name { get; init; }

    /// <summary>The team, a label value: the namespace's <see cref="TenantNamespace.TeamLabel"/> label. Required.</summary>
    public required string Team { get; init; }

    /// <summary>How to reach the namespace's owner (an e-mail address, a channel): the
    /// <see cref="TenantNamespace.OwnerAnnotation"/> annotation. Required.</summary>
    public required string Owner { get; init; }

    /// <summary>The group bound to the ClusterRole <c>edit</c> in the namespace. Default: <see cref="Team"/>.</summary>
    public string? Group { get; init; }

    /// <summary>The Pod Security level enforced, or null for the cluster's default. A level below the cluster's default
    /// needs <see cref="PodSecurityReason"/>. Default null.</summary>
    public PodSecurityLevel? PodSecurity { get; init; }

    /// <summary>Why the namespace enforces a level below the cluster's default (also its
    /// <see cref="TenantNamespace.PodSecurityReasonAnnotation"/> annotation). Default null.</summary>
    public string? PodSecurityReason { get; init; }

    /// <summary>The ResourceQuota's hard limits, resource name (<c>requests.cpu</c>, <c>limits.memory</c>, <c>pods</c>,
    /// <c>count/deployments.apps</c>, ...) to quantity. Required, with at least one entry.</summary>
    public required IReadOnlyDictionary<string, string> Quota { get; init; }

    /// <summary>The containers' default and bounding requests and limits; they must cover the <see cref="Quota"/>
    /// (<see cref="TenantLimitRange.QuotaCoverageProblems"/>). Default: <see cref="TenantLimitRange"/>'s, with no
    /// default limits; <see cref="TenantLimitRange.ForQuota"/> gives the standard ones for a quota on limits.</summary>
    public TenantLimitRange LimitRange { get; init; } = new();

    /// <summary>Extra labels on the namespace, e.g. a cost centre that policies select. Default none.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The group bound to <c>edit</c>: <see cref="Group"/>, or the team's name.</summary>
    public string EffectiveGroup => string.IsNullOrWhiteSpace(Group) ? Team : Group;
}
