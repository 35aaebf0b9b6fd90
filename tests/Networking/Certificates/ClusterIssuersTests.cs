using Platform.Tests.Harness;
using Platform.Components.Networking.Certificates;

namespace Platform.Tests.Networking.Certificates;

public class ClusterIssuersTests
{
    private const string IngressClass = "traefik";

    [Fact]
    public void Identity_is_cert_manager_v1()
    {
        Assert.Equal("cert-manager.io/v1", ClusterIssuers.ApiVersion);
        Assert.Equal("ClusterIssuer", ClusterIssuers.Kind);
        Assert.Equal(
            ["letsencrypt-staging", "letsencrypt-production", "platform-internal-ca"],
            new[] { ClusterIssuers.LetsEncryptStaging, ClusterIssuers.LetsEncryptProduction, ClusterIssuers.InternalCa });
    }

    [Theory]
    [InlineData(false, "https://acme-staging-v02.api.letsencrypt.org/directory", "letsencrypt-staging-account-key")]
    [InlineData(true, "https://acme-v02.api.letsencrypt.org/directory", "letsencrypt-production-account-key")]
    public void Staging_and_production_use_their_servers_and_account_keys(bool production, string server, string accountKey)
    {
        var spec = ClusterIssuers.AcmeSpec(CertificateOptionsTests.Http01, production, IngressClass);

        Assert.Equal(server, ValuesTree.At(spec, "acme.server"));
        Assert.Equal("platform@example.com", ValuesTree.At(spec, "acme.email"));
        Assert.Equal(accountKey, ValuesTree.At(spec, "acme.privateKeySecretRef.name"));
    }

    [Fact]
    public void Http01_solves_through_the_default_ingress_class()
    {
        var spec = ClusterIssuers.AcmeSpec(CertificateOptionsTests.Http01, true, IngressClass);

        var solver = Assert.IsType<Dictionary<string, object>>(Assert.Single(Assert.IsType<object[]>(ValuesTree.At(spec, "acme.solvers"))));
        Assert.Equal(["http01"], solver.Keys);
        Assert.Equal(IngressClass, ValuesTree.At(spec, "acme.solvers.0.http01.ingress.ingressClassName"));
    }

    [Fact]
    public void Dns01_uses_rfc2136_with_the_tsig_secret_reference()
    {
        var options = CertificateOptionsTests.Dns01 with
        {
            Rfc2136 = CertificateOptionsTests.Bind with { TsigAlgorithm = TsigAlgorithms.HmacSha512 },
        };

        var spec = ClusterIssuers.AcmeSpec(options, false, IngressClass);

        var solver = Assert.IsType<Dictionary<string, object>>(Assert.Single(Assert.IsType<object[]>(ValuesTree.At(spec, "acme.solvers"))));
        Assert.Equal(["dns01"], solver.Keys);
        const string Rfc2136 = "acme.solvers.0.dns01.rfc2136";
        Assert.Equal("ns1.example.com:53", ValuesTree.At(spec, $"{Rfc2136}.nameserver"));
        Assert.Equal("cert-manager.example.com.", ValuesTree.At(spec, $"{Rfc2136}.tsigKeyName"));
        Assert.Equal("HMACSHA512", ValuesTree.At(spec, $"{Rfc2136}.tsigAlgorithm"));
        Assert.Equal("platform-rfc2136-tsig", ValuesTree.At(spec, $"{Rfc2136}.tsigSecretSecretRef.name"));
        Assert.Equal("tsig-secret", ValuesTree.At(spec, $"{Rfc2136}.tsigSecretSecretRef.key"));
        Assert.Equal(ClusterIssuers.Rfc2136SecretName, ValuesTree.At(spec, $"{Rfc2136}.tsigSecretSecretRef.name"));
        Assert.Equal(ClusterIssuers.Rfc2136SecretKey, ValuesTree.At(spec, $"{Rfc2136}.tsigSecretSecretRef.key"));
    }

    [Fact]
    public void Internal_ca_signs_with_the_platform_ca_secret()
    {
        var spec = ClusterIssuers.InternalCaSpec();

        Assert.Equal(["ca"], spec.Keys);
        Assert.Equal("platform-internal-ca", ValuesTree.At(spec, "ca.secretName"));
        Assert.Equal(ClusterIssuers.InternalCaSecretName, ValuesTree.At(spec, "ca.secretName"));
    }

    [Fact]
    public void Specs_survive_a_yaml_round_trip()
    {
        ValuesTree.AssertRoundTrips(ClusterIssuers.AcmeSpec(CertificateOptionsTests.Http01, false, IngressClass));
        ValuesTree.AssertRoundTrips(ClusterIssuers.AcmeSpec(CertificateOptionsTests.Dns01, true, IngressClass));
        ValuesTree.AssertRoundTrips(ClusterIssuers.InternalCaSpec());
    }

    [Fact]
    public void Acme_spec_refuses_invalid_options()
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterIssuers.AcmeSpec(new CertificateOptions(), true, IngressClass));
        Assert.Contains("acmeEmail is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acme_spec_refuses_options_without_lets_encrypt()
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterIssuers.AcmeSpec(new CertificateOptions { LetsEncrypt = false }, true, IngressClass));
        Assert.Contains("not enabled", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Traefik")]
    [InlineData("ingress class")]
    public void Http01_refuses_a_bad_ingress_class(string ingressClass) =>
        Assert.Throws<ArgumentException>(() => ClusterIssuers.AcmeSpec(CertificateOptionsTests.Http01, true, ingressClass));

    [Fact]
    public void Dns01_does_not_need_an_ingress_class()
    {
        var spec = ClusterIssuers.AcmeSpec(CertificateOptionsTests.Dns01, true, "");
        Assert.True(ValuesTree.Has(spec, "acme.server"));
    }
}
