using Pulumi;
using Pulumi.Random;
using Pulumi.Tls;
using Pulumi.Tls.Inputs;

namespace Platform.Components.Cluster;

/// <summary>
/// The cluster's PKI and credentials, kept in Pulumi state: the cluster CA, the front-proxy CA, the etcd CA, the
/// service-account signing key pair, an admin client certificate (group <c>kubeadm:cluster-admins</c>), the kubeadm
/// bootstrap token with the CA's discovery hash, and the keys that encrypt Secrets at rest. kubeadm is given these
/// CAs instead of generating its own, so the admin kubeconfig can be computed without reading anything back from a
/// node. The CAs, the service-account key and the encryption keys are protected: losing them breaks every node's
/// trust or every stored Secret.
/// </summary>
/// <remarks>
/// Every output holding secret material is a secret in state. The Tls private keys and the <c>RandomPassword</c> and
/// <c>RandomBytes</c> results are secrets in their providers' schemas. <c>RandomString</c> and <c>RandomId</c> are not
/// used for new secrets: their results are not schema secrets, and their resource ID is the value itself, which
/// Pulumi always stores in plain text (an ID cannot be made secret, not even with <c>AdditionalSecretOutputs</c>).
/// </remarks>
public sealed class ClusterPki : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:cluster:ClusterPki";

    private static readonly string[] CaUses = { "cert_signing", "crl_signing", "digital_signature", "key_encipherment" };
    private static readonly string[] ClientUses = { "client_auth", "digital_signature", "key_encipherment" };
    private static readonly string[] ServerUses = { "server_auth", "digital_signature", "key_encipherment" };

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
        AdminCertValidityEndTime = adminCert.ValidityEndTime;
        AdminKeyPem = Output.CreateSecret(adminKey.PrivateKeyPem);

        if (args.ControlPlaneServingCertificate)
        {
            // One certificate for every control-plane node: the controller manager and the scheduler listen on the node's
            // loopback address only, so the names are the same everywhere. Renewed by a `pulumi up` as the admin one is.
            var servingKey = new PrivateKey($"{name}-control-plane-serving-key", new PrivateKeyArgs { Algorithm = "RSA", RsaBits = args.RsaBits }, child);
            var servingRequest = new CertRequest($"{name}-control-plane-serving-csr", new CertRequestArgs
            {
                PrivateKeyPem = servingKey.PrivateKeyPem,
                Subject = new CertRequestSubjectArgs { CommonName = "control-plane-serving" },
                DnsNames = { "localhost" },
                IpAddresses = { "127.0.0.1" },
            }, child);
            var servingCert = new LocallySignedCert($"{name}-control-plane-serving-cert", new LocallySignedCertArgs
            {
                CertRequestPem = servingRequest.CertRequestPem,
                CaCertPem = ClusterCa.CertPem,
                CaPrivateKeyPem = ClusterCa.KeyPem,
                ValidityPeriodHours = args.AdminCertificateValidityHours,
                EarlyRenewalHours = args.AdminCertificateEarlyRenewalHours,
                AllowedUses = ServerUses,
            }, child);
            ControlPlaneServing = new ServingCertificate(servingCert.CertPem, Output.CreateSecret(servingKey.PrivateKeyPem), servingCert.ValidityEndTime);
        }

        // kubeadm's token format is [a-z0-9]{6}.[a-z0-9]{16}. RandomPassword, whose result is a schema secret and whose
        // ID is "none"; stacks that had RandomString parts get a new token, which the files and bootstrap-token steps
        // roll out (a joined node does not use its token again).
        static RandomPasswordArgs TokenPart(int length) => new() { Length = length, Upper = false, Special = false, Lower = true, Numeric = true };
        var tokenId = new RandomPassword($"{name}-bootstrap-token-id", TokenPart(6), child);
        var tokenSecret = new RandomPassword($"{name}-bootstrap-token-secret", TokenPart(16), child);
        BootstrapToken = Output.CreateSecret(Output.Format($"{tokenId.Result}.{tokenSecret.Result}"));
        DiscoveryTokenCaCertHash = ClusterCa.PublicKeyPem.Apply(DiscoveryHash.FromPublicKeyPem);

        var encryptionKey = new RandomBytes($"{name}-secrets-secretbox-key", new RandomBytesArgs { Length = 32 }, protectedChild);
        SecretsEncryptionKey = Output.CreateSecret(encryptionKey.Base64);

        // The aescbc key of earlier versions: Secrets they wrote stay readable with it. Kept as it is (a new resource
        // would be a new key), its outputs marked secret; its ID, the key in base64url, stays in plain text in state,
        // which is why it only reads and secretbox, under the key above, writes.
        var legacyOptions = new CustomResourceOptions { Parent = this, Protect = true };
        legacyOptions.AdditionalSecretOutputs.AddRange(new[] { "b64Std", "b64Url", "dec", "hex" });
        var legacyKey = new RandomId($"{name}-secrets-encryption-key", new RandomIdArgs { ByteLength = 32 }, legacyOptions);
        LegacyAescbcEncryptionKey = Output.CreateSecret(legacyKey.B64Std);

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["clusterCaCertPem"] = ClusterCa.CertPem,
            ["frontProxyCaCertPem"] = FrontProxyCa.CertPem,
            ["etcdCaCertPem"] = EtcdCa.CertPem,
            ["serviceAccountPublicKeyPem"] = ServiceAccountPublicKeyPem,
            ["adminCertPem"] = AdminCertPem,
            ["discoveryTokenCaCertHash"] = DiscoveryTokenCaCertHash,
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

    /// <summary>When the admin client certificate expires (the TLS provider's <c>validityEndTime</c>, RFC 3339).</summary>
    public Output<string> AdminCertValidityEndTime { get; }

    /// <summary>The admin client key, PEM; a secret.</summary>
    public Output<string> AdminKeyPem { get; }

    /// <summary>The serving certificate of the controller manager and the scheduler (for <c>127.0.0.1</c> and
    /// <c>localhost</c>, signed by the cluster CA); null unless <see cref="ClusterPkiArgs.ControlPlaneServingCertificate"/>.</summary>
    public ServingCertificate? ControlPlaneServing { get; }

    /// <summary>The kubeadm bootstrap token, <c>[a-z0-9]{6}.[a-z0-9]{16}</c>; a secret.</summary>
    public Output<string> BootstrapToken { get; }

    /// <summary>kubeadm's discovery-token-ca-cert-hash: <c>sha256:</c> and the SHA-256 of the cluster CA's public key.</summary>
    public Output<string> DiscoveryTokenCaCertHash { get; }

    /// <summary>The 32-byte <c>secretbox</c> key (base64) that encrypts Secrets at rest; a secret.</summary>
    public Output<string> SecretsEncryptionKey { get; }

    /// <summary>The 32-byte <c>aescbc</c> key (base64) with which earlier versions encrypted Secrets; kept only to read
    /// them until they are rewritten under <see cref="SecretsEncryptionKey"/>; a secret.</summary>
    public Output<string> LegacyAescbcEncryptionKey { get; }

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
        return new CertificateAuthority(cert.CertPem, key.PrivateKeyPem, key.PublicKeyPem, cert.ValidityEndTime);
    }
}
