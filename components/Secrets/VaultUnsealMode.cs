namespace Platform.Components.Secrets;

/// <summary>How the Vault servers unseal (<c>platform:secretManagement.vault.unseal.mode</c>).</summary>
public enum VaultUnsealMode
{
    /// <summary>Shamir's secret sharing: <c>operator init</c> splits the root key into shares, each encrypted to one
    /// key holder's PGP public key, and the holders unseal every server after each start. No plain share exists
    /// anywhere.</summary>
    Shamir,

    /// <summary>Auto-unseal through another Vault's transit secrets engine (the <c>seal "transit"</c> stanza): the servers
    /// unseal themselves at start; the recovery keys of <c>operator init</c> are PGP-encrypted like Shamir shares.</summary>
    Transit,
}
