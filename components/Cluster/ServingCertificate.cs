using Pulumi;

namespace Platform.Components.Cluster;

/// <summary>A serving certificate in Pulumi state: the certificate (PEM), its key (PEM, a secret) and when it expires
/// (RFC 3339).</summary>
public sealed record ServingCertificate(Output<string> CertPem, Output<string> KeyPem, Output<string> ValidityEndTime);
