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

    /// <summary>Where the default IngressClass's controller runs: its namespace and the container port its pods serve
    /// plain HTTP on. cert-manager's HTTP-01 self-check fetches the challenge from the domain, which Kubernetes'
    /// Service translation delivers to those pod ports, so cert-manager's egress allows them. Null: HTTP-01 unused.</summary>
    public DefaultIngressController? DefaultIngressController { get; init; }

    /// <summary>The TSIG secret for DNS-01 through RFC 2136; kept secret. Required when the challenge is DNS-01.</summary>
    public Input<string>? Rfc2136TsigSecret { get; init; }

    /// <summary>The cluster's name, in the internal CA's subject. Required.</summary>
    public required string ClusterName { get; init; }

    /// <summary>How cert-manager is scraped; null (the default) when monitoring is off. With it the chart creates its
    /// ServiceMonitor (as <see cref="Certificates.CertificateOptions.ServiceMonitor"/> does) and the release waits for the
    /// Prometheus Operator's CRDs.</summary>
    public Observability.MetricsScraping? Metrics { get; init; }
}
