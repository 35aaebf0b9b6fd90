using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Platform.Tests.Validation;

/// <summary>
/// Strict decoding, as Kubernetes' strict decoders do it (sigs.k8s.io/json: case-sensitive names, unknown fields and
/// duplicate fields are errors, and no coercion between strings, numbers and booleans). Works for KubernetesClient's
/// model types (<c>k8s.Models.V1Pod</c>, ...) and for the typed records of the configuration APIs in this folder.
/// </summary>
public static class StrictJson
{
    /// <summary>The serializer options: unmapped members disallowed, duplicates refused, exact names, strict numbers.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>Decodes <paramref name="node"/> as <typeparamref name="T"/>.</summary>
    /// <exception cref="JsonException">An unknown field, a duplicate field or a value of the wrong type.</exception>
    public static T Decode<T>(JsonNode? node) => (T)Decode(node, typeof(T));

    /// <summary>Decodes <paramref name="node"/> as <paramref name="type"/>.</summary>
    /// <exception cref="JsonException">An unknown field, a duplicate field or a value of the wrong type.</exception>
    public static object Decode(JsonNode? node, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        // Through text, so the reader sees exactly what a JSON decoder on the other side would.
        var json = node?.ToJsonString() ?? "null";
        return JsonSerializer.Deserialize(json, type, Options) ?? throw new JsonException($"The document is null, not a {type.Name}.");
    }

    /// <summary>Decodes the only YAML document of <paramref name="yaml"/> as <typeparamref name="T"/>, read as
    /// Kubernetes reads YAML (<see cref="KubeYaml"/>).</summary>
    public static T DecodeYaml<T>(string yaml) => Decode<T>(KubeYaml.Single(yaml));
}
