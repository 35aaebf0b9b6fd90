namespace Platform.Tests.Secrets;

/// <summary>Public keys for the tests: OpenPGP public keys made with gpg for the examples (RSA 2048 with an encryption
/// subkey, base64 of `gpg --export`), the same as the enterprise example's, and an age recipient.</summary>
internal static class SecretKeys
{
    public static readonly string[] Pgp = Load();

    /// <summary>An age recipient (age-keygen's, of <see cref="AgeKeyTests"/>' reference identity).</summary>
    public const string AgeRecipient = "age1jaw37lc3nzpgfu6s70etkjf3yy22ch47z56kyta7fda07v2wyf5szpm82r";

    /// <summary><c>platform:secretManagement</c> with the vault provider and Shamir unseal: three key holders, two unseal.</summary>
    public static string VaultShamir() =>
        $$$"""{"provider": "vault", "vault": {"pgpKeys": ["{{{Pgp[0]}}}", "{{{Pgp[1]}}}", "{{{Pgp[2]}}}"], "threshold": 2}}""";

    /// <summary><see cref="VaultShamir"/> with the fields of <paramref name="overrides"/> (a JSON object) replacing its
    /// <c>vault</c> fields, and <paramref name="server"/> as the server when given.</summary>
    public static string Vault(string overrides, string? server = null)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(VaultShamir())!.AsObject();
        if (server is not null) root["server"] = server;
        var vault = root["vault"]!.AsObject();
        foreach (var (key, value) in System.Text.Json.Nodes.JsonNode.Parse(overrides)!.AsObject())
            vault[key] = value?.DeepClone();
        return root.ToJsonString();
    }

    /// <summary>Sets the enterprise tier's secret management (the vault variant) with <see cref="VaultShamir"/>.</summary>
    public static void EnterpriseVault(Dictionary<string, string> values) => values["secretManagement"] = VaultShamir();

    private static string[] Load()
    {
        var example = File.ReadAllLines(Path.Combine(Harness.RepoRoot.Path, "stacks", "Pulumi.example-enterprise.yaml"));
        var keys = example.SkipWhile(l => l.Trim() != "pgpKeys:").Skip(1).TakeWhile(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            .Select(l => l.Trim()[2..]).ToArray();
        Assert.Equal(3, keys.Length);
        return keys;
    }
}
