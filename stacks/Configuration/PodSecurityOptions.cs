using System.Collections.ObjectModel;
using Platform.Components.Networking;

namespace Platform.Stacks.Configuration;

/// <summary>The cluster-wide Pod Security settings as configured (<c>platform:podSecurity</c>): the enforced level, if
/// not the tier's, and the exemptions, each name with its reason.</summary>
public sealed record PodSecurityOptions
{
    /// <summary>The level enforced in namespaces without their own label, or null for the tier's (restricted for medium and
    /// enterprise, baseline for small, with nonRootContainers on). Default null.</summary>
    public PodSecurityLevel? Enforce { get; init; }

    /// <summary>Authenticated user names exempt from Pod Security, each with its reason. Default none.</summary>
    public IReadOnlyDictionary<string, string> ExemptUsernames { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>RuntimeClass names whose pods are exempt, each with its reason. Default none.</summary>
    public IReadOnlyDictionary<string, string> ExemptRuntimeClasses { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Namespaces exempt (besides kube-system, which always is), each with its reason. Default none.</summary>
    public IReadOnlyDictionary<string, string> ExemptNamespaces { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Whether anything is set.</summary>
    public bool IsSet => Enforce is not null || ExemptUsernames.Count + ExemptRuntimeClasses.Count + ExemptNamespaces.Count > 0;
}
