using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Tests.Cluster.EtcdBackup;

/// <summary>A recipient key pair like <c>EtcdBackupKey</c>'s (RSA, self-signed), made once for the tests, and
/// decryption with the real openssl.</summary>
internal static class TestBackupKey
{
    private static readonly Lazy<(string Certificate, string Key)> Pair = new(() =>
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=etcd backups, O=test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        return (certificate.ExportCertificatePem() + "\n", rsa.ExportPkcs8PrivateKeyPem() + "\n");
    });

    /// <summary>The certificate, PEM.</summary>
    public static string CertificatePem => Pair.Value.Certificate;

    /// <summary>The private key, PEM.</summary>
    public static string PrivateKeyPem => Pair.Value.Key;

    /// <summary><paramref name="encrypted"/> (CMS, DER) decrypted with the private key, or null when openssl refuses.</summary>
    public static byte[]? Decrypt(byte[] encrypted)
    {
        var folder = Directory.CreateTempSubdirectory("platform-cms-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "in.cms"), encrypted);
            File.WriteAllText(Path.Combine(folder, "key.pem"), PrivateKeyPem);
            var start = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { "cms", "-decrypt", "-binary", "-inform", "DER", "-in", Path.Combine(folder, "in.cms"),
                         "-inkey", Path.Combine(folder, "key.pem"), "-out", Path.Combine(folder, "out") })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? File.ReadAllBytes(Path.Combine(folder, "out")) : null;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>What the CMS structure says about itself (<c>openssl cms -cmsout -print</c>).</summary>
    public static string Describe(byte[] encrypted)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, encrypted);
            var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "cms", "-cmsout", "-print", "-inform", "DER", "-in", file }) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
