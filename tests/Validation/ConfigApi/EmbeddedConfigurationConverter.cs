using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>
/// Decodes an embedded configuration object (a <c>*runtime.Unknown</c> field such as
/// <see cref="AdmissionPluginConfiguration.Configuration"/>) by its own <c>apiVersion</c> and <c>kind</c> through
/// <see cref="ConfigDocuments.Decode(JsonNode?)"/>, so it is as strict as a top-level document: an unknown kind, an
/// unknown field or a wrong scalar type fails.
/// </summary>
public sealed class EmbeddedConfigurationConverter : JsonConverter<ConfigTypeMeta>
{
    /// <inheritdoc />
    public override ConfigTypeMeta Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"An embedded configuration must be an object, found {reader.TokenType}.");
        return ConfigDocuments.Decode(JsonNode.Parse(ref reader));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ConfigTypeMeta value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, value, value.GetType(), options);
    }
}
