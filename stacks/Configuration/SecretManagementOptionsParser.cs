using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Components.Secrets;
using Platform.Stacks.Capabilities;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:secretManagement</c>: the provider defaults to the tier's variant of the capability
/// (<see cref="CapabilityMatrix"/>: sops for small and medium, vault for enterprise); unknown fields are errors; the chosen
/// provider's settings are validated unless the capability is switched off.</summary>
internal static class SecretManagementOptionsParser
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    private sealed record SecretManagementJson(
        [property: JsonPropertyName("provider")] string? Provider,
        [property: JsonPropertyName("server")] string? Server,
        [property: JsonPropertyName("sops")] SopsJson? Sops,
        [property: JsonPropertyName("vault")] VaultJson? Vault);

    private sealed record SopsJson([property: JsonPropertyName("recipients")] List<string>? Recipients);

    private sealed record VaultJson(
        [property: JsonPropertyName("replicas")] int? Replicas,
        [property: JsonPropertyName("storageSize")] string? StorageSize,
        [property: JsonPropertyName("unseal")] string? Unseal,
        [property: JsonPropertyName("pgpKeys")] List<string>? PgpKeys,
        [property: JsonPropertyName("threshold")] int? Threshold,
        [property: JsonPropertyName("transit")] TransitJson? Transit,
        [property: JsonPropertyName("unsealed")] bool? Unsealed);

    private sealed record TransitJson(
        [property: JsonPropertyName("address")] string? Address,
        [property: JsonPropertyName("keyName")] string? KeyName,
        [property: JsonPropertyName("mountPath")] string? MountPath,
        [property: JsonPropertyName("caCertificate")] string? CaCertificate);

    /// <summary>The options (null when the value is wrong: see the problems, or the tier is unknown).</summary>
    public static SecretManagementOptions? Read(IPlatformConfigSource source, PlatformTier? tier, IReadOnlyDictionary<string, bool>? capabilities, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.SecretManagement;
        var text = source.Get(key.Name)?.Trim();
        SecretManagementJson? json = null;
        if (!string.IsNullOrEmpty(text))
        {
            try
            {
                json = JsonSerializer.Deserialize<SecretManagementJson>(text, Strict) ?? throw new JsonException("The value is null.");
            }
            catch (JsonException e)
            {
                var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? key.Name : key.Name + e.Path.TrimStart('$');
                problems.Add(where, $"{e.Message.Split(" Path:")[0]} Use e.g. `{key.Example}`.");
                return null;
            }
        }
        if (tier is not { } t) return null;

        var variant = CapabilityMatrix.Default.Find(CapabilityIds.SecretManagement)?.VariantFor(t) ?? "sops";
        var providerText = json?.Provider ?? variant;
        SecretManagementProvider provider;
        switch (providerText)
        {
            case "sops": provider = SecretManagementProvider.Sops; break;
            case "vault": provider = SecretManagementProvider.Vault; break;
            default:
                problems.Add($"{key.Name}.provider", $"'{providerText}' is not a provider. Use sops or vault.");
                return null;
        }
        VaultDistribution server;
        switch (json?.Server ?? "vault")
        {
            case "vault": server = VaultDistribution.Vault; break;
            case "openbao": server = VaultDistribution.OpenBao; break;
            default:
                problems.Add($"{key.Name}.server", $"'{json!.Server}' is not a server. Use vault (HashiCorp Vault) or openbao (OpenBao).");
                return null;
        }

        var vault = new VaultOptions();
        if (json?.Vault is { } v)
        {
            VaultUnsealMode unseal;
            switch (v.Unseal ?? "shamir")
            {
                case "shamir": unseal = VaultUnsealMode.Shamir; break;
                case "transit": unseal = VaultUnsealMode.Transit; break;
                default:
                    problems.Add($"{key.Name}.vault.unseal", $"'{v.Unseal}' is not an unseal mode. Use shamir (PGP-encrypted key shares, unsealed by their holders) or transit (another Vault's transit engine).");
                    return null;
            }
            vault = vault with
            {
                Replicas = v.Replicas ?? vault.Replicas,
                StorageSize = v.StorageSize ?? vault.StorageSize,
                Unseal = unseal,
                PgpKeys = v.PgpKeys ?? [],
                Threshold = v.Threshold,
                Unsealed = v.Unsealed ?? false,
                Transit = v.Transit is { } transit
                    ? new VaultTransitSeal
                    {
                        Address = transit.Address ?? "",
                        KeyName = transit.KeyName ?? "",
                        MountPath = transit.MountPath ?? "transit/",
                        CaCertificate = transit.CaCertificate,
                    }
                    : null,
            };
        }
        var sops = new SopsOptions();
        if (json?.Sops is { } s)
        {
            if (s.Recipients is { Count: 0 })
            {
                problems.Add($"{key.Name}.sops.recipients", "is empty: without an age public key of its editors, no one outside the cluster can decrypt a committed file. " +
                    "List yours (`age-keygen -y ~/.config/sops/age/keys.txt` prints it), or leave recipients out to encrypt to the cluster's key alone.");
                return null;
            }
            sops = sops with { Recipients = s.Recipients ?? [] };
        }
        var options = new SecretManagementOptions { Provider = provider, Server = server, Sops = sops, Vault = vault };

        // The settings of a capability switched off are never used.
        if (capabilities?.GetValueOrDefault(CapabilityIds.SecretManagement, true) == false) return options;
        var found = provider == SecretManagementProvider.Sops ? sops.Validate() : vault.Validate();
        foreach (var problem in found)
            problems.Add(key.Name, problem);
        if (provider == SecretManagementProvider.Vault && vault.Unseal == VaultUnsealMode.Transit
            && string.IsNullOrEmpty(source.Get(PlatformConfigKeys.SecretManagementTransitToken.Name)))
        {
            problems.Add(PlatformConfigKeys.SecretManagementTransitToken.Name,
                $"is required with {key.FullName}.vault.unseal transit. Set it with `{PlatformConfigKeys.SecretManagementTransitToken.SetCommand}`.");
        }
        return found.Count == 0 ? options : null;
    }
}
