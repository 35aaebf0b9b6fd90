namespace Platform.Components.Observability.Logging;

/// <summary>One index permission of an <see cref="OpenSearchRole"/>: the actions allowed on the indices matching the
/// patterns.</summary>
/// <param name="IndexPatterns">Index patterns, e.g. <c>logs-*</c>.</param>
/// <param name="AllowedActions">Actions and action groups, e.g. <c>write</c>.</param>
public sealed record OpenSearchIndexPermission(IReadOnlyList<string> IndexPatterns, IReadOnlyList<string> AllowedActions);
