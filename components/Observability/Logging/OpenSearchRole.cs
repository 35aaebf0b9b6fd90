namespace Platform.Components.Observability.Logging;

/// <summary>A role of the OpenSearch security plugin (<c>roles.yml</c>): its name, its cluster permissions and its index
/// permissions.</summary>
/// <param name="Name">The role's name, e.g. <c>platform_fluent_bit</c>.</param>
/// <param name="ClusterPermissions">Cluster permissions and action groups.</param>
/// <param name="IndexPermissions">Index permissions, each on some index patterns.</param>
public sealed record OpenSearchRole(string Name, IReadOnlyList<string> ClusterPermissions, IReadOnlyList<OpenSearchIndexPermission> IndexPermissions);
