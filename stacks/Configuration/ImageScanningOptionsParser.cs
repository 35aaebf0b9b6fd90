using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Components.Security.Scanning;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:imageScanning</c> over the tier's defaults (concurrency); unknown fields are errors. What
/// Harbor needs from other capabilities (ingress, certificates, storage) is checked by the composition's
/// <c>LayerRequirements</c>.</summary>
internal static class ImageScanningOptionsParser
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    private sealed record ProjectJson(
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("public")] bool? Public,
        [property: JsonPropertyName("proxyCache")] bool? ProxyCache,
        [property: JsonPropertyName("preventSeverity")] string? PreventSeverity);

    private sealed record HarborJson(
        [property: JsonPropertyName("host")] string? Host,
        [property: JsonPropertyName("storageSize")] string? StorageSize,
        [property: JsonPropertyName("projects")] ProjectJson[]? Projects);

    private sealed record ScanningJson(
        [property: JsonPropertyName("registry")] string? Registry,
        [property: JsonPropertyName("severities")] string[]? Severities,
        [property: JsonPropertyName("concurrency")] int? Concurrency,
        [property: JsonPropertyName("dbRepository")] string? DbRepository,
        [property: JsonPropertyName("javaDbRepository")] string? JavaDbRepository,
        [property: JsonPropertyName("harbor")] HarborJson? Harbor);

    private static readonly Dictionary<string, ImageRegistry> Registries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = ImageRegistry.None, ["harbor"] = ImageRegistry.Harbor,
    };

    /// <summary>How many scan jobs run at once by default: small 1, medium 3, enterprise 5.</summary>
    public static int DefaultConcurrency(PlatformTier tier) => tier switch
    {
        PlatformTier.Small => 1,
        PlatformTier.Medium => 3,
        _ => 5,
    };

    /// <summary>The options: the defaults when the key is unset, or null when it is wrong (see the problems).</summary>
    public static ImageScanningOptions? Read(IPlatformConfigSource source, PlatformTier? tier, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.ImageScanning;
        var concurrency = DefaultConcurrency(tier ?? PlatformTier.Small);
        var text = source.Get(key.Name)?.Trim();
        if (string.IsNullOrEmpty(text))
            return new ImageScanningOptions { ConcurrentScanJobs = concurrency };
        ScanningJson json;
        try
        {
            json = JsonSerializer.Deserialize<ScanningJson>(text, Strict) ?? throw new JsonException("the value is null");
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? key.Name : key.Name + e.Path.TrimStart('$');
            problems.Add(where, $"{e.Message.Split(" Path:")[0]} Use e.g. `{key.Example}`.");
            return null;
        }

        var before = problems.Count;
        var registry = ImageRegistry.None;
        if (json.Registry is not null && !Registries.TryGetValue(json.Registry, out registry))
            problems.Add($"{key.Name}.registry", $"'{json.Registry}' is not a registry. Use none (the default: the Trivy operator only) or harbor.");
        var projects = json.Harbor?.Projects?.Select((p, i) =>
        {
            if (p?.Name is null)
                problems.Add($"{key.Name}.harbor.projects[{i}]", "needs a name, e.g. {\"name\": \"team-a\", \"public\": false, \"preventSeverity\": \"critical\"}.");
            var severity = p?.PreventSeverity;
            return new HarborProject
            {
                Name = p?.Name ?? "",
                Public = p?.Public ?? false,
                ProxyCache = p?.ProxyCache ?? false,
                PreventSeverity = severity is null ? "critical" : string.Equals(severity, "none", StringComparison.OrdinalIgnoreCase) ? null : severity.ToLowerInvariant(),
            };
        }).ToList();
        if (json.Harbor is { Host: null })
            problems.Add($"{key.Name}.harbor.host", $"is required with harbor: Harbor's hostname on the default IngressClass. Set it, e.g. `pulumi config set --path '{key.FullName}.harbor.host' harbor.example.com`.");
        if (problems.Count > before)
            return null;

        var options = new ImageScanningOptions
        {
            Registry = registry,
            Severities = json.Severities?.Select(s => s.ToUpperInvariant()).ToList() ?? TrivySeverities.Default,
            ConcurrentScanJobs = json.Concurrency ?? concurrency,
            DbRepository = json.DbRepository ?? ImageScanningOptions.DefaultDbRepository,
            JavaDbRepository = json.JavaDbRepository ?? ImageScanningOptions.DefaultJavaDbRepository,
            Harbor = json.Harbor is { } harbor ? new HarborOptions
            {
                Host = harbor.Host!,
                StorageSize = harbor.StorageSize ?? HarborOptions.DefaultStorageSize,
                Projects = projects ?? HarborProject.Defaults,
            } : null,
        };
        var found = options.Validate();
        foreach (var problem in found)
            problems.Add(key.Name, problem);
        return found.Count == 0 ? options : null;
    }
}
