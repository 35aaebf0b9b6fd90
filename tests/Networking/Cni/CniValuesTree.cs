using System.Collections;

namespace Platform.Tests.Networking.Cni;

/// <summary>Navigation and checks over a rendered Helm values tree.</summary>
internal static class CniValuesTree
{
    /// <summary>The value at a dotted path, e.g. <c>ipam.operator.clusterPoolIPv4MaskSize</c>; fails the test when a
    /// step is missing.</summary>
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

    /// <summary>Every null in the tree, as paths; also flags value types a Helm values tree must not hold.</summary>
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
                problems.Add($"{path} is a {node.GetType().Name}, not object[]");
                break;
            default:
                problems.Add($"{path} is a {node.GetType().Name}");
                break;
        }
        return problems;
    }
}
