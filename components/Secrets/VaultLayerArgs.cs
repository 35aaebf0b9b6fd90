using Platform.Components.Cluster;
using Pulumi;

namespace Platform.Components.Secrets;

/// <summary>The inputs of <see cref="VaultLayer"/>.</summary>
public sealed record VaultLayerArgs
{
    /// <summary>Which server provides the Vault API. Default <see cref="VaultDistribution.Vault"/>.</summary>
    public VaultDistribution Server { get; init; } = VaultDistribution.Vault;

    /// <summary>The server's settings (replicas, storage, unseal). Required.</summary>
    public required VaultOptions Options { get; init; }

    /// <summary>The cluster CA, which signs the server certificate (clients trust it already:
    /// <c>kube-root-ca.crt</c> in every namespace). Required.</summary>
    public required CertificateAuthority ClusterCa { get; init; }

    /// <summary>The StorageClass of the servers' Raft volumes. Required.</summary>
    public required string StorageClass { get; init; }

    /// <summary>What the release waits for before it claims volumes (the Ceph cluster's release). Default none.</summary>
    public IReadOnlyList<Resource> StorageReady { get; init; } = [];

    /// <summary>The cluster's DNS domain, for the certificate's names. Default <c>cluster.local</c>.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>The transit seal's token (a secret), with <see cref="VaultUnsealMode.Transit"/>; null otherwise.</summary>
    public Input<string>? TransitToken { get; init; }

    /// <summary>The server certificate's validity in hours: 2 years.</summary>
    public int CertificateValidityHours { get; init; } = 17_520;

    /// <summary>How early before its expiry a <c>pulumi up</c> reissues the certificate: 90 days (the servers read it
    /// again on SIGHUP; README "Secret management").</summary>
    public int CertificateEarlyRenewalHours { get; init; } = 2_160;
}
