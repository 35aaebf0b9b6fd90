namespace Platform.Components.Identity;

/// <summary>The cluster-wide rights a group of the identity provider can be given (<c>platform:authentication.rbac</c>):
/// one of Kubernetes' default user-facing ClusterRoles.</summary>
public enum GroupRole
{
    /// <summary><c>cluster-admin</c>: everything, everywhere.</summary>
    ClusterAdmin,

    /// <summary><c>edit</c>: read and write most objects in every namespace, but not RBAC or quotas.</summary>
    Edit,

    /// <summary><c>view</c>: read most objects in every namespace, but not Secrets.</summary>
    View,
}
