namespace Platform.Components.Networking.Certificates;

/// <summary>Where and how cert-manager sends RFC 2136 dynamic updates for DNS-01 challenges. The TSIG secret itself is not
/// here: it is a Pulumi secret that the stack writes into the Kubernetes Secret
/// <see cref="ClusterIssuers.Rfc2136SecretName"/> under <see cref="ClusterIssuers.Rfc2136SecretKey"/>, so it never
/// appears in options, values or specs.</summary>
public sealed record Rfc2136Settings
{
    /// <summary>The authoritative nameserver that accepts the updates, as <c>host</c> or <c>host:port</c> (host is a DNS
    /// name, an IPv4 address, or an IPv6 address in square brackets; the port defaults to 53). Required.</summary>
    public required string Nameserver { get; init; }

    /// <summary>The name of the TSIG key as the nameserver knows it (the <c>key "…"</c> name in BIND). Required.</summary>
    public required string TsigKeyName { get; init; }

    /// <summary>The TSIG algorithm, one of <see cref="TsigAlgorithms.Supported"/>. Default
    /// <see cref="TsigAlgorithms.HmacSha256"/>.</summary>
    public string TsigAlgorithm { get; init; } = TsigAlgorithms.HmacSha256;

    /// <summary>The problems with these settings, each naming the field under <paramref name="prefix"/>; empty when
    /// valid.</summary>
    internal IReadOnlyList<string> Validate(string prefix)
    {
        var problems = new List<string>();
        if (!DnsSyntax.TryParseNameserver(Nameserver, out _, out _))
            problems.Add($"{prefix}.nameserver '{Nameserver}' is not host or host:port (a DNS name, an IPv4 address or a bracketed IPv6 address, port 1-65535).");
        if (!DnsSyntax.IsKeyName(TsigKeyName))
            problems.Add($"{prefix}.tsigKeyName '{TsigKeyName}' is not a valid TSIG key name: use the key's DNS-style name as the nameserver knows it, e.g. 'cert-manager' or 'cert-manager.example.com.'.");
        if (!TsigAlgorithms.IsSupported(TsigAlgorithm))
            problems.Add($"{prefix}.tsigAlgorithm '{TsigAlgorithm}' is not supported. Use one of {string.Join(", ", TsigAlgorithms.Supported)}.");
        return problems;
    }
}
