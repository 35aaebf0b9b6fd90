namespace Platform.Components.Security.Scanning;

/// <summary>A Harbor project the platform keeps configured through Harbor's API (<see cref="HarborSetup"/>): created
/// when missing, its metadata set on every run.</summary>
public sealed record HarborProject
{
    /// <summary>The project's name (Harbor's rule: lowercase letters, digits and <c>._-</c>, starting with a letter or
    /// digit, at most 255 characters). Required.</summary>
    public required string Name { get; init; }

    /// <summary>Whether anyone may pull from the project without logging in. Default false.</summary>
    public bool Public { get; init; }

    /// <summary>Whether the project is a pull-through cache of Docker Hub (<c>docker.io</c>): <c>harbor-host/name/library/nginx</c>
    /// pulls <c>docker.io/library/nginx</c> once and serves it from Harbor after. Harbor fixes this when the project is
    /// created: changing it later needs the project deleted in Harbor first. Default false.</summary>
    public bool ProxyCache { get; init; }

    /// <summary>The severity from which Harbor refuses to serve an image of the project (Harbor's "prevent vulnerable
    /// images from running"), one of <see cref="TrivySeverities.HarborPrevention"/>, or null to allow every pull.
    /// Every push is scanned automatically either way. Default <c>critical</c>.</summary>
    public string? PreventSeverity { get; init; } = "critical";

    /// <summary>The projects when <c>harbor.projects</c> is not set: <c>dockerhub</c>, a public pull-through cache of
    /// Docker Hub, and <c>platform</c>, a private project; both refuse images with critical vulnerabilities.</summary>
    public static IReadOnlyList<HarborProject> Defaults { get; } =
    [
        new() { Name = "dockerhub", Public = true, ProxyCache = true },
        new() { Name = "platform" },
    ];
}
