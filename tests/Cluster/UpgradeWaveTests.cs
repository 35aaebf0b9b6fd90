using System.Text.Json;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;

namespace Platform.Tests.Cluster;

/// <summary>Workers upgrade in waves of <c>platform:upgrade.maxUnavailableWorkers</c>, after the control-plane nodes one
/// at a time, and nothing in the bring-up waits for an upgrade step.</summary>
public class UpgradeWaveTests
{
    private static readonly string[] UpgradeSteps = ["-upgrade", "-upgrade-drain", "-upgrade-uncordon"];

    /// <summary>Roll-outs and reports that come after the upgrades and that nothing waits for (the kube-vip template's,
    /// the configuration's, the control-plane nodes' certificate expiry, read after the upgrade that renews the
    /// certificates too).</summary>
    private static readonly string[] RollOuts = ["-kube-vip", "-reconfigure", "-reconfigure-kubelet", "-rewrite-secrets", "-certificate-expiry"];

    [Fact]
    public async Task Each_wave_of_workers_waits_for_the_whole_previous_wave_and_the_first_for_the_last_control_plane()
    {
        var run = await StackRunner.RunAsync(ClusterInventories.With(3, 7, edit: v => v["upgrade"] = """{"maxUnavailableWorkers": 3}"""));
        var graph = await DependencyGraph.OfAsync(run);
        string Step(string node, string step) => ClusterInventories.Resource(node, step);
        void Waits(string[] expected, string step) => Assert.Equal(expected.Order(), graph.Direct(step).Order());

        Waits([Step("cp-2", "register"), Step("cp-1", "upgrade")], Step("cp-2", "upgrade"));
        Waits([Step("cp-3", "register"), Step("cp-2", "upgrade")], Step("cp-3", "upgrade"));
        foreach (var worker in new[] { "worker-1", "worker-2", "worker-3" })
            Waits([Step("cp-3", "upgrade"), Step(worker, "register")], Step(worker, "upgrade-drain"));
        foreach (var worker in new[] { "worker-4", "worker-5", "worker-6" })
        {
            Waits(
                [Step(worker, "register"), Step("worker-1", "upgrade-uncordon"), Step("worker-2", "upgrade-uncordon"), Step("worker-3", "upgrade-uncordon")], Step(worker, "upgrade-drain"));
        }
        Waits(
            [Step("worker-4", "upgrade-uncordon"), Step("worker-5", "upgrade-uncordon"), Step("worker-6", "upgrade-uncordon"), Step("worker-7", "register")], Step("worker-7", "upgrade-drain"));
    }

    [Fact]
    public async Task With_the_default_three_hundred_workers_add_at_most_thirty_steps_to_the_longest_chain_of_three()
    {
        var small = await DependencyGraph.OfAsync(await StackRunner.RunAsync(Inventory(3, 3)));
        var large = await DependencyGraph.OfAsync(await StackRunner.RunAsync(Inventory(3, 300)));

        // 10% of 300 is 30 workers at once: 10 waves of drain, upgrade and uncordon, against 3 waves of one for 3 workers.
        Assert.InRange(large.LongestChain() - small.LongestChain(), 0, 30);
    }

    [Fact]
    public async Task Nothing_in_the_bring_up_waits_for_an_upgrade_step()
    {
        foreach (var config in new[] { ClusterInventories.With(3, 4), ClusterInventories.With(1, 2, edit: v => v["cni"] = """{"plugin": "calico"}""") })
        {
            var run = await StackRunner.RunAsync(config);
            var graph = await DependencyGraph.OfAsync(run);
            foreach (var name in run.Options.Keys.Where(n => !IsUpgradeStep(n) && !RollOuts.Any(r => n.EndsWith(r, StringComparison.Ordinal))))
                Assert.True(!graph.Transitive(name).Any(IsUpgradeStep), $"{name} waits for {string.Join(", ", graph.Transitive(name).Where(IsUpgradeStep))}");
        }
    }

    private static bool IsUpgradeStep(string name) => UpgradeSteps.Any(s => name.EndsWith(s, StringComparison.Ordinal));

    /// <summary>A valid configuration with <paramref name="controlPlanes"/> and <paramref name="workers"/> nodes and a pod
    /// range large enough for them.</summary>
    private static Dictionary<string, string> Inventory(int controlPlanes, int workers)
    {
        var nodes = new List<Dictionary<string, object>>();
        for (var i = 1; i <= controlPlanes; i++)
            nodes.Add(new() { ["name"] = $"cp-{i}", ["address"] = $"10.0.0.{10 + i}", ["role"] = "control-plane" });
        for (var i = 0; i < workers; i++)
            nodes.Add(new() { ["name"] = $"worker-{i + 1}", ["address"] = $"10.1.{i / 250}.{i % 250 + 1}", ["role"] = "worker" });
        var values = ValidConfig.Values();
        values["nodes"] = JsonSerializer.Serialize(nodes);
        values["apiEndpoint"] = "10.0.0.10";
        values["podCidr"] = "10.128.0.0/14";
        return values;
    }
}
