using Platform.Components.Networking.Certificates;
using Pulumi;

namespace Platform.Components.Networking;

/// <summary>What <see cref="CertificatesLayer"/> installs: cert-manager and the ClusterIssuers the options ask for.</summary>
public sealed record CertificatesLayerArgs
{
    /// <summary>The issuers and their settings. Required.</summary>
    public required CertificateOptions Options { get; init; }

    /// <summary>The default IngressClass, which HTTP-01 challenges are solved through. Required.</summary>
    public required string DefaultIngressClass { get; init; }

    /// <summary>The TSIG secret for DNS-01 through RFC 2136; kept secret. Required when the challenge is DNS-01.</summary>
    public Input<string>? Rfc2136TsigSecret { get; init; }

    /// <summary>The cluster's name, in the internal CA's subject. Required.</summary>
    public required string ClusterName { get; init; }
}
