using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Components.Networking.Certificates;
using Platform.Components.Networking.ExternalDns;
using Platform.Components.Storage;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:certificates</c>, <c>platform:externalDns</c> and <c>platform:storage</c>; unknown fields are
/// errors.</summary>
internal static class AddOnOptionsParser
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    private sealed record Rfc2136Json(
        [property: JsonPropertyName("nameserver")] string? Nameserver,
        [property: JsonPropertyName("zone")] string? Zone,
        [property: JsonPropertyName("tsigKeyName")] string? TsigKeyName,
        [property: JsonPropertyName("tsigAlgorithm")] string? TsigAlgorithm);

    private sealed record CertificatesJson(
        [property: JsonPropertyName("acmeEmail")] string? AcmeEmail,
        [property: JsonPropertyName("challenge")] string? Challenge,
        [property: JsonPropertyName("rfc2136")] Rfc2136Json? Rfc2136,
        [property: JsonPropertyName("letsEncrypt")] bool? LetsEncrypt,
        [property: JsonPropertyName("internalCa")] bool? InternalCa);

    private sealed record ExternalDnsJson(
        [property: JsonPropertyName("provider")] string? Provider,
        [property: JsonPropertyName("domainFilters")] string[]? DomainFilters,
        [property: JsonPropertyName("rfc2136")] Rfc2136Json? Rfc2136,
        [property: JsonPropertyName("awsRegion")] string? AwsRegion,
        [property: JsonPropertyName("azureResourceGroup")] string? AzureResourceGroup,
        [property: JsonPropertyName("azureSubscriptionId")] string? AzureSubscriptionId,
        [property: JsonPropertyName("googleProject")] string? GoogleProject,
        [property: JsonPropertyName("sync")] bool? Sync);

    private sealed record StorageJson(
        [property: JsonPropertyName("provider")] string? Provider,
        [property: JsonPropertyName("className")] string? ClassName,
        [property: JsonPropertyName("nodeLabel")] string? NodeLabel,
        [property: JsonPropertyName("deviceFilter")] string? DeviceFilter,
        [property: JsonPropertyName("devices")] Dictionary<string, string[]>? Devices,
        [property: JsonPropertyName("replicas")] int? Replicas,
        [property: JsonPropertyName("destroyDataOnDelete")] bool? DestroyDataOnDelete);

    private static readonly Dictionary<string, StorageProvider> StorageProviders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rook-ceph"] = StorageProvider.RookCeph, ["existing"] = StorageProvider.Existing, ["none"] = StorageProvider.None,
    };

    private static readonly Dictionary<string, DnsProvider> Providers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rfc2136"] = DnsProvider.Rfc2136, ["aws"] = DnsProvider.Aws, ["azure"] = DnsProvider.Azure,
        ["google"] = DnsProvider.Google, ["cloudflare"] = DnsProvider.Cloudflare,
    };

    /// <summary>The certificate options, or null when the key is unset (or wrong: see the problems).</summary>
    public static CertificateOptions? ReadCertificates(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Certificates;
        if (Deserialize<CertificatesJson>(source, key, problems) is not { } json)
            return null;
        var challenge = json.Challenge?.ToLowerInvariant() switch
        {
            null or "http01" => AcmeChallenge.Http01,
            "dns01" => AcmeChallenge.Dns01Rfc2136,
            _ => (AcmeChallenge?)null,
        };
        if (challenge is null)
        {
            problems.Add($"{key.Name}.challenge", $"'{json.Challenge}' is not a challenge. Use http01 or dns01 (RFC 2136).");
            return null;
        }
        var options = new CertificateOptions
        {
            AcmeEmail = json.AcmeEmail,
            Challenge = challenge.Value,
            Rfc2136 = json.Rfc2136 is { } r
                ? new Rfc2136Settings { Nameserver = r.Nameserver ?? "", TsigKeyName = r.TsigKeyName ?? "", TsigAlgorithm = r.TsigAlgorithm ?? TsigAlgorithms.HmacSha256 }
                : null,
            LetsEncrypt = json.LetsEncrypt ?? true,
            InternalCa = json.InternalCa ?? true,
        };
        return Validated(options, options.Validate(), key, problems);
    }

    /// <summary>The external-dns options, or null when the key is unset (or wrong: see the problems).</summary>
    public static ExternalDnsOptions? ReadExternalDns(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.ExternalDns;
        if (Deserialize<ExternalDnsJson>(source, key, problems) is not { } json)
            return null;
        if (json.Provider is null || !Providers.TryGetValue(json.Provider, out var provider))
        {
            problems.Add($"{key.Name}.provider", $"'{json.Provider}' is not a DNS provider. Use one of {string.Join(", ", Providers.Keys)}.");
            return null;
        }
        var options = new ExternalDnsOptions
        {
            Provider = provider,
            DomainFilters = json.DomainFilters ?? [],
            Rfc2136 = json.Rfc2136 is { } r
                ? new DnsRfc2136Settings { Nameserver = r.Nameserver ?? "", Zone = r.Zone ?? "", TsigKeyName = r.TsigKeyName ?? "", TsigAlgorithm = r.TsigAlgorithm ?? TsigAlgorithms.HmacSha256 }
                : null,
            AwsRegion = json.AwsRegion,
            AzureResourceGroup = json.AzureResourceGroup,
            AzureSubscriptionId = json.AzureSubscriptionId,
            GoogleProject = json.GoogleProject,
            Sync = json.Sync ?? false,
        };
        return Validated(options, options.Validate(), key, problems);
    }

    /// <summary>The storage options: the defaults (Rook-Ceph on the nodes labelled
    /// <see cref="StorageOptions.DefaultNodeLabel"/>) when the key is unset, or null when it is wrong (see the
    /// problems).</summary>
    public static StorageOptions? ReadStorage(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Storage;
        if (string.IsNullOrWhiteSpace(source.Get(key.Name)))
            return new StorageOptions();
        if (Deserialize<StorageJson>(source, key, problems) is not { } json)
            return null;
        var provider = StorageProvider.RookCeph;
        if (json.Provider is not null && !StorageProviders.TryGetValue(json.Provider, out provider))
        {
            problems.Add($"{key.Name}.provider", $"'{json.Provider}' is not a storage provider. Use one of {string.Join(", ", StorageProviders.Keys)}.");
            return null;
        }
        var options = new StorageOptions
        {
            Provider = provider,
            ClassName = json.ClassName,
            NodeLabel = json.NodeLabel ?? StorageOptions.DefaultNodeLabel,
            DeviceFilter = json.DeviceFilter,
            Devices = (json.Devices ?? []).ToDictionary(kv => kv.Key, IReadOnlyList<string> (kv) => kv.Value ?? [], StringComparer.Ordinal),
            Replicas = json.Replicas ?? StorageOptions.DefaultReplicas,
            DestroyDataOnDelete = json.DestroyDataOnDelete ?? false,
        };
        return Validated(options, options.Validate(), key, problems);
    }

    private static T? Validated<T>(T options, IReadOnlyList<string> found, PlatformConfigKey key, ProblemCollector problems) where T : class
    {
        foreach (var problem in found)
            problems.Add(key.Name, problem);
        return found.Count == 0 ? options : null;
    }

    private static T? Deserialize<T>(IPlatformConfigSource source, PlatformConfigKey key, ProblemCollector problems) where T : class
    {
        var text = source.Get(key.Name)?.Trim();
        if (string.IsNullOrEmpty(text))
            return null;
        try
        {
            return JsonSerializer.Deserialize<T>(text, Strict)
                ?? throw new JsonException("the value is null");
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? key.Name : key.Name + e.Path.TrimStart('$');
            problems.Add(where, $"{e.Message.Split(" Path:")[0]} Use e.g. `{key.Example}`.");
            return null;
        }
    }
}
