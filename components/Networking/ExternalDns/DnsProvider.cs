namespace Platform.Components.Networking.ExternalDns;

/// <summary>The DNS service external-dns writes records to. Besides RFC 2136 for the organisation's own nameservers,
/// Platform offers the four public DNS services an on-prem cluster most often publishes through: all four are in-tree
/// external-dns providers maintained with the project (not webhooks), authenticate with a static credential that fits
/// in a Kubernetes Secret (an on-prem cluster has no cloud workload identity), and together cover the three large
/// clouds plus the most common independent DNS host.</summary>
public enum DnsProvider
{
    /// <summary>RFC 2136 dynamic updates with a TSIG key to an authoritative nameserver (BIND, Knot, PowerDNS).</summary>
    Rfc2136,

    /// <summary>Amazon Route 53, with an IAM user's access key.</summary>
    Aws,

    /// <summary>Azure DNS (public zones), with a service principal's client secret.</summary>
    Azure,

    /// <summary>Google Cloud DNS, with a service account key.</summary>
    Google,

    /// <summary>Cloudflare DNS, with an API token.</summary>
    Cloudflare,
}
