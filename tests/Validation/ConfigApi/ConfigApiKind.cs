namespace Platform.Tests.Validation.ConfigApi;

/// <summary>One configuration kind the platform writes: its group/version and kind, the record it is decoded into,
/// and which Kubernetes minor versions serve it (as checked in the upstream sources named by <see
/// cref="Upstream"/>).</summary>
/// <param name="ApiVersion">The group/version, e.g. <c>kubeadm.k8s.io/v1beta4</c>.</param>
/// <param name="Kind">The kind, e.g. <c>InitConfiguration</c>.</param>
/// <param name="RecordType">The record (a <see cref="ConfigTypeMeta"/>) the document is strictly decoded into.</param>
/// <param name="Upstream">The upstream Go file that defines the type, in kubernetes/kubernetes.</param>
public sealed record ConfigApiKind(string ApiVersion, string Kind, Type RecordType, string Upstream)
{
    /// <summary>The first minor (1.x) whose component accepts this group/version; null when every minor from
    /// <see cref="ConfigDocuments.CheckedFromMinor"/> does.</summary>
    public int? ServedFromMinor { get; init; }

    /// <summary>The last minor (1.x) whose component accepts this group/version; null when it is still accepted at
    /// <see cref="ConfigDocuments.CheckedThroughMinor"/>.</summary>
    public int? ServedThroughMinor { get; init; }

    /// <summary>The first minor (1.x) that accepts it only with a deprecation warning; null when not
    /// deprecated.</summary>
    public int? DeprecatedFromMinor { get; init; }

    /// <summary>Whether Kubernetes 1.<paramref name="minor"/> accepts this group/version.</summary>
    public bool IsServedIn(int minor) =>
        minor >= (ServedFromMinor ?? int.MinValue) && minor <= (ServedThroughMinor ?? int.MaxValue);

    /// <summary>Whether Kubernetes 1.<paramref name="minor"/> accepts it only as deprecated.</summary>
    public bool IsDeprecatedIn(int minor) => DeprecatedFromMinor is { } from && minor >= from;
}
