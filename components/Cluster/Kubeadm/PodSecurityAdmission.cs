using Platform.Components.Networking;

namespace Platform.Components.Cluster.Kubeadm;

/// <summary>
/// The cluster-wide Pod Security admission defaults the API server's admission configuration carries while
/// <see cref="KubeadmHardening.PodSecurityDefaults"/> is on: the level enforced in every namespace without its own
/// <c>pod-security.kubernetes.io/enforce</c> label (audit and warn are always <c>restricted</c>), and the requests
/// exempt from Pod Security altogether. The exempt names are rendered sorted, so their order in the configuration
/// does not restart the API servers.
/// </summary>
public sealed record PodSecurityAdmission
{
    /// <summary>The level enforced by default. Default <see cref="PodSecurityLevel.Baseline"/>.</summary>
    public PodSecurityLevel Enforce { get; init; } = PodSecurityLevel.Baseline;

    /// <summary>Authenticated user names whose requests are exempt. Default none.</summary>
    public IReadOnlyList<string> ExemptUsernames { get; init; } = [];

    /// <summary>RuntimeClass names whose pods are exempt. Default none.</summary>
    public IReadOnlyList<string> ExemptRuntimeClasses { get; init; } = [];

    /// <summary>Namespaces exempt besides <c>kube-system</c>, which always is. Default none.</summary>
    public IReadOnlyList<string> ExemptNamespaces { get; init; } = [];

    /// <summary>The namespaces exempt, <c>kube-system</c> included, sorted and each once.</summary>
    public IReadOnlyList<string> AllExemptNamespaces => Sorted(ExemptNamespaces.Append("kube-system"));

    /// <summary>Whether both have the same level and the same exempt names, in any order.</summary>
    public bool Equals(PodSecurityAdmission? other) => other is not null && Enforce == other.Enforce
        && Sorted(ExemptUsernames).SequenceEqual(Sorted(other.ExemptUsernames), StringComparer.Ordinal)
        && Sorted(ExemptRuntimeClasses).SequenceEqual(Sorted(other.ExemptRuntimeClasses), StringComparer.Ordinal)
        && AllExemptNamespaces.SequenceEqual(other.AllExemptNamespaces, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Enforce, string.Join(',', Sorted(ExemptUsernames)),
        string.Join(',', Sorted(ExemptRuntimeClasses)), string.Join(',', AllExemptNamespaces));

    /// <summary>The names sorted (ordinal) and each once.</summary>
    internal static IReadOnlyList<string> Sorted(IEnumerable<string> names) => names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
