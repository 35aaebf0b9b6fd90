using System.Text.RegularExpressions;

namespace Platform.Components.Security.Scanning;

/// <summary>Harbor, the optional registry of the image-scanning capability (<c>platform:imageScanning.harbor</c>).</summary>
public sealed partial record HarborOptions
{
    /// <summary>The registry's default image volume: 50Gi.</summary>
    public const string DefaultStorageSize = "50Gi";

    /// <summary>Harbor's hostname on the default IngressClass (e.g. <c>harbor.example.com</c>): its URL, the name in its
    /// certificate, and the registry part of image references (<c>harbor.example.com/platform/app:1.0</c>). Required.</summary>
    public required string Host { get; init; }

    /// <summary>The size of the registry's volume, which holds every image layer (a Kubernetes quantity such as
    /// <c>200Gi</c>). Default <see cref="DefaultStorageSize"/>.</summary>
    public string StorageSize { get; init; } = DefaultStorageSize;

    /// <summary>The projects kept configured. Default <see cref="HarborProject.Defaults"/>.</summary>
    public IReadOnlyList<HarborProject> Projects { get; init; } = HarborProject.Defaults;

    /// <summary>The problems with these options, each a sentence naming the field and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Hostname().IsMatch(Host))
            problems.Add($"harbor.host '{Host}' is not a DNS name (dot-separated lowercase labels with at least one dot), e.g. harbor.example.com.");
        if (!Quantity().IsMatch(StorageSize))
            problems.Add($"harbor.storageSize '{StorageSize}' is not a size such as 50Gi or 1Ti.");
        if (Projects.Count == 0)
            problems.Add("harbor.projects is empty; leave it out for the defaults (dockerhub, a Docker Hub cache, and platform), or list at least one project.");
        foreach (var project in Projects)
        {
            if (!ProjectName().IsMatch(project.Name))
                problems.Add($"harbor.projects: '{project.Name}' is not a Harbor project name (lowercase letters, digits and ._-, starting with a letter or digit, at most 255 characters).");
            if (project.PreventSeverity is { } severity && !TrivySeverities.HarborPrevention.Contains(severity, StringComparer.Ordinal))
                problems.Add($"harbor.projects: {project.Name}'s preventSeverity '{severity}' is not one of {string.Join(", ", TrivySeverities.HarborPrevention)} (or none, to allow every pull).");
        }
        foreach (var name in Projects.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            problems.Add($"harbor.projects: the name '{name}' appears more than once.");
        if (Projects.Count(p => p.ProxyCache) > 1)
            problems.Add("harbor.projects: more than one proxyCache project; one Docker Hub cache is enough (they would share one registry endpoint).");
        return problems;
    }

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$")]
    private static partial Regex Hostname();

    [GeneratedRegex(@"^[1-9][0-9]*(Mi|Gi|Ti)$")]
    private static partial Regex Quantity();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,254}$")]
    private static partial Regex ProjectName();
}
