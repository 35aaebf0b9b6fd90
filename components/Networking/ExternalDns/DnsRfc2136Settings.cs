using Platform.Components.Networking.Certificates;

namespace Platform.Components.Networking.ExternalDns;

/// <summary>Where external-dns sends RFC 2136 dynamic updates and which zone it manages there. The TSIG secret is not
/// here: the stack writes it from a Pulumi secret into <see cref="ExternalDnsValues.CredentialsSecretName"/> under
/// <see cref="ExternalDnsValues.TsigSecretKey"/>.</summary>
/// <remarks>external-dns reads the zone back by zone transfer (AXFR) signed with the same key, so the nameserver must
/// allow both updates and transfers for this key (BIND: <c>allow-update</c> and <c>allow-transfer</c> with
/// <c>key</c>).</remarks>
public sealed record DnsRfc2136Settings
{
    /// <summary>The authoritative nameserver, as <c>host</c> or <c>host:port</c> (host is a DNS name, an IPv4 address,
    /// or an IPv6 address in square brackets; the port defaults to 53). Required.</summary>
    public required string Nameserver { get; init; }

    /// <summary>The zone external-dns updates, e.g. <c>apps.example.com</c>, written without a trailing dot.
    /// Required.</summary>
    public required string Zone { get; init; }

    /// <summary>The name of the TSIG key as the nameserver knows it. Required.</summary>
    public required string TsigKeyName { get; init; }

    /// <summary>The TSIG algorithm, one of <see cref="TsigAlgorithms.Supported"/> (spelled as cert-manager spells them;
    /// the renderer translates for external-dns). Default <see cref="TsigAlgorithms.HmacSha256"/>.</summary>
    public string TsigAlgorithm { get; init; } = TsigAlgorithms.HmacSha256;
}
