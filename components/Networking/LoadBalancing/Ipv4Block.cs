using System.Globalization;

namespace Platform.Components.Networking.LoadBalancing;

/// <summary>An inclusive IPv4 address range parsed from a CIDR (<c>a.b.c.d/n</c>) or a range (<c>a.b.c.d-a.b.c.e</c>).</summary>
/// <param name="First">The first address, as a big-endian number.</param>
/// <param name="Last">The last address, as a big-endian number.</param>
/// <param name="IsCidr">Whether the text was a CIDR.</param>
internal readonly record struct Ipv4Block(uint First, uint Last, bool IsCidr)
{
    /// <summary>Whether the two blocks share at least one address.</summary>
    public bool Overlaps(Ipv4Block other) => First <= other.Last && other.First <= Last;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out Ipv4Block block, out string error)
    {
        block = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "is empty";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!TryParseAddress(text[..slash], out var address)
                || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
                || prefix > 32 || text[(slash + 1)..].Length is 0 or > 2)
            {
                error = "is not an IPv4 CIDR (a.b.c.d/n, n from 0 to 32) or range (a.b.c.d-a.b.c.e)";
                return false;
            }

            var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
            if ((address & mask) != address)
            {
                error = $"has host bits set: write the network address {Format(address & mask)}/{prefix.ToString(CultureInfo.InvariantCulture)}";
                return false;
            }

            block = new Ipv4Block(address, address | ~mask, IsCidr: true);
            error = string.Empty;
            return true;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0 || !TryParseAddress(text[..dash], out var first) || !TryParseAddress(text[(dash + 1)..], out var last))
        {
            error = "is not an IPv4 CIDR (a.b.c.d/n, n from 0 to 32) or range (a.b.c.d-a.b.c.e)";
            return false;
        }

        if (first > last)
        {
            error = "is a range whose start is after its end";
            return false;
        }

        block = new Ipv4Block(first, last, IsCidr: false);
        error = string.Empty;
        return true;
    }

    /// <summary>The dotted-quad form of <paramref name="address"/>.</summary>
    public static string Format(uint address) => string.Create(CultureInfo.InvariantCulture,
        $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");

    private static bool TryParseAddress(string text, out uint address)
    {
        address = 0;
        var parts = text.Split('.');
        if (parts.Length != 4)
            return false;
        foreach (var part in parts)
        {
            // Decimal only, no leading zeros (some parsers read them as octal), 0 to 255.
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0')
                || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet) || octet > 255)
                return false;
            address = (address << 8) | (uint)octet;
        }
        return true;
    }
}
