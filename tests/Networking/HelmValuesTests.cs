using Platform.Components.Networking;

namespace Platform.Tests.Networking;

public class HelmValuesTests
{
    [Fact]
    public void An_overlay_merges_maps_recursively_and_replaces_everything_else()
    {
        var values = new Dictionary<string, object>
        {
            ["a"] = new Dictionary<string, object> { ["keep"] = 1, ["replace"] = 2 },
            ["list"] = new object[] { "x" },
            ["flag"] = false,
        };
        var overlay = new Dictionary<string, object>
        {
            ["a"] = new Dictionary<string, object> { ["replace"] = 3, ["add"] = 4 },
            ["list"] = new object[] { "y" },
            ["new"] = true,
        };

        var merged = HelmValues.Merge(values, overlay);

        var a = (IReadOnlyDictionary<string, object>)merged["a"];
        Assert.Equal(1, a["keep"]);
        Assert.Equal(3, a["replace"]);
        Assert.Equal(4, a["add"]);
        Assert.Equal(new object[] { "y" }, (object[])merged["list"]);
        Assert.Equal(false, merged["flag"]);
        Assert.Equal(true, merged["new"]);
        Assert.Equal(2, ((IReadOnlyDictionary<string, object>)values["a"])["replace"]);
    }
}
