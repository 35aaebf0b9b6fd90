namespace Platform.Components.GitOps;

/// <summary>What Argo CD's values need of single sign-on: the claim that lists a user's groups and which groups get which
/// role (<see cref="ArgoCdRbac"/>). The OIDC configuration itself (<see cref="ArgoCdOidc"/>) is added by the layer, as it
/// carries the issuer's CA, known only once the certificates are.</summary>
public sealed record ArgoCdSso
{
    /// <summary>The ID token's claim that lists the user's groups. Default <c>groups</c>.</summary>
    public string GroupsClaim { get; init; } = "groups";

    /// <summary>The groups that get <c>role:admin</c>. Default none.</summary>
    public IReadOnlyList<string> AdminGroups { get; init; } = [];

    /// <summary>The groups that get <see cref="ArgoCdRbac.EditorRole"/>. Default none.</summary>
    public IReadOnlyList<string> EditGroups { get; init; } = [];

    /// <summary>The groups that get <c>role:readonly</c>. Default none.</summary>
    public IReadOnlyList<string> ViewGroups { get; init; } = [];
}
