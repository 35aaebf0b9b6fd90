using Platform.Components.Networking.ExternalDns;

namespace Platform.Tests.Networking.ExternalDns;

/// <summary>One valid option set per provider.</summary>
internal static class ExternalDnsOptionSets
{
    public static readonly DnsRfc2136Settings Bind = new()
    {
        Nameserver = "ns1.example.com",
        Zone = "example.com",
        TsigKeyName = "external-dns",
    };

    public static ExternalDnsOptions Rfc2136 { get; } = new()
    {
        Provider = DnsProvider.Rfc2136,
        DomainFilters = ["apps.example.com"],
        Rfc2136 = Bind,
    };

    public static ExternalDnsOptions Aws { get; } = new()
    {
        Provider = DnsProvider.Aws,
        DomainFilters = ["apps.example.com"],
        AwsRegion = "eu-central-1",
    };

    public static ExternalDnsOptions Azure { get; } = new()
    {
        Provider = DnsProvider.Azure,
        DomainFilters = ["apps.example.com"],
        AzureResourceGroup = "dns-zones",
        AzureSubscriptionId = "0f0e0d0c-0b0a-0908-0706-050403020100",
    };

    public static ExternalDnsOptions Google { get; } = new()
    {
        Provider = DnsProvider.Google,
        DomainFilters = ["apps.example.com"],
        GoogleProject = "platform-dns-1",
    };

    public static ExternalDnsOptions Cloudflare { get; } = new()
    {
        Provider = DnsProvider.Cloudflare,
        DomainFilters = ["apps.example.com", "example.org"],
    };

    public static TheoryData<DnsProvider> Providers() => [.. Enum.GetValues<DnsProvider>()];

    public static ExternalDnsOptions For(DnsProvider provider) => provider switch
    {
        DnsProvider.Rfc2136 => Rfc2136,
        DnsProvider.Aws => Aws,
        DnsProvider.Azure => Azure,
        DnsProvider.Google => Google,
        _ => Cloudflare,
    };
}
