using Platform.Tests.Harness;
using System.Collections;
using System.Globalization;
using Platform.Components.Networking.Cni;

namespace Platform.Tests.Networking.Cni;

public class CniYamlRoundTripTests
{
    public static TheoryData<string, CniOptions> Trees()
    {
        var trees = new TheoryData<string, CniOptions>();
        foreach (var options in CniOptionSets.Cilium())
            trees.Add("cilium", options);
        foreach (var options in CniOptionSets.Calico())
        {
            trees.Add("calico", options);
        }
        return trees;
    }

    private static IReadOnlyDictionary<string, object> Render(string tree, CniOptions options) => tree switch
    {
        "cilium" => CiliumValues.Render(options, CniFixtures.Cluster),
        _ => CalicoValues.Render(options, CniFixtures.Cluster),
    };

    [Theory]
    [MemberData(nameof(Trees))]
    public void Values_survive_a_yaml_round_trip_with_their_types(string tree, CniOptions options)
    {
        var values = Render(tree, options);

        var parsed = ValuesTree.Parse(ValuesTree.Serialize(values));

        Assert.Equal(Normalize(values), Normalize(parsed));
    }

    [Fact]
    public void Strings_that_look_like_other_types_stay_strings()
    {
        var values = CiliumValues.Render(CniFixtures.Cilium, CniFixtures.Cluster with { ClusterName = "true" });

        var parsed = Assert.IsAssignableFrom<IDictionary>(ValuesTree.Parse(ValuesTree.Serialize(values)));

        Assert.Equal("true", Assert.IsAssignableFrom<IDictionary>(parsed["cluster"])["name"]);
    }

    // Maps become sorted key/value lists, lists stay ordered, scalars keep their CLR type (ints widened to long).
    private static object? Normalize(object? node) => node switch
    {
        IDictionary map => map.Keys.Cast<object>()
            .Select(key => Convert.ToString(key, CultureInfo.InvariantCulture)!)
            .Order(StringComparer.Ordinal)
            .Select(key => (object?)$"{key}={Describe(Normalize(map[key]))}")
            .ToList(),
        string text => text,
        bool flag => flag,
        int or long or short or byte => Convert.ToInt64(node, CultureInfo.InvariantCulture),
        IEnumerable list => list.Cast<object?>().Select(Normalize).ToList(),
        _ => node,
    };

    private static string Describe(object? node) => node switch
    {
        List<object?> list => $"[{string.Join(",", list.Select(Describe))}]",
        null => "null",
        _ => $"{node.GetType().Name}:{Convert.ToString(node, CultureInfo.InvariantCulture)}",
    };
}
