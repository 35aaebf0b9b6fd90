namespace Platform.Components.Networking.Certificates;

/// <summary>The TSIG algorithms Platform accepts for RFC 2136 dynamic DNS updates, spelled as cert-manager spells them
/// (<c>tsigAlgorithm</c> of the rfc2136 DNS-01 solver). cert-manager also accepts HMACMD5 and HMACSHA1; Platform refuses
/// both because RFC 8945 deprecates HMAC-MD5 and HMAC-SHA1 offers no reason to pick it over SHA-256 on a new key.</summary>
public static class TsigAlgorithms
{
    /// <summary>HMAC-SHA256, the default: what <c>tsig-keygen</c> generates unless told otherwise.</summary>
    public const string HmacSha256 = "HMACSHA256";

    /// <summary>HMAC-SHA512.</summary>
    public const string HmacSha512 = "HMACSHA512";

    /// <summary>Every accepted algorithm: <see cref="HmacSha256"/> and <see cref="HmacSha512"/>.</summary>
    public static IReadOnlyList<string> Supported { get; } = [HmacSha256, HmacSha512];

    /// <summary>Whether <paramref name="algorithm"/> is one of <see cref="Supported"/> (exact, case-sensitive, as
    /// cert-manager matches it).</summary>
    /// <param name="algorithm">The algorithm name to check; null is not supported.</param>
    /// <returns>True when the algorithm is accepted.</returns>
    public static bool IsSupported(string? algorithm) =>
        algorithm is not null && Supported.Contains(algorithm, StringComparer.Ordinal);
}
