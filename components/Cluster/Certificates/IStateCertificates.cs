using Pulumi;

namespace Platform.Components.Cluster.Certificates;

/// <summary>A component that keeps certificates in the stack's state (the TLS provider's): their expiries, which the stack
/// adds to the cluster's for its <c>earliestCertificateExpiry</c> output and its certificate warning.</summary>
public interface IStateCertificates
{
    /// <summary>Each certificate's expiry, located in <see cref="CertificateExpiry.StackState"/>; empty while the provider
    /// has not given them.</summary>
    Output<IReadOnlyList<CertificateExpiry>> CertificateExpiries { get; }
}
