using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Security.Policies;

/// <summary>Policy 1: every container's image comes from one of <see cref="Registries"/>. An image without a registry
/// part (<c>nginx</c>, <c>library/nginx</c>) is Docker Hub's, so it passes only when <c>docker.io</c> is listed.</summary>
public sealed record AllowedRegistries : PlatformPolicy
{
    /// <summary>The registries the platform's own charts pull from, the default list.</summary>
    public static IReadOnlyList<string> PlatformRegistries { get; } = ["registry.k8s.io", "quay.io", "ghcr.io", "docker.io"];

    /// <summary>Registry hosts (with a port where the registry has one), or a host and a path under it
    /// (<c>registry.example.com/team</c>): an image passes when it starts with one of them and a <c>/</c>. Default
    /// <see cref="PlatformRegistries"/>.</summary>
    public IReadOnlyList<string> Registries { get; init; } = PlatformRegistries;

    /// <inheritdoc />
    public override string Id => "allowedRegistries";

    /// <inheritdoc />
    public override string Kind => "PlatformAllowedRegistries";

    internal override IReadOnlyList<(string Group, string Kind)> MatchKinds => PodSpecCel.Kinds;

    internal override IReadOnlyList<CelVariable> PolicyVariables { get; } =
    [
        .. PodSpecCel.Variables,
        // The registry part is the first path segment when it has a dot or a port, or is localhost; else Docker Hub.
        new("disallowed", "variables.checkedContainers.filter(c, !(variables.params.registries.exists(r, c.image.startsWith(r + '/')) || "
            + "(!c.image.matches('^(localhost|[^/]*[.:][^/]*)/') && variables.params.registries.exists(r, r == 'docker.io'))))"),
    ];

    internal override IReadOnlyList<CelValidation> PolicyValidations { get; } =
    [
        new("size(variables.disallowed) == 0",
            "'images from registries that are not allowed: ' + variables.disallowed.map(c, c.name + ' (' + c.image + ')').join(', ') + "
            + "'; allowed registries: ' + variables.params.registries.join(', ')"),
    ];

    internal override Dictionary<string, object> PolicyParameters() => Map(("registries", Registries.Cast<object>().ToArray()));

    internal override Dictionary<string, object> PolicyParametersSchema() => Map(("registries", StringList()));

    private protected override IEnumerable<string> ValidateSettings()
    {
        if (Registries.Count == 0)
            yield return "registries is empty, which refuses every image; list the registries images may come from, e.g. [\"registry.example.com\"].";
        foreach (var registry in Registries)
        {
            if (string.IsNullOrWhiteSpace(registry) || registry.Contains("://", StringComparison.Ordinal) || registry.EndsWith('/') || registry.Any(char.IsWhiteSpace))
                yield return $"registry '{registry}' is not a registry host (optionally with a port and a path), e.g. registry.example.com:5000.";
        }
    }
}
