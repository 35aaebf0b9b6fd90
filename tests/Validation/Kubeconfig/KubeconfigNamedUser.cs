using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.Kubeconfig;

/// <summary>A kubeconfig <c>users[]</c> entry.</summary>
/// <param name="Name">The user's name.</param>
/// <param name="User">Its credentials.</param>
public sealed record KubeconfigNamedUser(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("user")] KubeconfigUser User);
