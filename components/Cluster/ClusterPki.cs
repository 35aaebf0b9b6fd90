using Pulumi;
using Pulumi.Tls;
using Pulumi.Tls.Inputs;

namespace Platform.Components.Cluster;

/// <summary>
/// The cluster's PKI, kept in Pulumi state: the cluster CA, the front-proxy CA, the etcd CA, the service-account
/// signing key pair and an admin client certificate (group <c>kubeadm:cluster-admins</c>). kubeadm is given these
/// CAs instead of generating its own, so the admin kubeconfig can be computed without reading anything back from a
/// node. The CAs and the service-account key are protected: deleting them would break every node's trust.
/// </summary>
public sealed class ClusterPki : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:cluster:ClusterPki";

    private static readonly string[] CaUses = { "cert_signing", "crl_signing", "digital_signature", "key_encipherment" };
    private static readonly string[] ClientUses = { "client_auth", "digital_signature", "key_encipherment" };

    /// <summary>Creates the PKI.</summary>
    public ClusterPki(string name, ClusterPkiArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var protectedChild = new CustomResourceOptions { Parent = this, Protect = true };

        ClusterCa = CreateAuthority($"{name}-cluster-ca", "kubernetes", args, protectedChild);
        FrontProxyCa = CreateAuthority($"{name}-front-proxy-ca", "front-proxy-ca", args, protectedChild);
        EtcdCa = CreateAuthority($"{name}-etcd-ca", "etcd-ca", args, protectedChild);

        var serviceAccountKey = new PrivateKey($"{name}-service-account-key",
            new PrivateKeyArgs { Algorithm = "RSA", RsaBits = args.RsaBits }, protectedChild);
        ServiceAccountPublicKeyPem = serviceAccountKey.PublicKeyPem;
        ServiceAccountPrivateKeyPem = Output.CreateSecret(serviceAccountKey.PrivateKeyPem);

        var child = new CustomResourceOptions { Parent = this };
        var adminKey = new PrivateKey($"{name}-admin-key", new PrivateKeyArgs { Algorithm = "RSA", RsaBits = args.RsaBits }, child);
        var adminRequest = new CertRequest($"{name}-admin-csr", new CertRequestArgs
        {
            PrivateKeyPem = adminKey.PrivateKeyPem,
            Subject = new CertRequestSubjectArgs { CommonName = "kubernetes-admin", Organization = "kubeadm:cluster-admins" },
        }, child);
        var adminCert = new LocallySignedCert($"{name}-admin-cert", new LocallySignedCertArgs
        {
            CertRequestPem = adminRequest.CertRequestPem,
            CaCertPem = ClusterCa.CertPem,
            CaPrivateKeyPem = ClusterCa.KeyPem,
            ValidityPeriodHours = args.AdminCertificateValidityHours,
            EarlyRenewalHours = args.AdminCertificateEarlyRenewalHours,
            AllowedUses = ClientUses,
        }, child);
        AdminCertPem = adminCert.CertPem;
        AdminKeyPem = Output.CreateSecret(adminKey.PrivateKeyPem);

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["clusterCaCertPem"] = ClusterCa.CertPem,
            ["frontProxyCaCertPem"] = FrontProxyCa.CertPem,
            ["etcdCaCertPem"] = EtcdCa.CertPem,
            ["serviceAccountPublicKeyPem"] = ServiceAccountPublicKeyPem,
            ["adminCertPem"] = AdminCertPem,
        });
    }

    /// <summary>The cluster CA: signs API server, kubelet and client certificates.</summary>
    public CertificateAuthority ClusterCa { get; }

    /// <summary>The front-proxy CA: signs the aggregation layer's client certificate.</summary>
    public CertificateAuthority FrontProxyCa { get; }

    /// <summary>The etcd CA: signs etcd server, peer and client certificates.</summary>
    public CertificateAuthority EtcdCa { get; }

    /// <summary>The service-account token verification key (sa.pub), PEM.</summary>
    public Output<string> ServiceAccountPublicKeyPem { get; }

    /// <summary>The service-account token signing key (sa.key), PEM; a secret.</summary>
    public Output<string> ServiceAccountPrivateKeyPem { get; }

    /// <summary>The admin client certificate (CN kubernetes-admin, O kubeadm:cluster-admins), PEM.</summary>
    public Output<string> AdminCertPem { get; }

    /// <summary>The admin client key, PEM; a secret.</summary>
    public Output<string> AdminKeyPem { get; }

    private static CertificateAuthority CreateAuthority(string name, string commonName, ClusterPkiArgs args, CustomResourceOptions options)
    {
        var key = new PrivateKey($"{name}-key", new PrivateKeyArgs { Algorithm = "RSA", RsaBits = args.RsaBits }, options);
        var cert = new SelfSignedCert(name, new SelfSignedCertArgs
        {
            PrivateKeyPem = key.PrivateKeyPem,
            IsCaCertificate = true,
            ValidityPeriodHours = args.CaValidityHours,
            AllowedUses = CaUses,
            Subject = new SelfSignedCertSubjectArgs { CommonName = commonName, Organization = args.ClusterName },
        }, options);
        return new CertificateAuthority(cert.CertPem, key.PrivateKeyPem);
    }
}
