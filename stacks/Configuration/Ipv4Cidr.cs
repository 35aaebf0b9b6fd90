using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Platform.Stacks.Configuration;

/// <summary>An IPv4 address range in CIDR notation whose host bits are zero, e.g. <c>10.244.0.0/16</c>.
/// IPv6 and dual-stack ranges are out of scope for now.</summary>
public sealed record Ipv4Cidr
{
    private readonly uint network;

    private Ipv4Cidr(uint network, int prefixLength)
    {
        this.network = network;
        PrefixLength = prefixLength;
    }

    /// <summary>The number of leading network bits, 0–32.</summary>
    public int PrefixLength { get; }

    /// <summary>The first address of the range (the network address), e.g. 10.244.0.0.</summary>
    public IPAddress Network => ConfigSyntax.ToIpAddress(network);

    /// <summary>How many addresses the range holds: 2^(32 − prefix length).</summary>
    public long AddressCount => 1L << (32 - PrefixLength);

    private uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    /// <summary>Parses <c>a.b.c.d/prefix</c>.</summary>
    /// <param name="text">The range, e.g. <c>10.96.0.0/12</c>.</param>
    /// <returns>The range.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not an IPv4 CIDR with zero host bits; the message says why.</exception>
    public static Ipv4Cidr Parse(string text) =>
        TryParse(text, out var cidr, out var problem) ? cidr : throw new FormatException(problem + ".");

    /// <summary>Parses <c>a.b.c.d/prefix</c>.</summary>
    /// <param name="text">The range text.</param>
    /// <param name="cidr">The range, or null when <paramref name="text"/> is not an IPv4 CIDR with zero host bits.</param>
    /// <returns>True when <paramref name="text"/> is a valid range.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Ipv4Cidr? cidr) => TryParse(text, out cidr, out _);

    /// <summary>Whether <paramref name="address"/> lies in this range (always false for IPv6 addresses).</summary>
    /// <param name="address">The address to test.</param>
    /// <returns>True when the address is inside the range.</returns>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return ConfigSyntax.TryGetIpv4(address, out var value) && (value & Mask) == network;
    }

    /// <summary>Whether this range and <paramref name="other"/> share at least one address.</summary>
    /// <param name="other">The other range.</param>
    /// <returns>True when the ranges overlap.</returns>
    public bool Overlaps(Ipv4Cidr other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var widerMask = PrefixLength <= other.PrefixLength ? Mask : other.Mask;
        return (network & widerMask) == (other.network & widerMask);
    }

    /// <summary>The address <paramref name="offset"/> places after the network address, e.g. offset 1 of
    /// 10.96.0.0/12 is 10.96.0.1 (the <c>kubernetes</c> Service) and offset 10 is 10.96.0.10 (cluster DNS).</summary>
    /// <param name="offset">0 up to <see cref="AddressCount"/> − 1.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is outside the range.</exception>
    public IPAddress AddressAt(long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offset, AddressCount);
        return ConfigSyntax.ToIpAddress(network + (uint)offset);
    }

    /// <summary>The range in CIDR notation, e.g. <c>10.244.0.0/16</c>.</summary>
    /// <returns>The CIDR text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Network}/{PrefixLength}");

    /// <summary>Parses like <see cref="TryParse(string?, out Ipv4Cidr?)"/>, explaining a failure in
    /// <paramref name="problem"/> (a sentence fragment without a final period).</summary>
    internal static bool TryParse(string? text, [NotNullWhen(true)] out Ipv4Cidr? cidr, out string problem)
    {
        cidr = null;
        problem = string.Empty;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            problem = "is empty";
            return false;
        }

        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            problem = $"'{trimmed}' is an IPv6 range; Platform supports IPv4 only for now (IPv6 and dual-stack are out of scope)";
            return false;
        }

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            problem = $"'{trimmed}' has no prefix length; write it as address/prefix";
            return false;
        }

        var addressText = trimmed[..slash];
        var prefixText = trimmed[(slash + 1)..];
        if (!ConfigSyntax.TryParseIpv4(addressText, out var address))
        {
            problem = $"'{trimmed}' does not start with a valid IPv4 address ('{addressText}')";
            return false;
        }

        var prefix = prefixText.Length is > 0 and <= 2 && prefixText.All(char.IsAsciiDigit)
            ? int.Parse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture)
            : -1;
        if (prefix is < 0 or > 32)
        {
            problem = $"'{trimmed}' has prefix length '{prefixText}', which is not a number between 0 and 32";
            return false;
        }

        var candidate = new Ipv4Cidr(address & (prefix == 0 ? 0u : uint.MaxValue << (32 - prefix)), prefix);
        if (candidate.network != address)
        {
            problem = $"'{trimmed}' has host bits set; the range it lies in is {candidate}";
            return false;
        }

        cidr = candidate;
        return true;
    }
}
