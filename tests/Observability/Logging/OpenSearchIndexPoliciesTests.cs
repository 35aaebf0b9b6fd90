using System.Text.Json.Nodes;
using Platform.Components.Observability.Logging;
using Platform.Stacks.Configuration;

namespace Platform.Tests.Observability.Logging;

/// <summary>The ISM retention policy and the index templates, decoded as OpenSearch's API reads them.</summary>
public class OpenSearchIndexPoliciesTests
{
    [Theory]
    [InlineData(PlatformTier.Small, 7)]
    [InlineData(PlatformTier.Medium, 14)]
    [InlineData(PlatformTier.Enterprise, 30)]
    public void Each_tier_deletes_indices_after_its_retention(PlatformTier tier, int days)
    {
        var options = LoggingTierSizing.For(tier);
        Assert.Equal(days, options.RetentionDays);

        var policy = JsonNode.Parse(OpenSearchIndexPolicies.Policy(options.RetentionDays))!["policy"]!;
        Assert.Equal("hot", policy["default_state"]!.GetValue<string>());
        var states = policy["states"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!);
        Assert.Equal(["hot", "delete"], states.Keys);
        var transition = Assert.Single(states["hot"]["transitions"]!.AsArray())!;
        Assert.Equal("delete", transition["state_name"]!.GetValue<string>());
        Assert.Equal($"{days}d", transition["conditions"]!["min_index_age"]!.GetValue<string>());
        Assert.NotNull(Assert.Single(states["delete"]["actions"]!.AsArray())!["delete"]);
        var template = Assert.Single(policy["ism_template"]!.AsArray())!;
        Assert.Equal(["logs-*", "jaeger-*", "falco-*"], template["index_patterns"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public void Retention_outside_one_day_to_ten_years_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenSearchIndexPolicies.Policy(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenSearchIndexPolicies.Policy(3651));
    }

    [Fact]
    public void Templates_give_one_replica_on_several_nodes_and_none_on_one_and_leave_jaeger_its_own()
    {
        foreach (var (tier, shards, replicas) in new[] { (PlatformTier.Small, 1, 0), (PlatformTier.Medium, 3, 1) })
        {
            var options = LoggingTierSizing.For(tier);
            var templates = OpenSearchIndexPolicies.Templates(options.IndexShards, options.IndexReplicas);
            Assert.Equal(["platform-logs", "platform-falco"], templates.Keys);
            foreach (var (name, text) in templates)
            {
                var template = JsonNode.Parse(text)!;
                var index = template["template"]!["settings"]!["index"]!;
                Assert.Equal(shards, index["number_of_shards"]!.GetValue<int>());
                Assert.Equal(replicas, index["number_of_replicas"]!.GetValue<int>());
                Assert.Equal("date", template["template"]!["mappings"]!["properties"]!["@timestamp"]!["type"]!.GetValue<string>());
                Assert.DoesNotContain("jaeger", template["index_patterns"]!.ToJsonString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_setup_script_passes_shellcheck_and_puts_every_file_it_is_given()
    {
        var files = OpenSearchSetupJob.Files(LoggingTierSizing.For(PlatformTier.Medium));
        Assert.Equal([OpenSearchSetupJob.ScriptKey, OpenSearchSetupJob.PolicyKey, "template-platform-logs.json", "template-platform-falco.json"], files.Keys);
        Assert.Equal("", Platform.Tests.Harness.ShellCheck.Findings(files[OpenSearchSetupJob.ScriptKey]));
    }
}
