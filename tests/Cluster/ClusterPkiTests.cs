using Platform.Components.Cluster;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;

namespace Platform.Tests.Cluster;

public class ClusterPkiTests
{
    private const string Pki = "platform-prod-pki";

    [Fact]
    public async Task Creates_the_three_certificate_authorities_the_service_account_key_and_the_admin_certificate()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());

        var cas = run.RegistrationsOf("tls:index/selfSignedCert:SelfSignedCert").ToDictionary(r => r.Name!);
        Assert.Equal(new[] { $"{Pki}-cluster-ca", $"{Pki}-etcd-ca", $"{Pki}-front-proxy-ca" }, cas.Keys.Order());
        foreach (var (name, commonName) in new[] { ("cluster-ca", "kubernetes"), ("front-proxy-ca", "front-proxy-ca"), ("etcd-ca", "etcd-ca") })
        {
            var inputs = cas[$"{Pki}-{name}"].Inputs;
            Assert.Equal(true, inputs["isCaCertificate"]);
            Assert.Equal(87600.0, inputs["validityPeriodHours"]);
            var subject = (IReadOnlyDictionary<string, object>)inputs["subject"];
            Assert.Equal(commonName, subject["commonName"]);
            Assert.Equal("platform-prod", subject["organization"]);
        }
        var csr = run.Registration("tls:index/certRequest:CertRequest", $"{Pki}-admin-csr");
        var csrSubject = (IReadOnlyDictionary<string, object>)csr.Inputs["subject"];
        Assert.Equal("kubernetes-admin", csrSubject["commonName"]);
        Assert.Equal("kubeadm:cluster-admins", csrSubject["organization"]);
        var admin = run.Registration("tls:index/locallySignedCert:LocallySignedCert", $"{Pki}-admin-cert");
        Assert.Equal(PlatformMocks.Pem("CERTIFICATE", $"{Pki}-cluster-ca"), admin.Inputs["caCertPem"]);
        Assert.Equal(PlatformMocks.Pem("PRIVATE KEY", $"{Pki}-cluster-ca-key"), admin.Inputs["caPrivateKeyPem"]);
        Assert.Equal(720.0, admin.Inputs["earlyRenewalHours"]);
        Assert.Contains("client_auth", (IEnumerable<object>)admin.Inputs["allowedUses"]);
        Assert.Equal("RSA", run.Registration("tls:index/privateKey:PrivateKey", $"{Pki}-service-account-key").Inputs["algorithm"]);
    }

    [Fact]
    public async Task Authorities_and_the_service_account_key_are_protected_and_the_renewable_admin_credential_is_not()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        foreach (var name in new[] { "cluster-ca", "cluster-ca-key", "front-proxy-ca", "front-proxy-ca-key", "etcd-ca", "etcd-ca-key", "service-account-key" })
            Assert.True(run.Options[$"{Pki}-{name}"].Protect, $"{name} must be protected");
        foreach (var name in new[] { "admin-key", "admin-csr", "admin-cert" })
            Assert.NotEqual(true, run.Options[$"{Pki}-{name}"].Protect);
        foreach (var name in new[] { "cluster-ca", "admin-cert" })
            Assert.IsType<ClusterPki>(run.Options[$"{Pki}-{name}"].Parent);
    }

    [Fact]
    public async Task Every_private_key_leaves_the_component_as_a_secret()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        var pki = run.Single<ClusterPki>();
        foreach (var key in new[] { pki.ClusterCa.KeyPem, pki.FrontProxyCa.KeyPem, pki.EtcdCa.KeyPem, pki.ServiceAccountPrivateKeyPem, pki.AdminKeyPem })
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", await Outputs.SecretValueAsync(key));
        Assert.False(await Outputs.IsSecretAsync(pki.ClusterCa.CertPem));
        Assert.Equal(PlatformMocks.Pem("PUBLIC KEY", $"{Pki}-service-account-key"), await Outputs.ValueAsync(pki.ServiceAccountPublicKeyPem));
    }
}
