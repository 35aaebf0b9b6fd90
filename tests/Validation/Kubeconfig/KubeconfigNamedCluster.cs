using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.Kubeconfig;

/// <summary>A kubeconfig <c>clusters[]</c> entry.</summary>
/// <param name="Name">The cluster's name.</param>
/// <param name="Cluster">How to reach and trust it.</param>
public sealed record KubeconfigNamedCluster(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("cluster")] KubeconfigCluster Cluster);
