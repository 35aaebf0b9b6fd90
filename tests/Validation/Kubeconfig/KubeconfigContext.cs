using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.Kubeconfig;

/// <summary>A kubeconfig context: a cluster and a user, by name.</summary>
/// <param name="Cluster">The cluster's name.</param>
/// <param name="User">The user's name.</param>
public sealed record KubeconfigContext(
    [property: JsonPropertyName("cluster")] string Cluster,
    [property: JsonPropertyName("user")] string User);
