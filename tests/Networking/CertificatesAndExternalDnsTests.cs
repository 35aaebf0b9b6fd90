using System.Collections.Immutable;
using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Components.Networking.Certificates;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;

namespace Platform.Tests.Networking;

public class CertificatesAndExternalDnsTests
{
    private const string IssuerType = "kubernetes:cert-manager.io/v1:ClusterIssuer";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static Dictionary<string, string> With(string capabilities, params (string Key, string Value)[] extra)
    {
        var config = ValidConfig.Values();
        config["capabilities"] = capabilities;
        foreach (var (key, value) in extra) config[key] = value;
        return config;
    }

    [Fact]
    public async Task Certificates_are_off_by_default_and_install_cert_manager_with_three_issuers_when_switched_on()
    {
        var off = await StackRunner.RunAsync(ValidConfig.Values());
        Assert.Empty(off.All<CertificatesLayer>());

        var run = await StackRunner.RunAsync(With("""{"certificates": true}""", ("certificates", """{"acmeEmail": "platform@example.com"}""")));
        var layer = run.Single<CertificatesLayer>();
        Assert.Equal(new[] { ClusterIssuers.LetsEncryptStaging, ClusterIssuers.LetsEncryptProduction, ClusterIssuers.InternalCa }, layer.Issuers);
        Assert.Equal(HelmCharts.CertManager.Version, run.Registration("kubernetes:helm.sh/v3:Release", "platform-prod-certificates-cert-manager").Inputs["version"]);
        var production = run.Registration(IssuerType, $"platform-prod-certificates-{ClusterIssuers.LetsEncryptProduction}");
        var acme = Map(Map(production.Inputs["spec"])["acme"]);
        Assert.Equal(ClusterIssuers.LetsEncryptProductionServer, acme["server"]);
        var solver = Map(((ImmutableArray<object>)acme["solvers"])[0]);
        Assert.Equal("traefik", Map(Map(solver["http01"])["ingress"])["ingressClassName"]);
        var graph = await DependencyGraph.OfAsync(run);
        Assert.Contains("platform-prod-certificates-cert-manager", graph.Direct($"platform-prod-certificates-{ClusterIssuers.LetsEncryptProduction}"));
    }

    [Fact]
    public async Task The_internal_ca_comes_from_pulumi_state_protected_and_reaches_the_cluster_as_a_secret()
    {
        var run = await StackRunner.RunAsync(With("""{"certificates": true}""", ("certificates", """{"letsEncrypt": false}""")));
        Assert.True(run.Options["platform-prod-certificates-internal-ca-key"].Protect);
        Assert.True(run.Options["platform-prod-certificates-internal-ca"].Protect);
        var secret = run.Registration("kubernetes:core/v1:Secret", "platform-prod-certificates-internal-ca-secret");
        Assert.Equal("kubernetes.io/tls", secret.Inputs["type"]);
        Assert.Equal(ClusterIssuers.InternalCaSecretName, Map(secret.Inputs["metadata"])["name"]);
        Assert.Equal("cert-manager", Map(secret.Inputs["metadata"])["namespace"]);
        var data = await Outputs.ValueAsync(((SecretArgs)run.Args["platform-prod-certificates-internal-ca-secret"]).StringData.ToOutput());
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", data["tls.key"]);
        Assert.True(await Outputs.IsSecretAsync(((SecretArgs)run.Args["platform-prod-certificates-internal-ca-secret"]).StringData.ToOutput()));
        Assert.Equal(ClusterIssuers.InternalCaSecretName, Map(Map(run.Registration(IssuerType, $"platform-prod-certificates-{ClusterIssuers.InternalCa}").Inputs["spec"])["ca"])["secretName"]);
    }

    [Fact]
    public async Task Dns01_through_rfc2136_uses_the_tsig_secret_from_configuration()
    {
        var certificates = """{"acmeEmail": "platform@example.com", "challenge": "dns01", "rfc2136": {"nameserver": "10.0.0.53", "tsigKeyName": "acme"}}""";
        var missing = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(With("""{"certificates": true}""", ("certificates", certificates))));
        Assert.Contains("platform:rfc2136TsigSecret", missing.Message);

        var config = With("""{"certificates": true}""", ("certificates", certificates), ("rfc2136TsigSecret", "c2VjcmV0"));
        var run = await StackRunner.RunAsync(config);
        var tsig = run.Registration("kubernetes:core/v1:Secret", "platform-prod-certificates-rfc2136-tsig");
        Assert.Equal("c2VjcmV0", Map(tsig.Inputs["stringData"])[ClusterIssuers.Rfc2136SecretKey]);
    }

    [Theory]
    [InlineData("""{"certificates": true}""", null, "platform:certificates")]
    [InlineData("""{"certificates": true}""", """{"acmeEmail": "not-an-email"}""", "platform:certificates")]
    [InlineData("""{"certificates": true}""", """{"acmeEmail": "a@example.com", "challange": "http01"}""", "platform:certificates")]
    [InlineData("""{"certificates": true, "ingress": false}""", """{"acmeEmail": "a@example.com"}""", "platform:certificates")]
    [InlineData("""{"externalDns": true}""", null, "platform:externalDns")]
    public async Task Switched_on_add_ons_need_their_settings(string capabilities, string? certificates, string key)
    {
        var config = With(capabilities);
        if (certificates != null) config["certificates"] = certificates;
        var mocks = new PlatformMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));
        Assert.Contains(key, error.Message);
        Assert.Empty(mocks.Registrations);
    }

    [Fact]
    public async Task External_dns_keeps_the_clusters_records_with_credentials_from_a_secret()
    {
        var externalDns = """{"provider": "cloudflare", "domainFilters": ["apps.example.com"]}""";
        var missing = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(With("""{"externalDns": true}""", ("externalDns", externalDns))));
        Assert.Contains("platform:externalDnsCredentials", missing.Message);

        var run = await StackRunner.RunAsync(With("""{"externalDns": true}""", ("externalDns", externalDns),
            ("externalDnsCredentials", """{"cloudflare-api-token": "token-value"}""")));
        var release = run.Registration("kubernetes:helm.sh/v3:Release", "platform-prod-external-dns-external-dns");
        Assert.Equal(HelmCharts.ExternalDns.Name, release.Inputs["chart"]);
        Assert.Equal("platform-prod", Map(release.Inputs["values"])["txtOwnerId"]);
        var secret = run.Registration("kubernetes:core/v1:Secret", "platform-prod-external-dns-credentials");
        Assert.Equal("token-value", Map(secret.Inputs["stringData"])["cloudflare-api-token"]);
        Assert.True(await Outputs.IsSecretAsync(((SecretArgs)run.Args["platform-prod-external-dns-credentials"]).StringData.ToOutput()));
        var graph = await DependencyGraph.OfAsync(run);
        Assert.Contains("platform-prod-external-dns-credentials", graph.Direct("platform-prod-external-dns-external-dns"));
    }
}
