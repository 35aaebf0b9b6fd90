using Pulumi;
using Pulumi.Tls;
using Pulumi.Tls.Inputs;

namespace Platform.Components.Cluster.EtcdBackup;

/// <summary>
/// The key pair the control-plane nodes' etcd backups are encrypted to, kept in Pulumi state: an RSA private key and a
/// self-signed certificate of it, the CMS recipient. The nodes get only the certificate, so a node (or whoever reads
/// the backup target) cannot decrypt a backup; the private key is a secret of the stack (the
/// <c>etcdBackupDecryptionKey</c> output) for a restore. The key is protected: without it no backup can be decrypted.
/// The certificate's end of validity does not matter to OpenSSL's encryption, and a new certificate of the same key
/// would decrypt the older backups too.
/// </summary>
public sealed class EtcdBackupKey : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:cluster:EtcdBackupKey";

    /// <summary>The RSA key's size.</summary>
    public const int RsaBits = 4096;

    /// <summary>The certificate's validity: 10 years.</summary>
    public const int ValidityHours = 87600;

    private static readonly string[] RecipientUses = { "key_encipherment", "data_encipherment" };

    /// <summary>Creates the key pair for the cluster <paramref name="clusterName"/>.</summary>
    public EtcdBackupKey(string name, string clusterName, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(clusterName);
        var key = new PrivateKey($"{name}-key", new PrivateKeyArgs { Algorithm = "RSA", RsaBits = RsaBits },
            new CustomResourceOptions { Parent = this, Protect = true });
        var certificate = new SelfSignedCert($"{name}-recipient", new SelfSignedCertArgs
        {
            PrivateKeyPem = key.PrivateKeyPem,
            ValidityPeriodHours = ValidityHours,
            AllowedUses = RecipientUses,
            Subject = new SelfSignedCertSubjectArgs { CommonName = "etcd backups", Organization = clusterName },
        }, new CustomResourceOptions { Parent = this });
        RecipientCertificatePem = certificate.CertPem;
        DecryptionKeyPem = Output.CreateSecret(key.PrivateKeyPem);
        RegisterOutputs(new Dictionary<string, object?> { ["recipientCertificatePem"] = RecipientCertificatePem });
    }

    /// <summary>The certificate the nodes encrypt to, PEM.</summary>
    public Output<string> RecipientCertificatePem { get; }

    /// <summary>The private key that decrypts the backups, PEM; a secret.</summary>
    public Output<string> DecryptionKeyPem { get; }
}
