using System.Collections;
using YamlDotNet.Serialization;

namespace Platform.Tests.Networking.Ingress;

/// <summary>Checks over rendered Helm values and resource specs: navigation by dotted path, the allowed node types,
/// and a YAML round trip.</summary>
internal static class ValuesYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithAttemptingUnquotedStringTypeDeserialization()
        .Build();

    /// <summary>The value at a dotted path; fails the test when a step is missing.</summary>
    public static object At(IReadOnlyDictionary<string, object> values, string path)
    {
        object current = values;
        foreach (var key in path.Split('.'))
        {
            var map = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(current);
            Assert.True(map.TryGetValue(key, out var next), $"'{path}' has no '{key}'");
            current = next!;
        }
        return current;
    }

    /// <summary>Whether the dotted path exists.</summary>
    public static bool Has(IReadOnlyDictionary<string, object> values, string path)
    {
        object current = values;
        foreach (var key in path.Split('.'))
        {
            if (current is not IReadOnlyDictionary<string, object> map || !map.TryGetValue(key, out var next))
                return false;
            current = next;
        }
        return true;
    }

    /// <summary>Asserts the tree holds only maps, object[], string, bool and int, no nulls, serialises to YAML and
    /// parses back to the same shape.</summary>
    public static void AssertRoundTrips(IReadOnlyDictionary<string, object> values)
    {
        Assert.Empty(Problems(values));
        var yaml = Serializer.Serialize(values);
        var parsed = Deserializer.Deserialize<object>(yaml);
        Assert.Equal(Normalise(values), Normalise(parsed));
        Assert.Equal(yaml, Serializer.Serialize(values));
    }

    private static List<string> Problems(object? node, string path = "$")
    {
        var problems = new List<string>();
        switch (node)
        {
            case null:
                problems.Add($"{path} is null");
                break;
            case string or bool or int:
                break;
            case IDictionary<string, object> map:
                foreach (var (key, value) in map)
                    problems.AddRange(Problems(value, $"{path}.{key}"));
                break;
            case object[] list:
                for (var i = 0; i < list.Length; i++)
                    problems.AddRange(Problems(list[i], $"{path}[{i}]"));
                break;
            default:
                problems.Add($"{path} is a {node.GetType().Name}");
                break;
        }
        return problems;
    }

    // Maps become sorted "key=value" strings, lists keep their order, scalars become invariant strings.
    private static string Normalise(object? node) => node switch
    {
        null => "null",
        string text => text,
        bool flag => flag ? "true" : "false",
        IDictionary<string, object> map => "{" + string.Join(",", map.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + Normalise(e.Value))) + "}",
        IDictionary<object, object> map => "{" + string.Join(",", map.OrderBy(e => e.Key.ToString(), StringComparer.Ordinal).Select(e => e.Key + "=" + Normalise(e.Value))) + "}",
        IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Normalise)) + "]",
        IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => node.ToString() ?? "",
    };
}
