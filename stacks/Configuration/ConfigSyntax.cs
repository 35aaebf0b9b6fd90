using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Stacks.Configuration;

/// <summary>Syntax checks shared by the configuration types: DNS names, IPv4 addresses, Kubernetes label keys and
/// values, Linux user names, and the wording used in problem messages.</summary>
internal static partial class ConfigSyntax
{
    public const string HostExamples = "an IPv4 address such as 10.0.0.11 or a DNS name such as node-1.example.internal";

    public const string LabelNameRule =
        "1–63 characters of letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

    public static bool IsDns1123Label(string value) => value.Length <= 63 && Dns1123Label().IsMatch(value);

    public static bool IsDns1123Subdomain(string value) =>
        value.Length is > 0 and <= 253 && value.Split('.').All(IsDns1123Label);

    public static bool IsLinuxUserName(string value) => value.Length <= 32 && LinuxUserName().IsMatch(value);

    /// <summary>Parses dotted-quad IPv4 strictly: four decimal octets 0–255 without leading zeros.</summary>
    public static bool TryParseIpv4(string text, out uint address)
    {
        address = 0;
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            var octet = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (octet > 255)
            {
                return false;
            }

            address = (address << 8) | (uint)octet;
        }

        return true;
    }

    public static IPAddress ToIpAddress(uint address)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, address);
        return new IPAddress(bytes);
    }

    public static bool TryGetIpv4(IPAddress address, out uint value)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
        return true;
    }

    /// <summary>The IPv4 address <paramref name="host"/> denotes, or null when it is a DNS name (or invalid).</summary>
    public static IPAddress? Ipv4OrNull(string host) => TryParseIpv4(host, out var value) ? ToIpAddress(value) : null;

    /// <summary>Why <paramref name="host"/> is neither an IPv4 address nor a DNS name, or null when it is one of them.</summary>
    public static string? HostProblem(string host)
    {
        if (host.Length == 0)
        {
            return "is empty";
        }

        if (host.Contains(':', StringComparison.Ordinal) || host.StartsWith('['))
        {
            return $"'{host}' looks like an IPv6 address, and Platform supports IPv4 only for now";
        }

        if (host.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            return TryParseIpv4(host, out _) ? null : $"'{host}' is not a valid IPv4 address";
        }

        var labels = host.Split('.');
        if (host.Length > 253 || !labels.All(label => label.Length <= 63 && HostLabel().IsMatch(label)))
        {
            return $"'{host}' is not a valid DNS name (dot-separated labels of 1–63 letters, digits or '-', " +
                "each starting and ending with a letter or digit)";
        }

        return null;
    }

    /// <summary>Why <paramref name="key"/> is not a usable Kubernetes label (or taint) key, or null when it is.</summary>
    public static string? LabelKeyProblem(string key, bool rejectReservedPrefixes)
    {
        var parts = key.Split('/');
        if (parts.Length > 2)
        {
            return $"'{key}' is not a valid key: it may contain at most one '/' (prefix/name)";
        }

        var name = parts[^1];
        if (parts.Length == 2 && !IsDns1123Subdomain(parts[0]))
        {
            return $"'{key}' is not a valid key: its prefix '{parts[0]}' must be a lowercase DNS subdomain of at most 253 characters";
        }

        if (name.Length > 63 || !QualifiedName().IsMatch(name))
        {
            return $"'{key}' is not a valid key: its name '{name}' must be {LabelNameRule}";
        }

        if (rejectReservedPrefixes && parts.Length == 2 && ReservedRoot(parts[0], name) is { } root)
        {
            return $"'{key}' uses the reserved {root} prefix, which Kubernetes keeps for its own components " +
                "(accepted here: node-role.kubernetes.io/*, kubelet.kubernetes.io/*, node.kubernetes.io/* and the " +
                "well-known topology.kubernetes.io/zone and /region)";
        }

        return null;
    }

    /// <summary>Why <paramref name="value"/> is not a valid Kubernetes label (or taint) value, or null when it is.</summary>
    public static string? LabelValueProblem(string value) =>
        value.Length == 0 || (value.Length <= 63 && QualifiedName().IsMatch(value))
            ? null
            : $"'{value}' is not a valid value: use an empty string or {LabelNameRule}";

    /// <summary>A close match for a misspelt <paramref name="input"/> among <paramref name="candidates"/>, or null.</summary>
    public static string? Suggest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, input, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }

            var distance = EditDistance(input.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        var tolerance = input.Length switch
        {
            <= 4 => 1,
            <= 8 => 2,
            _ => 3,
        };
        return bestDistance <= tolerance ? best : null;
    }

    /// <summary>" (did you mean 'x'?)" when there is a close match, otherwise an empty string.</summary>
    public static string DidYouMean(string input, IEnumerable<string> candidates) =>
        Suggest(input, candidates) is { } suggestion ? $" (did you mean '{suggestion}'?)" : string.Empty;

    /// <summary>Appends <paramref name="key"/> to a config path the way <c>pulumi config --path</c> writes it:
    /// <c>parent.key</c>, or <c>parent["key"]</c> when the key is not a plain identifier.</summary>
    public static string PathSegment(string parent, string key) =>
        PlainIdentifier().IsMatch(key) ? $"{parent}.{key}" : $"{parent}[\"{key.Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>"a, b or c".</summary>
    public static string JoinOr(IReadOnlyList<string> values) => values.Count switch
    {
        0 => string.Empty,
        1 => values[0],
        _ => $"{string.Join(", ", values.Take(values.Count - 1))} or {values[^1]}",
    };

    /// <summary>Whether <paramref name="key"/> has a kubernetes.io or k8s.io prefix that nodes may not be given
    /// (see <see cref="NodeLabelPrefixes"/> and <see cref="WellKnownNodeLabels"/> for the ones they may).</summary>
    public static bool IsReservedLabelKey(string key)
    {
        var parts = key.Split('/');
        return parts.Length == 2 && ReservedRoot(parts[0], parts[1]) is not null;
    }

    /// <summary>kubernetes.io prefixes a node's labels may use: node roles, and the two kubelet itself may set.</summary>
    private static readonly string[] NodeLabelPrefixes = { "node-role.kubernetes.io", "kubelet.kubernetes.io", "node.kubernetes.io" };

    /// <summary>Well-known kubernetes.io labels an operator sets on nodes (kubelet's --node-labels accepts them too).</summary>
    private static readonly string[] WellKnownNodeLabels = { "topology.kubernetes.io/zone", "topology.kubernetes.io/region" };

    private static string? ReservedRoot(string prefix, string name)
    {
        if (NodeLabelPrefixes.Contains(prefix, StringComparer.Ordinal) ||
            WellKnownNodeLabels.Contains($"{prefix}/{name}", StringComparer.Ordinal))
        {
            return null;
        }

        foreach (var root in new[] { "kubernetes.io", "k8s.io" })
        {
            if (string.Equals(prefix, root, StringComparison.Ordinal) ||
                prefix.EndsWith("." + root, StringComparison.Ordinal))
            {
                return root;
            }
        }

        return null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.</summary>
    private static int EditDistance(string a, string b)
    {
        var distance = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            distance[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            distance[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(distance[i - 1, j] + 1, distance[i, j - 1] + 1), distance[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, distance[i - 2, j - 2] + 1);
                }

                distance[i, j] = best;
            }
        }

        return distance[a.Length, b.Length];
    }

    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"\A[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex HostLabel();

    [GeneratedRegex(@"\A[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"\A[a-z_][a-z0-9_-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex LinuxUserName();

    [GeneratedRegex(@"\A[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainIdentifier();
}
