using System.Security.Cryptography;

namespace Platform.Components.Cluster;

/// <summary>kubeadm's discovery-token-ca-cert-hash: the SHA-256 of the cluster CA's public key (its DER SubjectPublicKeyInfo).</summary>
public static class DiscoveryHash
{
    /// <summary>
    /// <c>sha256:&lt;hex&gt;</c> of the key in a PEM <c>PUBLIC KEY</c> block, which holds exactly the DER
    /// SubjectPublicKeyInfo that kubeadm hashes.
    /// </summary>
    public static string FromPublicKeyPem(string publicKeyPem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicKeyPem);
        var fields = PemEncoding.Find(publicKeyPem);
        var label = publicKeyPem[fields.Label];
        if (!string.Equals(label, "PUBLIC KEY", StringComparison.Ordinal))
            throw new ArgumentException($"Expected a PEM PUBLIC KEY block, got '{label}'.", nameof(publicKeyPem));
        var der = Convert.FromBase64String(publicKeyPem[fields.Base64Data]);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(der));
    }
}
