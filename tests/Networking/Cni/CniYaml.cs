using YamlDotNet.Serialization;

namespace Platform.Tests.Networking.Cni;

/// <summary>YAML round trips of rendered values: Helm values must survive being written as YAML and read back.</summary>
internal static class CniYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithAttemptingUnquotedStringTypeDeserialization()
        .Build();

    /// <summary>The values as a YAML document.</summary>
    public static string Serialize(object values) => Serializer.Serialize(values);

    /// <summary>A YAML document read back into plain maps, lists and typed scalars.</summary>
    public static object? Parse(string yaml) => Deserializer.Deserialize<object>(yaml);
}
