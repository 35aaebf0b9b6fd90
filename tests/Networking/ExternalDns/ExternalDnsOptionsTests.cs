using Platform.Components.Networking.ExternalDns;

namespace Platform.Tests.Networking.ExternalDns;

public class ExternalDnsOptionsTests
{
    [Theory]
    [MemberData(nameof(ExternalDnsOptionSets.Providers), MemberType = typeof(ExternalDnsOptionSets))]
    public void Valid_options_have_no_problems(DnsProvider provider) =>
        Assert.Empty(ExternalDnsOptionSets.For(provider).Validate());

    [Fact]
    public void Defaults_are_upsert_only_without_filters()
    {
        var options = new ExternalDnsOptions { Provider = DnsProvider.Cloudflare };

        Assert.False(options.Sync);
        Assert.Empty(options.DomainFilters);
        Assert.Equal("HMACSHA256", ExternalDnsOptionSets.Bind.TsigAlgorithm);
    }

    [Fact]
    public void No_domain_filter_is_a_problem()
    {
        var problem = Assert.Single((ExternalDnsOptionSets.Cloudflare with { DomainFilters = [] }).Validate());
        Assert.Contains("every zone its credentials reach", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("example.com.")]
    [InlineData("*.example.com")]
    [InlineData("exa mple.com")]
    [InlineData("-example.com")]
    public void Bad_domain_filter_is_a_problem(string filter)
    {
        var problem = Assert.Single((ExternalDnsOptionSets.Cloudflare with { DomainFilters = [filter] }).Validate());
        Assert.Contains("is not a valid domain name", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_domain_filter_is_a_problem()
    {
        var problem = Assert.Single((ExternalDnsOptionSets.Cloudflare with { DomainFilters = ["example.org", "Example.org"] }).Validate());
        Assert.Contains("more than once", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DnsProvider.Rfc2136, "rfc2136 is required")]
    [InlineData(DnsProvider.Aws, "awsRegion is required")]
    [InlineData(DnsProvider.Google, "googleProject is required")]
    public void Missing_provider_setting_is_a_problem(DnsProvider provider, string expected)
    {
        var options = new ExternalDnsOptions { Provider = provider, DomainFilters = ["apps.example.com"] };

        var problem = Assert.Single(options.Validate());
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_needs_resource_group_and_subscription()
    {
        var problems = new ExternalDnsOptions { Provider = DnsProvider.Azure, DomainFilters = ["apps.example.com"] }.Validate();

        Assert.Equal(["azureResourceGroup is required with provider Azure.", "azureSubscriptionId is required with provider Azure."], problems);
    }

    [Fact]
    public void Settings_for_another_provider_are_a_problem()
    {
        var options = ExternalDnsOptionSets.Cloudflare with { AwsRegion = "eu-central-1", Rfc2136 = ExternalDnsOptionSets.Bind };

        var problems = options.Validate();

        Assert.Contains(problems, p => p.StartsWith("rfc2136 is set but provider is Cloudflare", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("awsRegion is set but provider is Cloudflare", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Aws", "eu_central_1", "awsRegion")]
    [InlineData("Azure", "not-a-guid", "azureSubscriptionId")]
    [InlineData("Azure", "group.", "azureResourceGroup")]
    [InlineData("Google", "Platform", "googleProject")]
    [InlineData("Google", "abc", "googleProject")]
    public void Malformed_provider_setting_is_a_problem(string provider, string value, string field)
    {
        var options = Enum.Parse<DnsProvider>(provider) switch
        {
            DnsProvider.Aws => ExternalDnsOptionSets.Aws with { AwsRegion = value },
            DnsProvider.Azure when field == "azureSubscriptionId" => ExternalDnsOptionSets.Azure with { AzureSubscriptionId = value },
            DnsProvider.Azure => ExternalDnsOptionSets.Azure with { AzureResourceGroup = value },
            _ => ExternalDnsOptionSets.Google with { GoogleProject = value },
        };

        var problem = Assert.Single(options.Validate());
        Assert.StartsWith($"{field} '{value}'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfc2136_settings_are_checked()
    {
        var options = ExternalDnsOptionSets.Rfc2136 with
        {
            Rfc2136 = new DnsRfc2136Settings { Nameserver = "ns1:99999", Zone = "example.com.", TsigKeyName = "bad key", TsigAlgorithm = "HMACMD5" },
        };

        var problems = options.Validate();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("rfc2136.nameserver", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("rfc2136.zone", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("rfc2136.tsigKeyName", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("rfc2136.tsigAlgorithm", StringComparison.Ordinal));
    }

    [Fact]
    public void Domain_filter_outside_the_rfc2136_zone_is_a_problem()
    {
        var problem = Assert.Single((ExternalDnsOptionSets.Rfc2136 with { DomainFilters = ["example.com", "apps.example.org"] }).Validate());
        Assert.Contains("outside rfc2136.zone", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_provider_is_a_problem()
    {
        var problem = Assert.Single(new ExternalDnsOptions { Provider = (DnsProvider)42, DomainFilters = ["example.com"] }.Validate());
        Assert.StartsWith("provider 42", problem, StringComparison.Ordinal);
    }
}
