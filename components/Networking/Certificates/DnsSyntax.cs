using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Platform.Components.Networking.Certificates;

/// <summary>Syntax checks shared by the certificate and external-dns options: DNS names, nameserver addresses, email
/// addresses.</summary>
internal static partial class DnsSyntax
{
    /// <summary>Whether <paramref name="name"/> is a DNS name: dot-separated labels of letters, digits and inner hyphens,
    /// each 1 to 63 characters, 253 characters at most, no trailing dot.</summary>
    public static bool IsDomainName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 253 && DomainName().IsMatch(name);

    /// <summary>Whether <paramref name="name"/> is a TSIG key name: a DNS name whose labels may also hold underscores,
    /// with an optional trailing dot (BIND writes key names either way).</summary>
    public static bool IsKeyName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 254 && KeyName().IsMatch(name);

    /// <summary>Whether <paramref name="address"/> is an email address with a DNS domain that has at least two labels.
    /// Deliberately simple: it catches typos and placeholders, the ACME server does the rest.</summary>
    public static bool IsEmail(string? address)
    {
        if (string.IsNullOrEmpty(address))
            return false;
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
            return false;
        var domain = address[(at + 1)..];
        return LocalPart().IsMatch(address[..at]) && IsDomainName(domain) && domain.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>Parses a nameserver written as <c>host</c> or <c>host:port</c>, where host is a DNS name, an IPv4 address or
    /// an IPv6 address in square brackets. The port defaults to 53.</summary>
    /// <param name="nameserver">The text to parse.</param>
    /// <param name="host">The host without brackets.</param>
    /// <param name="port">The port, 1 to 65535.</param>
    /// <returns>True when the text is a valid nameserver.</returns>
    public static bool TryParseNameserver(string? nameserver, out string host, out int port)
    {
        host = string.Empty;
        port = 53;
        if (string.IsNullOrEmpty(nameserver))
            return false;

        string hostPart;
        string? portPart = null;
        if (nameserver.StartsWith('['))
        {
            var close = nameserver.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
                return false;
            hostPart = nameserver[1..close];
            var rest = nameserver[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':'))
                    return false;
                portPart = rest[1..];
            }
            if (!IPAddress.TryParse(hostPart, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
                return false;
        }
        else
        {
            var colon = nameserver.IndexOf(':', StringComparison.Ordinal);
            hostPart = colon < 0 ? nameserver : nameserver[..colon];
            portPart = colon < 0 ? null : nameserver[(colon + 1)..];
            if (!IsIPv4(hostPart) && !IsDomainName(hostPart))
                return false;
        }

        if (portPart is not null)
        {
            if (!PortDigits().IsMatch(portPart)
                || !int.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out port)
                || port is < 1 or > 65535)
                return false;
        }

        host = hostPart;
        return true;
    }

    private static bool IsIPv4(string text) =>
        Ipv4().IsMatch(text) && IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork;

    [GeneratedRegex(@"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainName();

    [GeneratedRegex(@"^(?![-.])[A-Za-z0-9_-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9_-]{1,63}(?<!-))*\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyName();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalPart();

    [GeneratedRegex(@"^[0-9]{1,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex PortDigits();

    [GeneratedRegex(@"^[0-9]{1,3}(\.[0-9]{1,3}){3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();
}
