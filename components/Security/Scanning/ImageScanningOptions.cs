using System.Text.RegularExpressions;

namespace Platform.Components.Security.Scanning;

/// <summary>How the image-scanning capability runs (<c>platform:imageScanning</c>): what the Trivy operator reports,
/// how many scan jobs run at once, where the vulnerability databases come from, and the optional Harbor registry.</summary>
public sealed partial record ImageScanningOptions
{
    /// <summary>The vulnerability database Trivy downloads by default: <c>mirror.gcr.io/aquasec/trivy-db</c> (the
    /// chart's default, Google's mirror of <c>ghcr.io/aquasecurity/trivy-db</c>).</summary>
    public const string DefaultDbRepository = "mirror.gcr.io/aquasec/trivy-db";

    /// <summary>The Java vulnerability database (JAR files) Trivy downloads by default: <c>mirror.gcr.io/aquasec/trivy-java-db</c>.</summary>
    public const string DefaultJavaDbRepository = "mirror.gcr.io/aquasec/trivy-java-db";

    /// <summary>Whether a registry is deployed beside the operator. Default <see cref="ImageRegistry.None"/>.</summary>
    public ImageRegistry Registry { get; init; } = ImageRegistry.None;

    /// <summary>The severities the vulnerability reports keep (of <see cref="TrivySeverities.All"/>). Default every one.</summary>
    public IReadOnlyList<string> Severities { get; init; } = TrivySeverities.Default;

    /// <summary>How many scan jobs run at once in the whole cluster (the stacks default it by tier: small 1, medium 3,
    /// enterprise 5). Default 1.</summary>
    public int ConcurrentScanJobs { get; init; } = 1;

    /// <summary>The OCI repository of the vulnerability database (<c>registry[:port]/path</c>), e.g. an internal mirror
    /// for clusters without internet access. Default <see cref="DefaultDbRepository"/>.</summary>
    public string DbRepository { get; init; } = DefaultDbRepository;

    /// <summary>The OCI repository of the Java vulnerability database. Default <see cref="DefaultJavaDbRepository"/>.</summary>
    public string JavaDbRepository { get; init; } = DefaultJavaDbRepository;

    /// <summary>Harbor's options; required when <see cref="Registry"/> is <see cref="ImageRegistry.Harbor"/>, refused
    /// otherwise. Default null.</summary>
    public HarborOptions? Harbor { get; init; }

    /// <summary>The problems with these options, each a sentence naming the field and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Severities.Count == 0)
            problems.Add($"severities is empty; list some of {string.Join(", ", TrivySeverities.All)}, or leave it out for all of them.");
        foreach (var severity in Severities.Where(s => !TrivySeverities.All.Contains(s, StringComparer.Ordinal)))
            problems.Add($"severities: '{severity}' is not a Trivy severity; use {string.Join(", ", TrivySeverities.All)}.");
        if (ConcurrentScanJobs < 1)
            problems.Add($"concurrency {ConcurrentScanJobs} is not a number of scan jobs; use 1 or more (it bounds how many run at once).");
        if (!OciRepository().IsMatch(DbRepository))
            problems.Add($"dbRepository '{DbRepository}' is not an OCI repository such as mirror.example.com/aquasec/trivy-db (registry[:port]/path, no scheme, no tag).");
        if (!OciRepository().IsMatch(JavaDbRepository))
            problems.Add($"javaDbRepository '{JavaDbRepository}' is not an OCI repository such as mirror.example.com/aquasec/trivy-java-db (registry[:port]/path, no scheme, no tag).");
        if (Registry == ImageRegistry.Harbor && Harbor is null)
            problems.Add("registry harbor needs harbor.host, Harbor's hostname on the default IngressClass, e.g. {\"registry\": \"harbor\", \"harbor\": {\"host\": \"harbor.example.com\"}}.");
        if (Registry == ImageRegistry.None && Harbor is not null)
            problems.Add("harbor is set, but registry is none, so no Harbor is deployed. Set registry harbor, or remove harbor.");
        if (Registry == ImageRegistry.Harbor && Harbor is { } harbor)
            problems.AddRange(harbor.Validate());
        return problems;
    }

    /// <summary>The registry part of an OCI repository reference (<c>host[:port]</c>).</summary>
    public static string RegistryOf(string repository) => repository[..repository.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>The path part of an OCI repository reference, after its registry.</summary>
    public static string PathOf(string repository) => repository[(repository.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>The TCP port Trivy reaches the registry of <paramref name="repository"/> on: its explicit port, or 443.</summary>
    public static int PortOf(string repository)
    {
        var registry = RegistryOf(repository);
        var colon = registry.LastIndexOf(':');
        return colon < 0 ? 443 : int.Parse(registry[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?(/[a-z0-9]+([._-][a-z0-9]+)*)+$")]
    private static partial Regex OciRepository();
}
