using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Components.Cluster.Kubeadm;
using YamlDotNet.Serialization;

namespace Platform.Renderer;

/// <summary>JSON written as YAML for people to read: keys in their order, strings quoted where a Go YAML reader (Helm,
/// kubectl) would take them for something else (<see cref="GoYamlScalars"/>), no anchors.</summary>
public static class ReviewYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .DisableAliases()
        .WithQuotingNecessaryStrings()
        .QuotingGoYamlNonStrings()
        .Build();

    /// <summary>The YAML text of <paramref name="node"/>.</summary>
    public static string From(JsonNode? node) => Serializer.Serialize(Plain(node));

    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject map => map.ToDictionary(kv => kv.Key, kv => Plain(kv.Value)),
        JsonArray list => list.Select(Plain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(value),
            _ => null,
        },
        _ => null,
    };

    /// <summary>A number as its JSON text reads: an integer when it is one, else a double.</summary>
    private static object Number(JsonValue value)
    {
        using var document = JsonDocument.Parse(value.ToJsonString());
        return document.RootElement.TryGetInt64(out var integer) ? integer : document.RootElement.GetDouble();
    }
}
