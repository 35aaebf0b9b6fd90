using System.Globalization;

namespace Platform.Components.Secrets;

/// <summary>The Vault (or OpenBao) server's settings (<c>platform:secretManagement.vault</c>).</summary>
public sealed record VaultOptions
{
    /// <summary>The servers of the Raft cluster: 3 or 5 (a majority keeps it writable: one, or two, may be lost), or 1 for
    /// a test install without HA. Default 3.</summary>
    public int Replicas { get; init; } = 3;

    /// <summary>Each server's Raft volume on the platform's StorageClass, a Kubernetes quantity in Mi or Gi. Default
    /// <c>10Gi</c>.</summary>
    public string StorageSize { get; init; } = "10Gi";

    /// <summary>How the servers unseal. Default <see cref="VaultUnsealMode.Shamir"/>.</summary>
    public VaultUnsealMode Unseal { get; init; } = VaultUnsealMode.Shamir;

    /// <summary>The key holders' OpenPGP public keys, each base64 of the binary key (<c>gpg --export KEYID | base64 -w0</c>),
    /// one per unseal share (Shamir) or recovery share (transit): <c>operator init</c> encrypts share n to key n, so no
    /// plain share exists. At least one is required. Default none.</summary>
    public IReadOnlyList<string> PgpKeys { get; init; } = [];

    /// <summary>How many shares unseal (or recover): 1 with one key, else 2 to the number of keys. Default a majority of
    /// the keys (1 with one key).</summary>
    public int? Threshold { get; init; }

    /// <summary>The transit seal's settings; required with <see cref="VaultUnsealMode.Transit"/>, refused otherwise.</summary>
    public VaultTransitSeal? Transit { get; init; }

    /// <summary>Set by the operators once every server is initialised and unsealed (Shamir): only then may the setup
    /// Jobs that configure the server run (<see cref="VaultServer.Configurable"/>). Always true in effect with transit.
    /// Default false.</summary>
    public bool Unsealed { get; init; }

    /// <summary>The threshold in effect: <see cref="Threshold"/>, else a majority of the keys.</summary>
    public int EffectiveThreshold => Threshold ?? (PgpKeys.Count <= 1 ? 1 : Math.Max(2, (PgpKeys.Count / 2) + 1));

    /// <summary>Whether the server can be configured once initialised: transit unseals itself, Shamir after the operators
    /// say so (<see cref="Unsealed"/>).</summary>
    public bool Configurable => Unseal == VaultUnsealMode.Transit || Unsealed;

    /// <summary>What is wrong with these settings (empty when they are valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Replicas is not (1 or 3 or 5))
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"vault.replicas is {Replicas}: Raft keeps a majority, so an even count tolerates no more failures than one server fewer, and more than 5 slows every write. Use 3 or 5 (1 only for a test install without HA)."));
        if (!System.Text.RegularExpressions.Regex.IsMatch(StorageSize, "^[1-9][0-9]*(Mi|Gi)$"))
            problems.Add($"vault.storageSize '{StorageSize}' is not a size in Mi or Gi: Raft keeps every secret on its volume, so it cannot be 0 or left out. Use e.g. 10Gi.");
        if (PgpKeys.Count == 0)
        {
            problems.Add("vault.pgpKeys is empty: `operator init` would print the " + (Unseal == VaultUnsealMode.Shamir ? "unseal" : "recovery") +
                " keys in plain. Give each key holder's OpenPGP public key, base64 (`gpg --export KEYID | base64 -w0`).");
        }
        for (var i = 0; i < PgpKeys.Count; i++)
            if (!IsOpenPgpPublicKey(PgpKeys[i]))
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"vault.pgpKeys[{i}] is not a base64 OpenPGP public key (binary, not ASCII-armoured). Use `gpg --export KEYID | base64 -w0`."));
        if (PgpKeys.Count > 0)
        {
            var threshold = EffectiveThreshold;
            if (PgpKeys.Count == 1 ? threshold != 1 : threshold < 2 || threshold > PgpKeys.Count)
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"vault.threshold is {threshold} for {PgpKeys.Count} key(s): it must be 1 with one key, else between 2 and the number of keys (Vault refuses a threshold of 1 for several shares)."));
        }
        switch (Unseal)
        {
            case VaultUnsealMode.Transit when Transit is null:
                problems.Add("vault.unseal is transit but vault.transit is not set. Set {\"transit\": {\"address\": \"https://vault.example.internal:8200\", \"keyName\": \"autounseal\"}} and the token with `pulumi config set --secret platform:secretManagementTransitToken`.");
                break;
            case VaultUnsealMode.Transit:
                problems.AddRange(Transit!.Validate());
                break;
            case VaultUnsealMode.Shamir when Transit is not null:
                problems.Add("vault.transit is set but vault.unseal is shamir. Set vault.unseal to transit, or remove vault.transit.");
                break;
        }
        return problems;
    }

    /// <summary>Whether <paramref name="text"/> is base64 of a binary OpenPGP message that starts with a public-key
    /// packet (RFC 9580 §4.2 and §5.5.1: tag 6, in the old or the new packet format).</summary>
    public static bool IsOpenPgpPublicKey(string text)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return false;
        }
        if (bytes.Length < 8 || (bytes[0] & 0x80) == 0) return false;
        var tag = (bytes[0] & 0x40) != 0 ? bytes[0] & 0x3f : (bytes[0] >> 2) & 0x0f;
        return tag == 6;
    }
}
