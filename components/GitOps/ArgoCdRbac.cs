using System.Text;

namespace Platform.Components.GitOps;

/// <summary>Argo CD's RBAC (<c>argocd-rbac-cm</c>'s <c>policy.csv</c>, Casbin lines) from the identity provider's
/// groups: administrators get the built-in <c>role:admin</c>, editors <see cref="EditorRole"/>, viewers the built-in
/// <c>role:readonly</c>. The default policy is <see cref="DefaultPolicy"/>: a user in none of the groups gets no rights at
/// all (Argo CD shows every Application's manifests, and so the configuration of everything it deploys, to any user
/// with read rights; signing in through the platform's identity provider should not be enough for that).
/// Source: <c>https://argo-cd.readthedocs.io/en/stable/operator-manual/rbac/</c>.</summary>
public static class ArgoCdRbac
{
    /// <summary>The role of the edit groups: every action on Applications, ApplicationSets and their logs in every
    /// project, and read access to everything else (projects, repositories, clusters: it inherits
    /// <c>role:readonly</c>); no rights on projects, repositories, clusters, accounts, certificates or GPG keys, which
    /// stay the administrators'.</summary>
    public const string EditorRole = "role:platform-editor";

    /// <summary><c>policy.default</c>: empty, no rights for users outside the groups.</summary>
    public const string DefaultPolicy = "";

    /// <summary>The token claims Argo CD matches <c>g</c> lines against (<c>scopes</c> of <c>argocd-rbac-cm</c>).</summary>
    public static string Scopes(string groupsClaim) => $"[{groupsClaim}]";

    /// <summary>The <c>policy.csv</c> lines: the editor role's permissions, then one <c>g</c> line per group.</summary>
    /// <exception cref="ArgumentException">A group name is empty, has surrounding spaces, or holds a comma, a quote or a
    /// line break (a Casbin CSV field cannot carry them).</exception>
    public static string PolicyCsv(IReadOnlyList<string> adminGroups, IReadOnlyList<string> editGroups, IReadOnlyList<string> viewGroups)
    {
        ArgumentNullException.ThrowIfNull(adminGroups);
        ArgumentNullException.ThrowIfNull(editGroups);
        ArgumentNullException.ThrowIfNull(viewGroups);
        var bad = adminGroups.Concat(editGroups).Concat(viewGroups)
            .Where(g => string.IsNullOrWhiteSpace(g) || g.Trim() != g || g.IndexOfAny([',', '"', '\n', '\r']) >= 0).ToList();
        if (bad.Count > 0)
            throw new ArgumentException($"Argo CD RBAC: group names must be non-empty, without surrounding spaces, commas, quotes or line breaks: {string.Join("; ", bad.Select(g => $"'{g}'"))}.", nameof(adminGroups));
        var csv = new StringBuilder();
        foreach (var (resource, action) in EditorPermissions)
            csv.Append($"p, {EditorRole}, {resource}, {action}, */*, allow\n");
        csv.Append($"g, {EditorRole}, role:readonly\n");
        foreach (var group in adminGroups) csv.Append($"g, {group}, role:admin\n");
        foreach (var group in editGroups) csv.Append($"g, {group}, {EditorRole}\n");
        foreach (var group in viewGroups) csv.Append($"g, {group}, role:readonly\n");
        return csv.ToString();
    }

    // Application-scoped resources take <project>/<application> objects; "*" is every action of the resource.
    private static readonly (string Resource, string Action)[] EditorPermissions =
    [
        ("applications", "*"),
        ("applicationsets", "*"),
        ("logs", "get"),
    ];
}
