using Pulumi;
using Pulumi.Tls;
using Pulumi.Tls.Inputs;

namespace Platform.Components.Observability.Logging;

/// <summary>
/// The logging layer's PKI, in Pulumi state (Pulumi.Tls): a CA of its own (protected: replacing it breaks every
/// client's trust), the nodes' transport certificate (subject <see cref="OpenSearchSecurityConfig.NodesDn"/>, client and
/// server use, naming every StatefulSet pod), the HTTP certificate (the Service's names and the pods'), and the admin
/// client certificate (<see cref="OpenSearchSecurityConfig.AdminDn"/>) that <c>securityadmin.sh</c> and the setup Job
/// authenticate with. Private keys are PKCS#8 (what the security plugin and <c>securityadmin.sh</c> read) and secrets.
/// A certificate is reissued by the <c>pulumi up</c> in its last <see cref="EarlyRenewalHours"/> hours.
/// </summary>
internal sealed class OpenSearchCertificates
{
    /// <summary>The CA's validity: 10 years.</summary>
    public const int CaValidityHours = 87_600;

    /// <summary>A node, HTTP or admin certificate's validity: 2 years.</summary>
    public const int ValidityHours = 17_520;

    /// <summary>How early before its expiry a <c>pulumi up</c> reissues a certificate: 90 days.</summary>
    public const int EarlyRenewalHours = 2_160;

    private static readonly string[] PeerUses = ["digital_signature", "key_encipherment", "server_auth", "client_auth"];
    private static readonly string[] ServerUses = ["digital_signature", "key_encipherment", "server_auth"];
    private static readonly string[] ClientUses = ["digital_signature", "key_encipherment", "client_auth"];

    public OpenSearchCertificates(Resource parent, string name, IReadOnlyList<string> nodeNames, IReadOnlyList<string> httpNames)
    {
        var child = new CustomResourceOptions { Parent = parent };
        var protectedChild = new CustomResourceOptions { Parent = parent, Protect = true };
        var caKey = new PrivateKey($"{name}-ca-key", new PrivateKeyArgs { Algorithm = "RSA", RsaBits = 2048 }, protectedChild);
        var ca = new SelfSignedCert($"{name}-ca", new SelfSignedCertArgs
        {
            PrivateKeyPem = caKey.PrivateKeyPem,
            IsCaCertificate = true,
            ValidityPeriodHours = CaValidityHours,
            AllowedUses = { "cert_signing", "crl_signing", "digital_signature" },
            Subject = new SelfSignedCertSubjectArgs { CommonName = "opensearch-ca", OrganizationalUnit = "logging", Organization = "platform" },
        }, protectedChild);
        CaCertPem = ca.CertPem;
        var expiries = new List<(string, Output<string>, bool)> { ("opensearch-ca", ca.ValidityEndTime, false) };

        (Output<string> Cert, Output<string> Key) Leaf(string leaf, string commonName, IReadOnlyList<string> dnsNames, string[] uses)
        {
            var key = new PrivateKey($"{name}-{leaf}-key", new PrivateKeyArgs { Algorithm = "RSA", RsaBits = 2048 }, child);
            var request = new CertRequest($"{name}-{leaf}-csr", new CertRequestArgs
            {
                PrivateKeyPem = key.PrivateKeyPem,
                Subject = new CertRequestSubjectArgs { CommonName = commonName, OrganizationalUnit = "logging", Organization = "platform" },
                DnsNames = dnsNames.ToList(),
            }, child);
            var cert = new LocallySignedCert($"{name}-{leaf}-cert", new LocallySignedCertArgs
            {
                CertRequestPem = request.CertRequestPem,
                CaCertPem = ca.CertPem,
                CaPrivateKeyPem = caKey.PrivateKeyPem,
                ValidityPeriodHours = ValidityHours,
                EarlyRenewalHours = EarlyRenewalHours,
                AllowedUses = uses,
            }, child);
            expiries.Add(($"opensearch-{leaf}", cert.ValidityEndTime, true));
            return (cert.CertPem, Output.CreateSecret(key.PrivateKeyPemPkcs8));
        }

        Transport = Leaf("transport", "opensearch-node", nodeNames, PeerUses);
        Http = Leaf("http", "opensearch-http", httpNames, ServerUses);
        Admin = Leaf("admin", "opensearch-admin", [], ClientUses);
        CertificateExpiries = Cluster.Certificates.CertificateExpiry.InState(expiries);
    }

    /// <summary>The CA's (not renewed) and the three leaves' (renewed by a <c>pulumi up</c>) expiries.</summary>
    public Output<IReadOnlyList<Cluster.Certificates.CertificateExpiry>> CertificateExpiries { get; }

    /// <summary>The CA's certificate, PEM.</summary>
    public Output<string> CaCertPem { get; }

    /// <summary>The nodes' transport certificate and key (PEM, the key PKCS#8 and secret).</summary>
    public (Output<string> Cert, Output<string> Key) Transport { get; }

    /// <summary>The HTTP certificate and key.</summary>
    public (Output<string> Cert, Output<string> Key) Http { get; }

    /// <summary>The admin client certificate and key.</summary>
    public (Output<string> Cert, Output<string> Key) Admin { get; }
}
