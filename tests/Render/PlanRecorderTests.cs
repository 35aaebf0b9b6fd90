using System.Text.Json.Nodes;
using Platform.Renderer;
using Platform.Tests.Harness;
using Platform.Tests.Stacks;
using Pulumi;

namespace Platform.Tests.Render;

/// <summary>eng/render records what the engine registers, for every example and fixture, without any secret value.</summary>
public class PlanRecorderTests
{
    [Theory]
    [MemberData(nameof(RenderedStacks.All), MemberType = typeof(RenderedStacks))]
    public async Task The_plan_holds_every_registration_the_program_makes_with_its_dependencies(string stack)
    {
        var plan = await RenderedStacks.PlanAsync(stack);
        var run = await StackRunner.RunAsync(ExampleStackTests.Bare(plan.Stack), preview: false);

        Assert.Equal(run.Registrations.Select(r => $"{r.Type} {r.Name}").Order(), plan.Registrations.Select(r => $"{r.Type} {r.Name}").Order());
        var graph = await DependencyGraph.OfAsync(run);
        // The harness keys options by name; compare where the name is unique (a namespace and its component share one).
        var unique = plan.Registrations.GroupBy(r => r.Name).Where(g => g.Count() == 1).Select(g => g.Single());
        foreach (var registration in unique.Where(r => run.Options.ContainsKey(r.Name)))
            Assert.Equal(graph.Direct(registration.Name).Order(), registration.DependsOn.Order());
        Assert.Contains(plan.Registrations, r => r.DependsOn.Count > 0);
        Assert.Equal(21, plan.Capabilities.Count);
    }

    [Theory]
    [MemberData(nameof(RenderedStacks.All), MemberType = typeof(RenderedStacks))]
    public async Task Secret_configuration_reaches_the_engine_only_as_placeholders(string stack)
    {
        var plan = await RenderedStacks.PlanAsync(stack);
        var json = new JsonArray(plan.Registrations.Select(r => (JsonNode)r.Inputs.DeepClone()).ToArray()).ToJsonString();

        // The fixtures write "placeholder" as every secret's value: the renderer must never pass it on.
        Assert.DoesNotContain("\"placeholder\"", json, StringComparison.Ordinal);
        var command = plan.Registrations.First(r => r.Type == "command:remote:Command");
        Assert.Equal("<secret platform:sshPrivateKey>", command.Inputs["connection"]!["privateKey"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_full_fixture_deploys_every_capability_this_version_can_deploy()
    {
        var plan = await RenderedStacks.PlanAsync("fixture-full");
        var available = Platform.Stacks.Capabilities.CapabilityMatrix.Default.All
            .Where(d => d.Availability == Platform.Stacks.Capabilities.CapabilityAvailability.Available).Select(d => d.Id);
        var enabled = plan.Capabilities.Where(kv => ((System.Collections.Immutable.ImmutableDictionary<string, object>)kv.Value)["enabled"] is true).Select(kv => kv.Key);
        Assert.Equal(available.Order(), enabled.Order());
    }

    [Fact]
    public async Task An_invalid_stack_fails_with_its_configuration_problems()
    {
        var dir = Directory.CreateTempSubdirectory("platform-render-").FullName;
        var path = Path.Combine(dir, "Pulumi.broken.yaml");
        File.WriteAllText(path, "config:\n  platform:tier: huge\n  platform:environment: dev\n");

        var error = await Assert.ThrowsAsync<RunException>(() => PlanRecorder.RecordAsync(StackFile.Load(path)));

        Assert.Contains("platform:tier", RenderTargets.Explain(error));
        Assert.Contains("platform:clusterName", RenderTargets.Explain(error));
    }

    [Fact]
    public async Task Two_renders_of_the_same_stack_are_the_same_text()
    {
        var file = StackFile.Load(RenderedStacks.File("fixture-full"));
        var first = await PlanRecorder.RecordAsync(file);
        var second = await PlanRecorder.RecordAsync(file);

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first.Registrations), System.Text.Json.JsonSerializer.Serialize(second.Registrations));
        Assert.Equal("platform:cluster:Cluster", first.Registrations[0].Type);
    }
}
