using System.Text.RegularExpressions;

namespace Platform.Components.UserInterface;

/// <summary>What the userInterface capability (Headlamp) runs with (<c>platform:userInterface</c>).</summary>
public sealed partial record UserInterfaceOptions
{
    /// <summary>Headlamp's hostname on the default IngressClass, e.g. <c>headlamp.example.com</c>. Required when the
    /// capability is on.</summary>
    public string? Host { get; init; }

    /// <summary>Headlamp's replicas (it keeps no state: sessions are the users' tokens); null for the tier's default
    /// (one on small, two from medium up, one where workloads have one node). Default null.</summary>
    public int? Replicas { get; init; }

    /// <summary>How long a Headlamp session lasts, in seconds (Headlamp's <c>-session-ttl</c>), 300 to 604800. Default
    /// 86400 (a day, Headlamp's own default).</summary>
    public int SessionTtlSeconds { get; init; } = 86400;

    /// <summary>Whether Headlamp serves its bundled plugins, the Prometheus plugin among them (Headlamp's
    /// <c>config.staticPlugins.enabled</c>). Default true.</summary>
    public bool Plugins { get; init; } = true;

    /// <summary>Every problem of the options, each a sentence; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Host is { } host && !HostName().IsMatch(host))
            problems.Add($"host '{host}' is not a lowercase DNS name (e.g. headlamp.example.com).");
        if (Replicas is < 1 or > 10)
            problems.Add($"replicas is {Replicas}; give 1 to 10.");
        if (SessionTtlSeconds is < 300 or > 604800)
            problems.Add($"sessionTtlSeconds is {SessionTtlSeconds}; give 300 (five minutes) to 604800 (a week).");
        return problems;
    }

    [GeneratedRegex("^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$")]
    private static partial Regex HostName();
}
