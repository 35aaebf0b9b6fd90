namespace Platform.Components.Secrets;

/// <summary>How the secret-management capability keeps secrets (<c>platform:secretManagement.provider</c>).</summary>
public enum SecretManagementProvider
{
    /// <summary>SOPS: secrets encrypted in git with age, decrypted in the cluster by the sops-secrets-operator (the small
    /// and medium tiers' variant).</summary>
    Sops,

    /// <summary>A Vault API server (HashiCorp Vault or OpenBao, <see cref="VaultDistribution"/>) in HA with Raft storage
    /// (the enterprise tier's variant).</summary>
    Vault,
}
