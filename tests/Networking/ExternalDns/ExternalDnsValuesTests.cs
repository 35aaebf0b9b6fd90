using Platform.Tests.Harness;
using Platform.Components.Catalog;
using Platform.Components.Networking.ExternalDns;
using Platform.Tests.Networking.Certificates;

namespace Platform.Tests.Networking.ExternalDns;

public class ExternalDnsValuesTests
{
    private const string Cluster = "prod-eu";

    private static IReadOnlyDictionary<string, object> Render(ExternalDnsOptions options) => ExternalDnsValues.Render(options, Cluster);

    private static IReadOnlyList<string> Args(IReadOnlyDictionary<string, object> values) =>
        Assert.IsType<object[]>(ValuesTree.At(values, "extraArgs")).Cast<string>().ToList();

    private static Dictionary<string, object> EnvVar(IReadOnlyDictionary<string, object> values, string name) =>
        Assert.Single(Assert.IsType<object[]>(ValuesTree.At(values, "env")).Cast<Dictionary<string, object>>(), e => (string)e["name"] == name);

    private static void AssertSecretRef(Dictionary<string, object> env, string key)
    {
        Assert.Equal(ExternalDnsValues.CredentialsSecretName, ValuesTree.At(env, "valueFrom.secretKeyRef.name"));
        Assert.Equal(key, ValuesTree.At(env, "valueFrom.secretKeyRef.key"));
    }

    [Theory]
    [InlineData(DnsProvider.Rfc2136, "rfc2136")]
    [InlineData(DnsProvider.Aws, "aws")]
    [InlineData(DnsProvider.Azure, "azure")]
    [InlineData(DnsProvider.Google, "google")]
    [InlineData(DnsProvider.Cloudflare, "cloudflare")]
    public void Provider_name_is_the_external_dns_provider(DnsProvider provider, string name) =>
        Assert.Equal(name, ValuesTree.At(Render(ExternalDnsOptionSets.For(provider)), "provider.name"));

    [Theory]
    [MemberData(nameof(ExternalDnsOptionSets.Providers), MemberType = typeof(ExternalDnsOptionSets))]
    public void Common_values_are_set_for_every_provider(DnsProvider provider)
    {
        var options = ExternalDnsOptionSets.For(provider);
        var values = Render(options);

        Assert.Equal(Cluster, ValuesTree.At(values, "txtOwnerId"));
        Assert.Equal("txt", ValuesTree.At(values, "registry"));
        Assert.Equal("upsert-only", ValuesTree.At(values, "policy"));
        Assert.Equal(new object[] { "ingress", "service" }, ValuesTree.At(values, "sources"));
        Assert.Equal(options.DomainFilters.Cast<object>().ToArray(), ValuesTree.At(values, "domainFilters"));
    }

    [Theory]
    [MemberData(nameof(ExternalDnsOptionSets.Providers), MemberType = typeof(ExternalDnsOptionSets))]
    public void Sync_switches_the_policy(DnsProvider provider) =>
        Assert.Equal("sync", ValuesTree.At(Render(ExternalDnsOptionSets.For(provider) with { Sync = true }), "policy"));

    [Theory]
    [MemberData(nameof(ExternalDnsOptionSets.Providers), MemberType = typeof(ExternalDnsOptionSets))]
    public void Values_survive_a_yaml_round_trip(DnsProvider provider)
    {
        ValuesTree.AssertRoundTrips(Render(ExternalDnsOptionSets.For(provider)));
        ValuesTree.AssertRoundTrips(Render(ExternalDnsOptionSets.For(provider) with { Sync = true }));
    }

    [Theory]
    [MemberData(nameof(ExternalDnsOptionSets.Providers), MemberType = typeof(ExternalDnsOptionSets))]
    public void Every_secret_reference_names_the_credentials_secret_and_a_listed_key(DnsProvider provider)
    {
        var values = Render(ExternalDnsOptionSets.For(provider));
        var keys = ExternalDnsValues.CredentialKeys(provider);
        var referenced = new List<string>();

        if (ValuesTree.Has(values, "env"))
        {
            foreach (var env in Assert.IsType<object[]>(values["env"]).Cast<Dictionary<string, object>>().Where(e => e.ContainsKey("valueFrom")))
            {
                Assert.Equal(ExternalDnsValues.CredentialsSecretName, ValuesTree.At(env, "valueFrom.secretKeyRef.name"));
                referenced.Add((string)ValuesTree.At(env, "valueFrom.secretKeyRef.key"));
            }
        }
        if (ValuesTree.Has(values, "extraVolumes"))
        {
            foreach (var volume in Assert.IsType<object[]>(values["extraVolumes"]).Cast<Dictionary<string, object>>())
            {
                Assert.Equal(ExternalDnsValues.CredentialsSecretName, ValuesTree.At(volume, "secret.secretName"));
                referenced.Add((string)ValuesTree.At(volume, "secret.items.0.key"));
            }
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), referenced.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Credential_keys_per_provider()
    {
        Assert.Equal(["tsig-secret"], ExternalDnsValues.CredentialKeys(DnsProvider.Rfc2136));
        Assert.Equal(["aws-access-key-id", "aws-secret-access-key"], ExternalDnsValues.CredentialKeys(DnsProvider.Aws));
        Assert.Equal(["azure.json"], ExternalDnsValues.CredentialKeys(DnsProvider.Azure));
        Assert.Equal(["credentials.json"], ExternalDnsValues.CredentialKeys(DnsProvider.Google));
        Assert.Equal(["cloudflare-api-token"], ExternalDnsValues.CredentialKeys(DnsProvider.Cloudflare));
        Assert.Equal("external-dns-credentials", ExternalDnsValues.CredentialsSecretName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ExternalDnsValues.CredentialKeys((DnsProvider)42));
    }

    [Fact]
    public void Rfc2136_passes_server_zone_and_key_as_flags_and_the_secret_only_through_the_environment()
    {
        var values = Render(ExternalDnsOptionSets.Rfc2136 with
        {
            Rfc2136 = ExternalDnsOptionSets.Bind with { Nameserver = "[2001:db8::53]:5353", TsigAlgorithm = "HMACSHA512" },
        });

        Assert.Equal(
            [
                "--rfc2136-host=2001:db8::53",
                "--rfc2136-port=5353",
                "--rfc2136-zone=example.com",
                "--rfc2136-tsig-keyname=external-dns",
                "--rfc2136-tsig-secret-alg=hmac-sha512",
                "--rfc2136-tsig-axfr",
            ],
            Args(values));
        // external-dns reads every flag from EXTERNAL_DNS_<FLAG>: the secret is in no argument, so in no process list.
        AssertSecretRef(EnvVar(values, "EXTERNAL_DNS_RFC2136_TSIG_SECRET"), ExternalDnsValues.TsigSecretKey);
        Assert.DoesNotContain(Args(values), a => a.StartsWith("--rfc2136-tsig-secret=", StringComparison.Ordinal));
        Assert.Contains("--rfc2136-port=53", Args(Render(ExternalDnsOptionSets.Rfc2136)));
        Assert.Contains("--rfc2136-tsig-secret-alg=hmac-sha256", Args(Render(ExternalDnsOptionSets.Rfc2136)));
    }

    [Fact]
    public void Aws_reads_the_access_key_from_the_secret()
    {
        var values = Render(ExternalDnsOptionSets.Aws);

        AssertSecretRef(EnvVar(values, "AWS_ACCESS_KEY_ID"), ExternalDnsValues.AwsAccessKeyIdKey);
        AssertSecretRef(EnvVar(values, "AWS_SECRET_ACCESS_KEY"), ExternalDnsValues.AwsSecretAccessKeyKey);
        Assert.Equal("eu-central-1", EnvVar(values, "AWS_REGION")["value"]);
        Assert.False(ValuesTree.Has(values, "extraArgs"));
    }

    [Fact]
    public void Azure_mounts_the_config_file_and_names_group_and_subscription()
    {
        var values = Render(ExternalDnsOptionSets.Azure);

        Assert.Equal(
            [
                "--azure-config-file=/etc/external-dns/azure/azure.json",
                "--azure-resource-group=dns-zones",
                "--azure-subscription-id=0f0e0d0c-0b0a-0908-0706-050403020100",
            ],
            Args(values));
        Assert.Equal("azure-config", ValuesTree.At(values, "extraVolumes.0.name"));
        Assert.Equal("azure.json", ValuesTree.At(values, "extraVolumes.0.secret.items.0.path"));
        Assert.Equal("azure-config", ValuesTree.At(values, "extraVolumeMounts.0.name"));
        Assert.Equal("/etc/external-dns/azure", ValuesTree.At(values, "extraVolumeMounts.0.mountPath"));
        Assert.Equal(true, ValuesTree.At(values, "extraVolumeMounts.0.readOnly"));
    }

    [Fact]
    public void Google_mounts_the_key_file_and_names_the_project()
    {
        var values = Render(ExternalDnsOptionSets.Google);

        Assert.Equal(["--google-project=platform-dns-1"], Args(values));
        Assert.Equal("/etc/external-dns/google/credentials.json", EnvVar(values, "GOOGLE_APPLICATION_CREDENTIALS")["value"]);
        Assert.Equal("/etc/external-dns/google", ValuesTree.At(values, "extraVolumeMounts.0.mountPath"));
        Assert.Equal("credentials.json", ValuesTree.At(values, "extraVolumes.0.secret.items.0.path"));
    }

    [Fact]
    public void Cloudflare_reads_the_api_token_from_the_secret()
    {
        var values = Render(ExternalDnsOptionSets.Cloudflare);

        AssertSecretRef(EnvVar(values, "CF_API_TOKEN"), ExternalDnsValues.CloudflareApiTokenKey);
        Assert.Equal(new object[] { "apps.example.com", "example.org" }, ValuesTree.At(values, "domainFilters"));
        Assert.False(ValuesTree.Has(values, "extraArgs"));
        Assert.False(ValuesTree.Has(values, "extraVolumes"));
    }

    [Fact]
    public void Keys_come_in_a_fixed_order()
    {
        Assert.Equal(
            ["provider", "sources", "policy", "registry", "txtOwnerId", "domainFilters", "env", "extraArgs", "extraVolumes", "extraVolumeMounts"],
            Render(ExternalDnsOptionSets.Google).Keys);
    }

    [Fact]
    public void Invalid_options_are_refused_with_every_problem()
    {
        var error = Assert.Throws<ArgumentException>(() => Render(new ExternalDnsOptions { Provider = DnsProvider.Aws }));

        Assert.Contains("domainFilters is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("awsRegion is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_cluster_name_is_refused() =>
        Assert.Throws<ArgumentException>(() => ExternalDnsValues.Render(ExternalDnsOptionSets.Cloudflare, " "));

    [Fact]
    public void Chart_is_pinned_in_the_catalog()
    {
        Assert.Equal("external-dns", HelmCharts.ExternalDns.Name);
        Assert.Equal("https://kubernetes-sigs.github.io/external-dns/", HelmCharts.ExternalDns.Repository);
        Assert.Equal("1.21.1", HelmCharts.ExternalDns.Version);
        Assert.Contains(HelmCharts.ExternalDns, HelmCharts.All);
    }
}
