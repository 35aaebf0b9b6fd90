using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Platform.Renderer;

/// <summary>One registration as the engine sends it to the provider: the contract <c>registrations.json</c> carries and
/// the checks (chart-check, the strict decoders) read.</summary>
public sealed record Registration
{
    /// <summary>The type token, e.g. <c>kubernetes:helm.sh/v3:Release</c>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>The resource name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The provider reference (<c>urn::id</c>), or empty for the default provider.</summary>
    [JsonPropertyName("provider")]
    public required string Provider { get; init; }

    /// <summary>The inputs as plain JSON.</summary>
    [JsonPropertyName("inputs")]
    public required JsonObject Inputs { get; init; }

    /// <summary>The names of the resources named in its DependsOn option.</summary>
    [JsonPropertyName("dependsOn")]
    public required IReadOnlyList<string> DependsOn { get; init; }

    /// <summary>The name of its parent resource (the stack's children have the stack's name).</summary>
    [JsonPropertyName("parent")]
    public string? Parent { get; init; }
}
