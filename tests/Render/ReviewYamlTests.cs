using System.Text.Json.Nodes;
using Platform.Renderer;
using Platform.Tests.Validation;

namespace Platform.Tests.Render;

/// <summary>The YAML eng/render writes reads back, under Kubernetes' and Helm's YAML 1.1 rules, as the same values.</summary>
public class ReviewYamlTests
{
    [Fact]
    public void Strings_a_yaml_1_1_reader_would_retype_are_quoted_and_everything_reads_back_the_same()
    {
        var values = new JsonObject
        {
            ["texts"] = new JsonArray("on", "off", "yes", "no", "y", "n", "true", "null", "~", "", "0777", "0x1F", "1e3", "6443", "1.5", "a: b", "- x", "#x"),
            ["numbers"] = new JsonArray(0, 6443, -1, 1.5),
            ["flags"] = new JsonArray(true, false),
            ["nothing"] = null,
            ["empty"] = new JsonObject(),
            ["nested"] = new JsonObject { ["list"] = new JsonArray(new JsonObject { ["k"] = "v" }) },
        };

        var yaml = ReviewYaml.From(values);

        Assert.True(JsonNode.DeepEquals(values, KubeYaml.Single(yaml)), yaml);
        Assert.False(KubeYaml.HasAnchorsOrAliases(yaml));
    }
}
