using System.Net;

namespace Platform.Components.Cluster;

/// <summary>Whether a text is an IP address written the way it prints: <see cref="IPAddress.TryParse(string, out IPAddress)"/>
/// also takes shorthands such as <c>10.1</c> or <c>167772161</c>, which kubelet's <c>--node-ip</c> does not.</summary>
internal static class CanonicalIp
{
    /// <summary>True when <paramref name="text"/> parses as an IP address and prints back the same.</summary>
    public static bool Is(string? text) => text is not null && IPAddress.TryParse(text, out var ip) && ip.ToString() == text;
}
