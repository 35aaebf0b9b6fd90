using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.Kubeconfig;

/// <summary>
/// The fields of a kubeconfig (client-go's <c>clientcmd/api/v1.Config</c>) that the platform writes, with their
/// exact names and types, for a strict decode (<see cref="StrictJson"/>): a field the renderer adds by mistake, a
/// misspelt name or a name that YAML turns into a boolean or number fails.
/// </summary>
/// <param name="ApiVersion">Always <c>v1</c>.</param>
/// <param name="Kind">Always <c>Config</c>.</param>
/// <param name="Clusters">The clusters, by name.</param>
/// <param name="Users">The users, by name.</param>
/// <param name="Contexts">The contexts, by name.</param>
/// <param name="CurrentContext">The context kubectl uses.</param>
/// <param name="Preferences">Empty.</param>
public sealed record KubeconfigDocument(
    [property: JsonPropertyName("apiVersion")] string ApiVersion,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("clusters")] IReadOnlyList<KubeconfigNamedCluster> Clusters,
    [property: JsonPropertyName("users")] IReadOnlyList<KubeconfigNamedUser> Users,
    [property: JsonPropertyName("contexts")] IReadOnlyList<KubeconfigNamedContext> Contexts,
    [property: JsonPropertyName("current-context")] string CurrentContext,
    [property: JsonPropertyName("preferences")] KubeconfigPreferences Preferences);
