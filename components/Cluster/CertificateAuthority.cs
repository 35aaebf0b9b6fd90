using Pulumi;

namespace Platform.Components.Cluster;

/// <summary>A certificate authority of the cluster: its certificate and (secret) private key, both PEM.</summary>
public sealed class CertificateAuthority
{
    internal CertificateAuthority(Output<string> certPem, Output<string> keyPem, Output<string> publicKeyPem, Output<string> validityEndTime)
    {
        CertPem = certPem;
        ValidityEndTime = validityEndTime;
        KeyPem = Output.CreateSecret(keyPem);
        PublicKeyPem = publicKeyPem;
    }

    /// <summary>The CA certificate, PEM.</summary>
    public Output<string> CertPem { get; }

    /// <summary>The CA private key, PEM; a secret.</summary>
    public Output<string> KeyPem { get; }

    /// <summary>When the CA certificate expires (the TLS provider's <c>validityEndTime</c>, RFC 3339).</summary>
    public Output<string> ValidityEndTime { get; }

    /// <summary>The CA's public key, PEM (SubjectPublicKeyInfo).</summary>
    public Output<string> PublicKeyPem { get; }
}
