namespace Platform.Components.Networking.Certificates;

/// <summary>How the Let's Encrypt ClusterIssuers prove control of a domain name.</summary>
public enum AcmeChallenge
{
    /// <summary>HTTP-01: Let's Encrypt fetches a token from <c>http://&lt;name&gt;/.well-known/acme-challenge/</c>, served
    /// by a solver pod behind an Ingress of the default ingress class. Needs the name to resolve publicly to the ingress
    /// controller and port 80 to be reachable from the internet; cannot issue wildcard certificates.</summary>
    Http01,

    /// <summary>DNS-01 through RFC 2136 dynamic updates: cert-manager writes the token as a TXT record on an authoritative
    /// nameserver (BIND, Knot, PowerDNS) with a TSIG key. Works for names that are not reachable from the internet and
    /// for wildcard certificates.</summary>
    Dns01Rfc2136,
}
