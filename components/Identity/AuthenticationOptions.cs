using System.Text.RegularExpressions;

namespace Platform.Components.Identity;

/// <summary>How users log in (<c>platform:authentication</c>): Dex's hostname, the upstream identity providers it
/// connects to, how the API server turns token claims into user and group names, and which groups get which
/// cluster-wide rights.</summary>
public sealed partial record AuthenticationOptions
{
    /// <summary>The claims Dex puts in its ID tokens that name a user (dexidp/dex server/oauth2.go <c>idTokenClaims</c>).</summary>
    public static IReadOnlyList<string> UsernameClaims { get; } = ["email", "sub", "name", "preferred_username"];

    /// <summary>Dex's issuer hostname on the default IngressClass, e.g. <c>dex.example.com</c>: the issuer is
    /// <c>https://&lt;host&gt;</c>. Required.</summary>
    public required string Host { get; init; }

    /// <summary>The upstream identity providers, at least one, ids unique. Required.</summary>
    public required IReadOnlyList<DexConnector> Connectors { get; init; }

    /// <summary>The ID token claim the API server takes as the user's name (<see cref="UsernameClaims"/>). Default
    /// <c>email</c>.</summary>
    public string UsernameClaim { get; init; } = "email";

    /// <summary>What the API server puts before every user name (never <c>system:</c>). Default <c>oidc:</c>.</summary>
    public string UsernamePrefix { get; init; } = "oidc:";

    /// <summary>The claim that lists a user's groups; Dex names it <c>groups</c>. Default <c>groups</c>.</summary>
    public string GroupsClaim { get; init; } = "groups";

    /// <summary>What the API server puts before every group (never <c>system:</c>); the platform's bindings name groups
    /// with it. Default <c>oidc:</c>.</summary>
    public string GroupsPrefix { get; init; } = "oidc:";

    /// <summary>Cluster-wide rights by group, as the upstream provider names the group (without
    /// <see cref="GroupsPrefix"/>). Default none: only the teams' namespaces bind groups.</summary>
    public IReadOnlyDictionary<string, GroupRole> Rbac { get; init; } = new Dictionary<string, GroupRole>();

    /// <summary>Dex replicas; null: the tier's (one on small, two otherwise, one where workloads have one node).
    /// Default null.</summary>
    public int? Replicas { get; init; }

    /// <summary>The issuer URL: <c>https://&lt;host&gt;</c>.</summary>
    public string IssuerUrl => $"https://{Host}";

    /// <summary>The groups given <paramref name="role"/>, in configuration order.</summary>
    public IReadOnlyList<string> GroupsWith(GroupRole role) => [.. Rbac.Where(kv => kv.Value == role).Select(kv => kv.Key)];

    /// <summary>The ClusterRole of <paramref name="role"/>: <c>cluster-admin</c>, <c>edit</c> or <c>view</c>.</summary>
    public static string ClusterRoleName(GroupRole role) => role switch
    {
        GroupRole.ClusterAdmin => "cluster-admin",
        GroupRole.Edit => "edit",
        GroupRole.View => "view",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    /// <summary>The problems with these options, each a sentence starting with the field's path and giving the fix;
    /// empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Hostname().IsMatch(Host))
            problems.Add($"host '{Host}' is not a DNS name (dot-separated lowercase labels with at least one dot), e.g. dex.example.com; the issuer is https://<host>.");
        if (Connectors.Count == 0)
            problems.Add("connectors is empty: Dex needs at least one upstream identity provider, e.g. [{\"id\": \"corp-ldap\", \"type\": \"ldap\", ...}].");
        for (var i = 0; i < Connectors.Count; i++)
        {
            foreach (var problem in DexConnectors.Validate(Connectors[i]))
                problems.Add($"connectors[{i}]: {problem}");
        }
        foreach (var id in Connectors.GroupBy(c => c.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            problems.Add($"connectors: the id '{id}' appears more than once. Give every connector its own id.");
        if (!UsernameClaims.Contains(UsernameClaim, StringComparer.Ordinal))
            problems.Add($"claims.username.claim '{UsernameClaim}' is not a claim of Dex's ID tokens. Use one of {string.Join(", ", UsernameClaims)}.");
        if (GroupsClaim != "groups")
            problems.Add($"claims.groups.claim '{GroupsClaim}' is not a claim of Dex's ID tokens: Dex lists groups in 'groups'. Remove it.");
        CheckPrefix("claims.username.prefix", UsernamePrefix, problems);
        CheckPrefix("claims.groups.prefix", GroupsPrefix, problems);
        foreach (var group in Rbac.Keys.Where(g => string.IsNullOrWhiteSpace(g) || g.StartsWith("system:", StringComparison.Ordinal)))
            problems.Add($"rbac: '{group}' is not a group of the identity provider (empty, or a Kubernetes system: group). Name the group as the provider does.");
        if (Replicas is < 1 or > 5)
            problems.Add($"replicas must be 1 to 5, not {Replicas}.");
        return problems;
    }

    private static void CheckPrefix(string path, string prefix, List<string> problems)
    {
        // Kubernetes reserves system: for its own users and groups: a prefix there would let the identity provider name
        // system:masters or system:nodes.
        if (prefix.StartsWith("system:", StringComparison.Ordinal) || "system:".StartsWith(prefix, StringComparison.Ordinal))
            problems.Add($"{path} '{prefix}' collides with Kubernetes' system: names (a user of the identity provider could become system:masters). Use e.g. oidc:.");
        else if (prefix.Any(char.IsWhiteSpace))
            problems.Add($"{path} '{prefix}' contains white space. Use e.g. oidc:.");
    }

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$")]
    private static partial Regex Hostname();
}
