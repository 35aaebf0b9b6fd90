using System.Text;

namespace Platform.Components.Secrets;

/// <summary>Bech32 (BIP 173) as age uses it for its keys: the human-readable part, <c>1</c>, the data in 5-bit groups and
/// a six-character checksum, without BIP 173's 90-character limit (age's spec, C2SP age.md "X25519 recipient type").
/// No package of the NuGet feed offers Bech32 without a Bitcoin stack around it, so it is written here from the
/// specification, and tested on BIP 173's vectors.</summary>
internal static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static readonly uint[] Generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    /// <summary>The Bech32 string of <paramref name="data"/> under <paramref name="hrp"/>, lowercase.</summary>
    public static string Encode(string hrp, ReadOnlySpan<byte> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(hrp);
        var lower = hrp.ToLowerInvariant();
        var values = ConvertBits(data, 8, 5, pad: true);
        var checksum = Checksum(lower, values);
        var text = new StringBuilder(lower.Length + 1 + values.Count + 6).Append(lower).Append('1');
        foreach (var v in values.Concat(checksum)) text.Append(Charset[v]);
        return text.ToString();
    }

    /// <summary>The human-readable part and the bytes of a Bech32 string (all lowercase or all uppercase), or null when
    /// it is not one: a mixed case, a character outside the charset, a wrong checksum, or padding bits that are not
    /// zero.</summary>
    public static (string Hrp, byte[] Data)? Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Any(c => c < 33 || c > 126)) return null;
        if (text.Any(char.IsLower) && text.Any(char.IsUpper)) return null;
        var lower = text.ToLowerInvariant();
        var separator = lower.LastIndexOf('1');
        if (separator < 1 || separator + 7 > lower.Length) return null;
        var hrp = lower[..separator];
        var values = new List<byte>();
        foreach (var c in lower[(separator + 1)..])
        {
            var index = Charset.IndexOf(c, StringComparison.Ordinal);
            if (index < 0) return null;
            values.Add((byte)index);
        }
        if (Polymod(HrpExpand(hrp).Concat(values)) != 1) return null;
        var payload = values.Take(values.Count - 6).ToArray();
        try
        {
            return (hrp, ConvertBits(payload, 5, 8, pad: false).ToArray());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static List<byte> ConvertBits(ReadOnlySpan<byte> data, int from, int to, bool pad)
    {
        var result = new List<byte>();
        int accumulator = 0, bits = 0, max = (1 << to) - 1;
        foreach (var value in data)
        {
            accumulator = (accumulator << from) | value;
            bits += from;
            while (bits >= to)
            {
                bits -= to;
                result.Add((byte)((accumulator >> bits) & max));
            }
        }
        if (pad)
        {
            if (bits > 0) result.Add((byte)((accumulator << (to - bits)) & max));
        }
        else if (bits >= from || ((accumulator << (to - bits)) & max) != 0)
        {
            throw new FormatException("Bech32 data has non-zero padding.");
        }
        return result;
    }

    private static IEnumerable<byte> HrpExpand(string hrp)
        => hrp.Select(c => (byte)(c >> 5)).Append((byte)0).Concat(hrp.Select(c => (byte)(c & 31)));

    private static uint Polymod(IEnumerable<byte> values)
    {
        uint chk = 1;
        foreach (var value in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ value;
            for (var i = 0; i < 5; i++)
                if (((top >> i) & 1) != 0) chk ^= Generator[i];
        }
        return chk;
    }

    private static byte[] Checksum(string hrp, IReadOnlyList<byte> values)
    {
        var polymod = Polymod(HrpExpand(hrp).Concat(values).Concat(new byte[6])) ^ 1;
        var checksum = new byte[6];
        for (var i = 0; i < 6; i++) checksum[i] = (byte)((polymod >> (5 * (5 - i))) & 31);
        return checksum;
    }
}
