namespace Platform.Components.Secrets;

/// <summary>The secret-management capability's settings (<c>platform:secretManagement</c>).</summary>
public sealed record SecretManagementOptions
{
    /// <summary>SOPS or a Vault API server. Default <see cref="SecretManagementProvider.Sops"/> (the configuration's
    /// default is the tier's variant).</summary>
    public SecretManagementProvider Provider { get; init; } = SecretManagementProvider.Sops;

    /// <summary>Which server provides the Vault API with <see cref="SecretManagementProvider.Vault"/>. Default
    /// <see cref="VaultDistribution.Vault"/>.</summary>
    public VaultDistribution Server { get; init; } = VaultDistribution.Vault;

    /// <summary>The SOPS settings, used with <see cref="SecretManagementProvider.Sops"/>.</summary>
    public SopsOptions Sops { get; init; } = new();

    /// <summary>The server's settings, used with <see cref="SecretManagementProvider.Vault"/>.</summary>
    public VaultOptions Vault { get; init; } = new();

    /// <summary>What is wrong with the settings of the chosen provider (empty when they are valid).</summary>
    public IReadOnlyList<string> Validate() => Provider == SecretManagementProvider.Sops ? Sops.Validate() : Vault.Validate();
}
