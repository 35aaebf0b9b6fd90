using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Components.Networking.Certificates;

namespace Platform.Components.Networking.ExternalDns;

/// <summary>The user's external-dns choices: which DNS service, which domains, and whether records are ever deleted.
/// <see cref="Validate"/> reports missing provider settings, settings for another provider, and bad domain names.</summary>
public sealed partial record ExternalDnsOptions
{
    /// <summary>The DNS service to write records to. Required.</summary>
    public required DnsProvider Provider { get; init; }

    /// <summary>The domains external-dns may manage records in (it also manages their subdomains), written without a
    /// trailing dot. At least one is required: without a filter external-dns acts on every zone its credentials reach,
    /// which for a cloud account or a shared nameserver key is usually far more than this cluster owns. Default
    /// none.</summary>
    public IReadOnlyList<string> DomainFilters { get; init; } = [];

    /// <summary>Nameserver, zone and TSIG key for <see cref="DnsProvider.Rfc2136"/>; must be null for other providers.
    /// Default none.</summary>
    public DnsRfc2136Settings? Rfc2136 { get; init; }

    /// <summary>The AWS region the Route 53 client signs requests for, e.g. <c>eu-central-1</c> (Route 53 is global,
    /// but the SDK needs a region). Required for <see cref="DnsProvider.Aws"/>, must be null otherwise. Default
    /// none.</summary>
    public string? AwsRegion { get; init; }

    /// <summary>The Azure resource group that holds the DNS zones. Required for <see cref="DnsProvider.Azure"/>, must be
    /// null otherwise. Default none.</summary>
    public string? AzureResourceGroup { get; init; }

    /// <summary>The Azure subscription ID (a GUID) of that resource group. Required for <see cref="DnsProvider.Azure"/>,
    /// must be null otherwise. Default none.</summary>
    public string? AzureSubscriptionId { get; init; }

    /// <summary>The Google Cloud project ID that holds the Cloud DNS zones. Required for
    /// <see cref="DnsProvider.Google"/>, must be null otherwise. Default none.</summary>
    public string? GoogleProject { get; init; }

    /// <summary>Delete records whose Ingress or Service is gone (external-dns policy <c>sync</c>). Default false
    /// (policy <c>upsert-only</c>): records are created and updated but never deleted, so a misconfiguration, a
    /// reinstalled ingress controller, or a second cluster sharing a zone cannot wipe live DNS; the cost is stale
    /// records to remove by hand. Turn it on where hostnames come and go (preview environments) and the zone belongs to
    /// this cluster alone.</summary>
    public bool Sync { get; init; }

    /// <summary>The problems with these options, each a sentence naming the field and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Provider))
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"provider {(int)Provider} is not a known DNS provider. Use Rfc2136, Aws, Azure, Google or Cloudflare."));

        var filters = DomainFilters ?? [];
        if (filters.Count == 0)
            problems.Add("domainFilters is empty: without one external-dns manages every zone its credentials reach. List the domains this cluster owns, e.g. 'apps.example.com'.");
        foreach (var filter in filters)
        {
            if (!DnsSyntax.IsDomainName(filter))
                problems.Add($"domainFilters entry '{filter}' is not a valid domain name (write it without a trailing dot).");
        }
        foreach (var duplicate in filters.GroupBy(f => f, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            problems.Add($"domainFilters lists '{duplicate.Key}' more than once.");

        Require(problems, DnsProvider.Rfc2136, "rfc2136", Rfc2136 is not null);
        Require(problems, DnsProvider.Aws, "awsRegion", AwsRegion is not null);
        Require(problems, DnsProvider.Azure, "azureResourceGroup", AzureResourceGroup is not null);
        Require(problems, DnsProvider.Azure, "azureSubscriptionId", AzureSubscriptionId is not null);
        Require(problems, DnsProvider.Google, "googleProject", GoogleProject is not null);

        if (Rfc2136 is not null)
            problems.AddRange(ValidateRfc2136(Rfc2136, filters));
        if (AwsRegion is not null && !AwsRegionPattern().IsMatch(AwsRegion))
            problems.Add($"awsRegion '{AwsRegion}' is not an AWS region name such as 'eu-central-1'.");
        if (AzureResourceGroup is not null && (!AzureResourceGroupPattern().IsMatch(AzureResourceGroup) || AzureResourceGroup.EndsWith('.')))
            problems.Add($"azureResourceGroup '{AzureResourceGroup}' is not a valid resource group name (1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.').");
        if (AzureSubscriptionId is not null && !Guid.TryParseExact(AzureSubscriptionId, "D", out _))
            problems.Add($"azureSubscriptionId '{AzureSubscriptionId}' is not a subscription ID (a GUID like 00000000-0000-0000-0000-000000000000).");
        if (GoogleProject is not null && !GoogleProjectPattern().IsMatch(GoogleProject))
            problems.Add($"googleProject '{GoogleProject}' is not a Google Cloud project ID (6-30 lower-case letters, digits and hyphens, starting with a letter).");

        return problems;
    }

    private void Require(List<string> problems, DnsProvider owner, string field, bool isSet)
    {
        if (Provider == owner && !isSet)
            problems.Add($"{field} is required with provider {owner}.");
        else if (Provider != owner && isSet && Enum.IsDefined(Provider))
            problems.Add($"{field} is set but provider is {Provider}, so it would be ignored. Remove it, or set provider {owner}.");
    }

    private static List<string> ValidateRfc2136(DnsRfc2136Settings settings, IReadOnlyList<string> filters)
    {
        var problems = new List<string>();
        if (!DnsSyntax.TryParseNameserver(settings.Nameserver, out _, out _))
            problems.Add($"rfc2136.nameserver '{settings.Nameserver}' is not host or host:port (a DNS name, an IPv4 address or a bracketed IPv6 address, port 1-65535).");
        if (!DnsSyntax.IsDomainName(settings.Zone))
        {
            problems.Add($"rfc2136.zone '{settings.Zone}' is not a valid zone name (write it without a trailing dot).");
        }
        else
        {
            foreach (var filter in filters.Where(f => DnsSyntax.IsDomainName(f) && !IsWithin(f, settings.Zone)))
                problems.Add($"domainFilters entry '{filter}' is outside rfc2136.zone '{settings.Zone}', so external-dns could never write it. Use names in that zone.");
        }
        if (!DnsSyntax.IsKeyName(settings.TsigKeyName))
            problems.Add($"rfc2136.tsigKeyName '{settings.TsigKeyName}' is not a valid TSIG key name: use the key's DNS-style name as the nameserver knows it.");
        if (!TsigAlgorithms.IsSupported(settings.TsigAlgorithm))
            problems.Add($"rfc2136.tsigAlgorithm '{settings.TsigAlgorithm}' is not supported. Use one of {string.Join(", ", TsigAlgorithms.Supported)}.");
        return problems;
    }

    private static bool IsWithin(string name, string zone) =>
        name.Equals(zone, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + zone, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex AwsRegionPattern();

    [GeneratedRegex(@"^[-\w.()]{1,90}$", RegexOptions.CultureInvariant)]
    private static partial Regex AzureResourceGroupPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9-]{4,28}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex GoogleProjectPattern();
}
