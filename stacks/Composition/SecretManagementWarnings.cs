using Platform.Components.Secrets;
using Platform.Stacks.Capabilities;

namespace Platform.Stacks.Composition;

/// <summary>What the secret-management capability warns about: SOPS files that no person can decrypt (no editor's
/// recipient), a Vault server without HA (one replica), and a Shamir-sealed server whose setup Jobs wait for its key
/// holders (<c>unsealed</c> not yet set).</summary>
public static class SecretManagementWarnings
{
    /// <summary>The warnings; empty when the capability is off or there is nothing to say.</summary>
    public static IReadOnlyList<string> For(Configuration.PlatformSettings settings, IReadOnlyList<CapabilityDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(decisions);
        if (!decisions.Any(d => d.Id == CapabilityIds.SecretManagement && d.Enabled)) return [];
        var key = Configuration.PlatformConfigKeys.SecretManagement.FullName;
        var options = settings.SecretManagement;
        var warnings = new List<string>();
        if (options.Provider == SecretManagementProvider.Sops)
        {
            if (options.Sops.Recipients.Count == 0)
                warnings.Add($"{key}.sops.recipients is not set: files are encrypted to the cluster's age key alone (stack output " +
                    "sopsAgeRecipient), so no one can decrypt a committed file to edit it. Add the editors' age public keys " +
                    "(README: Secret management).");
            return warnings;
        }
        if (options.Vault.Replicas == 1)
            warnings.Add($"{key}.vault.replicas is 1: one Vault server is no HA (its node's drain or loss stops every secret read). " +
                "Use it for tests only; production runs 3 or 5.");
        if (!options.Vault.Configurable)
            warnings.Add($"{key}.vault.unseal is shamir and vault.unsealed is not set: the init Job waits for the key holders to unseal " +
                "every server, and no setup Job runs until they set vault.unsealed true: until then the External Secrets stores " +
                "cannot log in (README: Secret management).");
        return warnings;
    }
}
