namespace Platform.Components.Secrets;

/// <summary>Which server provides the Vault API (<c>platform:secretManagement.server</c>).</summary>
public enum VaultDistribution
{
    /// <summary>HashiCorp Vault, under the Business Source License 1.1 (free for production use inside an organisation,
    /// not for a hosted offering that competes with HashiCorp's). The default.</summary>
    Vault,

    /// <summary>OpenBao, the Linux Foundation's fork of Vault 1.14 under the MPL 2.0: the same API and CLI (as
    /// <c>bao</c>).</summary>
    OpenBao,
}
