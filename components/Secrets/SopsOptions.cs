namespace Platform.Components.Secrets;

/// <summary>The SOPS variant's settings (<c>platform:secretManagement.sops</c>).</summary>
public sealed record SopsOptions
{
    /// <summary>The age public keys (<c>age1...</c>) of the people who edit the encrypted files, besides the generated
    /// key the operator decrypts with: <c>sops</c> encrypts each file to all of them, so its editors can decrypt it
    /// outside the cluster. Default none: files are encrypted to the cluster's key alone, and only the cluster can read
    /// them back (a stack warning says so).</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>What is wrong with these settings (empty when they are valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var recipient in Recipients)
            if (!AgeKey.IsRecipient(recipient))
                problems.Add($"sops.recipients: '{recipient}' is not an age X25519 public key (age1 and 58 Bech32 characters, as `age-keygen -y` prints it).");
        if (Recipients.Distinct(StringComparer.Ordinal).Count() != Recipients.Count)
            problems.Add("sops.recipients lists a key twice. List each key once.");
        return problems;
    }
}
