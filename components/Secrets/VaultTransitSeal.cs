namespace Platform.Components.Secrets;

/// <summary>The transit auto-unseal settings (<c>platform:secretManagement.vault.unseal.transit</c>): another Vault (or
/// OpenBao) server's transit secrets engine that encrypts this cluster's root key. Its token is the secret
/// <c>platform:secretManagementTransitToken</c>, a token whose policy allows only <c>encrypt</c> and <c>decrypt</c> on
/// the key.</summary>
public sealed record VaultTransitSeal
{
    /// <summary>The other server's https address, e.g. <c>https://vault.example.internal:8200</c>. Required.</summary>
    public required string Address { get; init; }

    /// <summary>The transit key's name. Required.</summary>
    public required string KeyName { get; init; }

    /// <summary>The transit engine's mount path. Default <c>transit/</c>.</summary>
    public string MountPath { get; init; } = "transit/";

    /// <summary>The PEM of the CA that signs the other server's certificate; null (the default) for a publicly trusted
    /// one.</summary>
    public string? CaCertificate { get; init; }

    /// <summary>The port of <see cref="Address"/> (443 when it names none), which the namespace's egress allows.</summary>
    public int Port => Uri.TryCreate(Address, UriKind.Absolute, out var uri) ? uri.Port : 443;

    /// <summary>What is wrong with these settings (empty when they are valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query))
            problems.Add($"vault.unseal.transit.address '{Address}' is not an https URL of a server (https://host[:port], no path). Use e.g. https://vault.example.internal:8200.");
        if (string.IsNullOrWhiteSpace(KeyName) || KeyName.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            problems.Add($"vault.unseal.transit.keyName '{KeyName}' is not a transit key name (letters, digits, '-' and '_'). Use e.g. autounseal.");
        if (string.IsNullOrWhiteSpace(MountPath) || MountPath.StartsWith('/') || MountPath.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/')))
            problems.Add($"vault.unseal.transit.mountPath '{MountPath}' is not a mount path (letters, digits, '-', '_' and '/', not starting with '/'). Use e.g. transit/.");
        if (CaCertificate is { } ca && !ca.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            problems.Add("vault.unseal.transit.caCertificate is not a PEM certificate (-----BEGIN CERTIFICATE-----). Give the CA's PEM, or leave it out for a publicly trusted server.");
        return problems;
    }
}
