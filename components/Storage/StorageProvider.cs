namespace Platform.Components.Storage;

/// <summary>Where the platform's volumes come from (<c>platform:storage.provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>Rook-Ceph on the cluster's storage nodes: block (RBD), shared filesystem (CephFS) and object (RGW)
    /// storage. The default when the storage capability is on.</summary>
    RookCeph,

    /// <summary>A StorageClass the cluster already has, named in <see cref="StorageOptions.ClassName"/>; the platform
    /// installs nothing.</summary>
    Existing,

    /// <summary>No storage: every stateful layer must be set to ephemeral.</summary>
    None,
}
