using System.Text.Json.Nodes;
using Platform.Renderer;

namespace Platform.Tests.Render;

/// <summary>The longest chain of DependsOn waits, as the summary reports it.</summary>
public class DependencyChainTests
{
    private static Registration R(string name, string? parent = null, params string[] dependsOn) => new()
    {
        Type = parent == null ? "platform:test:Component" : "command:remote:Command",
        Name = name,
        Provider = "",
        Inputs = new JsonObject(),
        DependsOn = dependsOn,
        Parent = parent,
    };

    [Fact]
    public void The_longest_chain_follows_the_waits_and_a_wait_for_a_component_waits_for_all_its_children()
    {
        var registrations = new[]
        {
            R("layer"),
            R("a", "layer"),
            R("b", "layer", "a"),
            R("c", "layer", "b"),
            R("other"),
            R("d", "other", "layer"),
            R("e", "other"),
        };

        Assert.Equal(["a", "b", "c", "d"], DependencyChain.Longest(registrations));
    }

    [Fact]
    public void A_cycle_is_reported()
    {
        var registrations = new[] { R("root"), R("a", "root", "b"), R("b", "root", "a") };
        Assert.Throws<InvalidOperationException>(() => DependencyChain.Longest(registrations));
    }
}
