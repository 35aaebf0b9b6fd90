namespace Platform.Components.Security.Policies;

/// <summary>A request RBAC cannot refuse narrowly enough: the listed operations on the listed kinds, by members of the
/// listed user groups, are refused (RBAC grants verbs on resources to subjects; it cannot take back one kind or one
/// operation from a group another binding grants it to).</summary>
public sealed record ApiRule
{
    /// <summary>A short name, a DNS-1123 label, shown in the denial. Required.</summary>
    public required string Name { get; init; }

    /// <summary>The user groups (as the API server authenticates them) the rule applies to. Required, not empty.</summary>
    public required IReadOnlyList<string> Groups { get; init; }

    /// <summary>The kinds, as <c>Kind</c> for the core group or <c>group/Kind</c> (e.g. <c>Secret</c>,
    /// <c>rbac.authorization.k8s.io/RoleBinding</c>). Required, not empty.</summary>
    public required IReadOnlyList<string> Kinds { get; init; }

    /// <summary>The admission operations refused: CREATE, UPDATE, DELETE. Default all three.</summary>
    public IReadOnlyList<string> Operations { get; init; } = ["CREATE", "UPDATE", "DELETE"];

    /// <summary>The (API group, kind) pairs of <see cref="Kinds"/>.</summary>
    public IReadOnlyList<(string Group, string Kind)> GroupKinds =>
        [.. Kinds.Select(k => k.LastIndexOf('/') is var slash and >= 0 ? (k[..slash], k[(slash + 1)..]) : ("", k))];
}
