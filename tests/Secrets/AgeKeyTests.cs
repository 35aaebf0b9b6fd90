using Platform.Components.Secrets;

namespace Platform.Tests.Secrets;

/// <summary>The age key derivation: X25519 against RFC 7748's test vectors (§6.1), Bech32 against BIP 173's, and the
/// whole encoding against a key pair made by age's reference tool (age-keygen 1.1.1: its identity and the public key it
/// printed for it).</summary>
public class AgeKeyTests
{
    // RFC 7748 §6.1: Alice's and Bob's private keys and the public keys X25519(k, 9) gives.
    [Theory]
    [InlineData("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")]
    [InlineData("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")]
    public void The_public_key_is_rfc_7748s_x25519_of_the_scalar(string scalar, string publicKey)
    {
        Assert.Equal(publicKey, Convert.ToHexStringLower(AgeKey.PublicKey(Convert.FromHexString(scalar))));
    }

    // Made with `age-keygen -o key.txt` (age 1.1.1); `age-keygen -y key.txt` printed the recipient.
    private const string ReferenceIdentity = "AGE-SECRET-KEY-1XSA0GK77RVPVUWW3W75KAG5NYNEU8H43NKHA4CLXJ8WE6Y6KSKHSVFJX4U";
    private const string ReferenceRecipient = "age1jaw37lc3nzpgfu6s70etkjf3yy22ch47z56kyta7fda07v2wyf5szpm82r";

    [Fact]
    public void The_identity_and_recipient_match_age_keygens_for_the_same_scalar()
    {
        var decoded = Bech32.Decode(ReferenceIdentity);
        Assert.NotNull(decoded);
        Assert.Equal("age-secret-key-", decoded.Value.Hrp);
        var scalar = decoded.Value.Data;
        Assert.Equal(32, scalar.Length);

        Assert.Equal(ReferenceIdentity, AgeKey.Identity(scalar));
        Assert.Equal(ReferenceRecipient, AgeKey.Recipient(scalar));
        Assert.True(AgeKey.IsRecipient(ReferenceRecipient));
    }

    [Fact]
    public void The_key_file_has_age_keygens_layout()
    {
        var scalar = Bech32.Decode(ReferenceIdentity)!.Value.Data;
        var lines = AgeKey.KeyFile(scalar).Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("# ", lines[0], StringComparison.Ordinal);
        Assert.Equal("# public key: " + ReferenceRecipient, lines[1]);
        Assert.Equal(ReferenceIdentity, lines[2]);
        Assert.Equal("", lines[3]);
    }

    // BIP 173's valid Bech32 strings, and invalid ones (mixed case, a wrong checksum, a character outside the charset, no
    // separator, an empty human-readable part).
    [Theory]
    [InlineData("A12UEL5L", "a", "")]
    [InlineData("a12uel5l", "a", "")]
    [InlineData("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw", "abcdef", "00443214c74254b635cf84653a56d7c675be77df")]
    [InlineData("split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w", "split", "c5f38b70305f519bf66d85fb6cf03058f3dde463ecd7918f2dc743918f2d")]
    public void Bech32_decodes_bip_173s_valid_strings_and_encodes_them_back(string text, string hrp, string dataHex)
    {
        var decoded = Bech32.Decode(text);
        Assert.NotNull(decoded);
        Assert.Equal(hrp, decoded.Value.Hrp);
        Assert.Equal(dataHex, Convert.ToHexStringLower(decoded.Value.Data));
        Assert.Equal(text.ToLowerInvariant(), Bech32.Encode(hrp, decoded.Value.Data));
    }

    [Theory]
    [InlineData("A12uEL5L")]
    [InlineData("a12uel5m")]
    [InlineData("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxb")]
    [InlineData("10a06t8")]
    [InlineData("pzry9x0s0muk")]
    [InlineData("x1b4n0q5v")]
    public void Bech32_refuses_bip_173s_invalid_strings(string text)
    {
        Assert.Null(Bech32.Decode(text));
    }

    // A wrong checksum, uppercase (age writes recipients lowercase), 16 bytes instead of 32, another key type.
    [Theory]
    [InlineData("age1jaw37lc3nzpgfu6s70etkjf3yy22ch47z56kyta7fda07v2wyf5szpm82s")]
    [InlineData("AGE1JAW37LC3NZPGFU6S70ETKJF3YY22CH47Z56KYTA7FDA07V2WYF5SZPM82R")]
    [InlineData("age1qqqsyqcyq5rqwzqfpg9scrgwpunevqvv")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIN2+aqFwzGmIhbESxYUG0XaukWgFq/qkyUgKv88PPeXu")]
    public void A_recipient_is_bech32_of_32_bytes_under_age(string text)
    {
        Assert.False(AgeKey.IsRecipient(text));
    }
}
