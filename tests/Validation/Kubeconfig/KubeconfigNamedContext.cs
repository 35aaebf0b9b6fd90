using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.Kubeconfig;

/// <summary>A kubeconfig <c>contexts[]</c> entry.</summary>
/// <param name="Name">The context's name.</param>
/// <param name="Context">The cluster and user it pairs.</param>
public sealed record KubeconfigNamedContext(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("context")] KubeconfigContext Context);
