using System.Collections;
using System.Globalization;
using YamlDotNet.Serialization;

namespace Platform.Tests.Harness;

/// <summary>Checks over rendered Helm values and custom-resource spec trees: navigation by dotted path, forbidden node
/// types (only maps, <c>object[]</c>, string, bool and int, never null), and a YAML round trip.</summary>
public static class ValuesTree
{
    private static readonly ISerializer Serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithAttemptingUnquotedStringTypeDeserialization()
        .Build();

    /// <summary>The tree as a YAML document.</summary>
    public static string Serialize(object tree) => Serializer.Serialize(tree);

    /// <summary>A YAML document read back into plain maps, lists and typed scalars.</summary>
    public static object? Parse(string yaml) => Deserializer.Deserialize<object>(yaml);

    /// <summary>The value at a dotted path; a numeric step indexes an <c>object[]</c>. Fails the test when a step is
    /// missing.</summary>
    public static object At(IReadOnlyDictionary<string, object> tree, string path)
    {
        object current = tree;
        foreach (var step in path.Split('.'))
        {
            if (int.TryParse(step, out var index))
            {
                var list = Assert.IsType<object[]>(current);
                Assert.True(index < list.Length, $"'{path}' has no element {index}");
                current = list[index];
                continue;
            }
            var map = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(current);
            Assert.True(map.TryGetValue(step, out var next), $"'{path}' has no '{step}'");
            current = next!;
        }
        return current;
    }

    /// <summary>Whether the dotted path exists (maps only).</summary>
    public static bool Has(IReadOnlyDictionary<string, object> tree, string path)
    {
        object current = tree;
        foreach (var key in path.Split('.'))
        {
            if (current is not IReadOnlyDictionary<string, object> map || !map.TryGetValue(key, out var next))
                return false;
            current = next;
        }
        return true;
    }

    /// <summary>Every null and every node type a values tree must not hold, as paths.</summary>
    public static IReadOnlyList<string> Problems(object? node, string path = "$")
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
            case IEnumerable:
                problems.Add($"{path} is a {node.GetType().Name}, not Dictionary<string, object> or object[]");
                break;
            default:
                problems.Add($"{path} is a {node.GetType().Name}");
                break;
        }
        return problems;
    }

    /// <summary>Asserts that the tree is clean and that its YAML form parses back to the same shape and scalars.</summary>
    public static void AssertRoundTrips(IReadOnlyDictionary<string, object> tree)
    {
        Assert.Empty(Problems(tree));
        var yaml = Serialize(tree);
        var parsed = Parse(yaml);
        AssertSame(tree, parsed, "$");
    }

    private static void AssertSame(object expected, object? actual, string path)
    {
        switch (expected)
        {
            case IReadOnlyDictionary<string, object> map:
                var parsedMap = Assert.IsAssignableFrom<IDictionary<object, object>>(actual);
                Assert.Equal(map.Keys, parsedMap.Keys.Cast<string>());
                foreach (var (key, value) in map)
                    AssertSame(value, parsedMap[key], $"{path}.{key}");
                break;
            case object[] list:
                var parsedList = Assert.IsAssignableFrom<IList<object>>(actual);
                Assert.Equal(list.Length, parsedList.Count);
                for (var i = 0; i < list.Length; i++)
                    AssertSame(list[i], parsedList[i], $"{path}[{i}]");
                break;
            case int number:
                Assert.True(actual is byte or sbyte or short or ushort or int or uint or long && Convert.ToInt64(actual, CultureInfo.InvariantCulture) == number, $"{path}: expected {number}, parsed {actual} ({actual?.GetType().Name})");
                break;
            default:
                Assert.True(Equals(expected, actual), $"{path}: expected {expected} ({expected.GetType().Name}), parsed {actual} ({actual?.GetType().Name})");
                break;
        }
    }
}
