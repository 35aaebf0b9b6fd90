using Platform.Components.Tenancy;

namespace Platform.Components.Secrets.ExternalSecrets;

/// <summary>One team's share of Vault: its key (the team's name in lower case, as Vault keeps policy names), the paths
/// under it and the namespaces whose SecretStore may read them. A team with several namespaces (<c>platform:tenants</c>
/// entries of the same <see cref="TenantOptions.Team"/>) has one share for all of them.</summary>
public sealed record SecretTenant
{
    /// <summary>The team's key: its name in lower case. Required.</summary>
    public required string Key { get; init; }

    /// <summary>The team's namespaces, in ordinal order. Required, at least one.</summary>
    public required IReadOnlyList<string> Namespaces { get; init; }

    /// <summary>The Vault policy and the Kubernetes-auth role of the team: <c>tenant-&lt;key&gt;</c>.</summary>
    public string RoleName => "tenant-" + Key;

    /// <summary>The team's path in the KV engine, relative to the mount: <c>tenants/&lt;key&gt;</c> (its secrets are
    /// <c>secret/data/tenants/&lt;key&gt;/*</c>).</summary>
    public string KvPath => "tenants/" + Key;

    /// <summary>The mount path of the team's database secrets engines, if it has any: <c>database/tenants/&lt;key&gt;</c>
    /// (the dynamic database example mounts one there; the team's role may read its <c>creds/*</c>).</summary>
    public string DatabaseMount => "database/tenants/" + Key;

    /// <summary>The shares of <paramref name="tenants"/>, one per team, in ordinal order of their keys.</summary>
    /// <exception cref="ArgumentException">Two teams differ only in case (Vault would give them one policy).</exception>
    public static IReadOnlyList<SecretTenant> Of(IEnumerable<TenantOptions> tenants)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        var list = tenants.ToList();
        var clash = list.Select(t => t.Team).Distinct(StringComparer.Ordinal)
            .GroupBy(team => team.ToLowerInvariant(), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new ArgumentException($"The teams {string.Join(" and ", clash.Order(StringComparer.Ordinal))} differ only in case: Vault keeps policy names in lower case, so they would share one policy; rename one in platform:tenants.", nameof(tenants));
        return [.. list.GroupBy(t => t.Team.ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SecretTenant { Key = g.Key, Namespaces = [.. g.Select(t => t.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] })];
    }
}
