using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Security.Policies;

/// <summary>Policy 2: images from the listed repositories only (when any are listed), optionally only by digest, and
/// never by the <c>latest</c> tag (explicit, or implied by an image without a tag or digest).</summary>
public sealed record AllowedImages : PlatformPolicy
{
    /// <summary>Repositories, or repository prefixes, images may come from (<c>registry.example.com/team/app</c>
    /// allows that repository and every one under <c>registry.example.com/team/app/</c>); empty for any repository.
    /// Default empty.</summary>
    public IReadOnlyList<string> Repositories { get; init; } = [];

    /// <summary>Whether every image must be pinned by digest (<c>@sha256:...</c>). Default false.</summary>
    public bool DigestRequired { get; init; }

    /// <inheritdoc />
    public override string Id => "allowedImages";

    /// <inheritdoc />
    public override string Kind => "PlatformAllowedImages";

    internal override IReadOnlyList<(string Group, string Kind)> MatchKinds => PodSpecCel.Kinds;

    internal override IReadOnlyList<CelVariable> PolicyVariables { get; } =
    [
        .. PodSpecCel.Variables,
        new("outsideRepositories", "size(variables.params.repositories) == 0 ? [] : variables.checkedContainers.filter(c, "
            + "!variables.params.repositories.exists(r, c.image == r || c.image.startsWith(r + ':') || c.image.startsWith(r + '@') || c.image.startsWith(r + '/')))"),
        new("withoutDigest", "variables.params.digestRequired ? variables.checkedContainers.filter(c, !c.image.contains('@sha256:')) : []"),
        // A tag is the text after the last ':' of the last path segment; without a tag or digest the runtime pulls latest.
        new("latest", "variables.checkedContainers.filter(c, !c.image.contains('@') && (c.image.endsWith(':latest') || !c.image.matches(':[^/]+$')))"),
    ];

    internal override IReadOnlyList<CelValidation> PolicyValidations { get; } =
    [
        new("size(variables.outsideRepositories) == 0",
            "'images outside the allowed repositories: ' + variables.outsideRepositories.map(c, c.name + ' (' + c.image + ')').join(', ')"),
        new("size(variables.withoutDigest) == 0",
            "'images not pinned by digest (@sha256:...): ' + variables.withoutDigest.map(c, c.name + ' (' + c.image + ')').join(', ')"),
        new("size(variables.latest) == 0",
            "'images on the latest tag (give a version tag or a digest): ' + variables.latest.map(c, c.name + ' (' + c.image + ')').join(', ')"),
    ];

    internal override Dictionary<string, object> PolicyParameters() => Map(
        ("repositories", Repositories.Cast<object>().ToArray()),
        ("digestRequired", DigestRequired));

    internal override Dictionary<string, object> PolicyParametersSchema() => Map(
        ("repositories", StringList()),
        ("digestRequired", Map(("type", "boolean"))));

    private protected override IEnumerable<string> ValidateSettings()
    {
        foreach (var repository in Repositories)
        {
            if (string.IsNullOrWhiteSpace(repository) || repository.Contains("://", StringComparison.Ordinal) || repository.EndsWith('/')
                || repository.Contains('@', StringComparison.Ordinal) || repository.Any(char.IsWhiteSpace))
                yield return $"repository '{repository}' is not a repository (host and path, no tag, digest or trailing /), e.g. registry.example.com/team/app.";
        }
    }
}
