using System.Collections.Immutable;
using System.Text.Json;
using Platform.Components.Cluster.Scripts;
using Platform.Tests.Cluster.Scripts;
using Platform.Tests.Harness;
using Pulumi;
using static Platform.Tests.Cluster.ClusterInventories;

namespace Platform.Tests.Cluster;

/// <summary>
/// Cluster membership at the resource level: where each node's removal runs and in which order Pulumi's deletes take
/// it (reverse dependency order, removals of several control-plane nodes one after another), what a dead node's steps
/// are registered with, and the replacement of the first control-plane node: the next one runs the admin steps, is not
/// initialised again, and no step is replaced.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class MembershipTests
{
    private const string CommandType = "command:remote:Command";

    private static readonly string[] AdminSteps = ["bootstrap-token", "register", "leave", "node-object", "upgrade-drain", "upgrade-uncordon"];

    private static string Host(StackRun run, string name) =>
        (string)((IReadOnlyDictionary<string, object>)run.Registration(CommandType, name).Inputs["connection"])["host"];

    private static string Script(StackRun run, string name, string input) =>
        Platform.Renderer.NodeScript.Unwrap((string)run.Registration(CommandType, name).Inputs[input]);

    private static CustomResourceOptions Options(StackRun run, string name) => Assert.IsType<CustomResourceOptions>(run.Options[name]);

    /// <summary>The base configuration with this inventory: (name, address, role, dead) each.</summary>
    private static Dictionary<string, string> Inventory(params (string Name, string Address, string Role, bool Dead)[] nodes) =>
        With(3, 1, edit: values => values["nodes"] = JsonSerializer.Serialize(nodes.Select(n => new Dictionary<string, object>
        {
            ["name"] = n.Name, ["address"] = n.Address, ["role"] = n.Role, ["dead"] = n.Dead,
        })));

    [Fact]
    public async Task Each_removal_runs_on_a_healthy_control_plane_before_the_reset_and_deletes_the_node_after_it()
    {
        var run = await StackRunner.RunAsync(With(3, 2));
        var graph = await DependencyGraph.OfAsync(run);

        // The first control-plane node's removal runs on the next one; every other node's on the first.
        Assert.Equal("10.0.0.12", Host(run, Resource("cp-1", "leave")));
        Assert.Equal("10.0.0.12", Host(run, Resource("cp-1", "node-object")));
        foreach (var node in new[] { "cp-2", "cp-3", "worker-1", "worker-2" })
        {
            Assert.Equal("10.0.0.11", Host(run, Resource(node, "leave")));
            Assert.Equal("10.0.0.11", Host(run, Resource(node, "node-object")));
            // The node-object step is created after the init (so deleted before the first node's reset) and before the
            // node's own join (so deleted after its reset).
            Assert.Equal([Resource("cp-1", "kubeadm")], graph.Direct(Resource(node, "node-object")));
            Assert.Contains(Resource(node, "node-object"), graph.Direct(Resource(node, "kubeadm")));
        }
        Assert.Empty(graph.Direct(Resource("cp-1", "node-object")));
        Assert.Contains(Resource("cp-1", "node-object"), graph.Direct(Resource("cp-1", "kubeadm")));
        // The leave steps follow the node's join; the first one's also the join of the node it runs on, so that node's
        // reset, if it leaves in the same update, waits for it.
        Assert.Equal([Resource("cp-1", "kubeadm"), Resource("cp-2", "kubeadm")], graph.Direct(Resource("cp-1", "leave")).Order());
        Assert.Equal([Resource("worker-1", "kubeadm")], graph.Direct(Resource("worker-1", "leave")));
        Assert.Equal(NodeScripts.Leave("cp-2", "10.0.0.12", controlPlane: true, dead: false), Script(run, Resource("cp-2", "leave"), "delete"));
        Assert.Equal(NodeScripts.NothingToDo("leave", "its delete takes the node out of the cluster before the node's reset"),
            Script(run, Resource("cp-2", "leave"), "create"));
        Assert.Equal(NodeScripts.DeleteNode("cp-2", dead: false), Script(run, Resource("cp-2", "node-object"), "delete"));
        Assert.Equal(30.0, Options(run, Resource("cp-2", "leave")).CustomTimeouts!.Delete!.Value.TotalMinutes);
    }

    [Fact]
    public async Task Control_plane_removals_in_one_update_run_one_after_another_and_nothing_waits_for_a_leave_step()
    {
        var run = await StackRunner.RunAsync(Inventory(
            ("cp-1", "10.0.0.11", "control-plane", false), ("cp-2", "10.0.0.12", "control-plane", false), ("cp-3", "10.0.0.13", "control-plane", false),
            ("cp-4", "10.0.0.14", "control-plane", false), ("cp-5", "10.0.0.15", "control-plane", false), ("worker-1", "10.0.1.11", "worker", false)));
        var graph = await DependencyGraph.OfAsync(run);

        // Pulumi deletes a resource only after everything that depends on it: cp-5's leave first, then cp-4's, ... so
        // removing cp-4 and cp-5 in one update takes their etcd members one at a time.
        for (var i = 2; i <= 5; i++)
            Assert.Contains(Resource($"cp-{i - 1}", "leave"), graph.Direct(Resource($"cp-{i}", "leave")));
        foreach (var registration in run.Registrations.Where(r => r.Name is not null && !r.Name.EndsWith("-leave", StringComparison.Ordinal)))
            Assert.DoesNotContain(graph.Direct(registration.Name!), d => d.EndsWith("-leave", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dead_control_plane_runs_nothing_its_steps_are_retained_and_another_one_runs_the_admin_steps()
    {
        var run = await StackRunner.RunAsync(Inventory(
            ("cp-1", "10.0.0.11", "control-plane", true), ("cp-2", "10.0.0.12", "control-plane", false), ("cp-3", "10.0.0.13", "control-plane", false),
            ("worker-1", "10.0.1.11", "worker", false)));

        // Its own steps keep what is in the state and are dropped from it without their delete (no SSH, no reset).
        foreach (var step in new[] { "prepare", "files", "kubeadm", "upgrade", "kube-vip" })
        {
            var options = Options(run, Resource("cp-1", step));
            Assert.True(options.RetainOnDelete, step);
            Assert.Equal(["connection", "create", "delete", "update", "environment", "stdin", "triggers", "logging", "addPreviousOutputInEnv"], options.IgnoreChanges);
        }
        // Its removal, on the first live control-plane node: its etcd member goes on this update (the leave step's create),
        // and when it leaves the inventory, no drain and its Node deleted with force.
        Assert.Equal("10.0.0.12", Host(run, Resource("cp-1", "leave")));
        var leave = NodeScripts.Leave("cp-1", "10.0.0.11", controlPlane: true, dead: true);
        Assert.Equal(leave, Script(run, Resource("cp-1", "leave"), "create"));
        Assert.Equal(leave, Script(run, Resource("cp-1", "leave"), "delete"));
        Assert.Equal(NodeScripts.DeleteNode("cp-1", dead: true), Script(run, Resource("cp-1", "node-object"), "delete"));
        foreach (var step in new[] { "leave", "node-object", "register", "bootstrap-token" })
        {
            Assert.False(Options(run, Resource("cp-1", step)).RetainOnDelete ?? false, step);
            Assert.Empty(Options(run, Resource("cp-1", step)).IgnoreChanges);
        }
        // cp-2 runs the admin steps and the init step (which does nothing on a node that joined); cp-2's own removal
        // runs on cp-3. The service-proxy step keeps its name (cp-1's) and runs on cp-2.
        Assert.Contains("kubeadm init", Script(run, Resource("cp-2", "kubeadm"), "create"));
        Assert.Contains("kubeadm join", Script(run, Resource("cp-1", "kubeadm"), "create"));
        Assert.Equal("10.0.0.13", Host(run, Resource("cp-2", "leave")));
        foreach (var step in new[] { "bootstrap-token", "register", "leave", "node-object", "upgrade-drain", "upgrade-uncordon" })
            Assert.Equal("10.0.0.12", Host(run, Resource("worker-1", step)));
        Assert.Equal("10.0.0.12", Host(run, Resource("cp-1", "service-proxy")));
        Assert.Contains("kubeadm upgrade apply", Script(run, Resource("cp-2", "upgrade"), "create"));
        Assert.Equal("10.0.0.12", Host(run, Resource("cp-1", "register")));
        var warning = Assert.Single(run.Single<Platform.Stacks.PlatformStack>().Warnings, w => w.Contains("dead", StringComparison.Ordinal));
        Assert.StartsWith("platform:nodes marks cp-1 dead: nothing runs on them", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Marking_the_first_control_plane_dead_renames_and_removes_no_step_so_no_delete_would_reach_it()
    {
        var before = await StackRunner.RunAsync(With(3, 1));
        var dead = await StackRunner.RunAsync(Inventory(
            ("cp-1", "10.0.0.11", "control-plane", true), ("cp-2", "10.0.0.12", "control-plane", false), ("cp-3", "10.0.0.13", "control-plane", false),
            ("worker-1", "10.0.1.11", "worker", false)));

        static List<string> Steps(StackRun run) => run.Registrations.Where(r => r.Type == CommandType).Select(r => r.Name!).Order().ToList();
        // A step gone from the program would be deleted, its delete run on the host the state records: cp-1 for its own
        // steps, the service-proxy step and the admin steps.
        Assert.Equal(Steps(before), Steps(dead));
        // Of the steps on cp-1 itself none runs: each ignores every input change.
        foreach (var name in Steps(dead).Where(n => Host(dead, n) == "10.0.0.11"))
            Assert.Contains("create", Options(dead, name).IgnoreChanges);
    }

    [Fact]
    public async Task A_dead_worker_is_not_drained_for_an_upgrade_and_its_own_steps_are_retained()
    {
        var run = await StackRunner.RunAsync(Inventory(
            ("cp-1", "10.0.0.11", "control-plane", false), ("worker-1", "10.0.1.11", "worker", true), ("worker-2", "10.0.1.12", "worker", false)));

        foreach (var step in new[] { "prepare", "files", "kubeadm", "upgrade" })
            Assert.True(Options(run, Resource("worker-1", step)).RetainOnDelete, step);
        foreach (var step in new[] { "upgrade-drain", "upgrade-uncordon" })
        {
            Assert.Equal(["create", "triggers"], Options(run, Resource("worker-1", step)).IgnoreChanges);
            Assert.False(Options(run, Resource("worker-1", step)).RetainOnDelete ?? false);
        }
        Assert.Equal(NodeScripts.Leave("worker-1", "10.0.1.11", controlPlane: false, dead: true), Script(run, Resource("worker-1", "leave"), "delete"));
        Assert.Equal(NodeScripts.DeleteNode("worker-1", dead: true), Script(run, Resource("worker-1", "node-object"), "delete"));
        foreach (var step in new[] { "prepare", "files", "kubeadm", "upgrade", "upgrade-drain", "leave", "node-object" })
        {
            Assert.Null(Options(run, Resource("worker-2", step)).RetainOnDelete);
            Assert.Empty(Options(run, Resource("worker-2", step)).IgnoreChanges);
        }
    }

    [Fact]
    public async Task Replacing_the_first_control_plane_moves_the_admin_steps_reinitialises_nothing_and_replaces_no_step()
    {
        var before = await StackRunner.RunAsync(With(3, 1));
        // The replacement procedure: cp-1 leaves and cp-4 joins in one update (an odd count on both sides).
        var after = await StackRunner.RunAsync(Inventory(
            ("cp-2", "10.0.0.12", "control-plane", false), ("cp-3", "10.0.0.13", "control-plane", false), ("cp-4", "10.0.0.14", "control-plane", false),
            ("worker-1", "10.0.1.11", "worker", false)));
        var graph = await DependencyGraph.OfAsync(after);

        // Every step of the nodes that stay keeps its name and its triggers (a replaced kubeadm step would reset its node).
        var stays = new[] { "cp-2", "cp-3", "worker-1" };
        bool OfStayingNode(string name) => stays.Any(n => name.StartsWith(Resource(n, ""), StringComparison.Ordinal)) && !name.EndsWith("-service-proxy", StringComparison.Ordinal)
            && !name.EndsWith("-rewrite-secrets", StringComparison.Ordinal);
        var beforeSteps = before.Registrations.Where(r => r.Type == CommandType && OfStayingNode(r.Name!)).Select(r => r.Name!).Order().ToList();
        var afterSteps = after.Registrations.Where(r => r.Type == CommandType && OfStayingNode(r.Name!)).Select(r => r.Name!).Order().ToList();
        Assert.Equal(beforeSteps, afterSteps);
        foreach (var name in beforeSteps)
        {
            before.Registration(CommandType, name).Inputs.TryGetValue("triggers", out var was);
            after.Registration(CommandType, name).Inputs.TryGetValue("triggers", out var now);
            Assert.Equal(was is ImmutableArray<object> w ? w.ToArray() : null, now is ImmutableArray<object> n ? n.ToArray() : null);
        }
        // cp-2 now runs the admin steps and its own removal runs on cp-3, after cp-3's join.
        foreach (var step in AdminSteps.Where(s => s is not "bootstrap-token" and not "upgrade-drain" and not "upgrade-uncordon"))
            Assert.Equal("10.0.0.12", Host(after, Resource("worker-1", step)));
        Assert.Equal("10.0.0.12", Host(after, Resource("worker-1", "bootstrap-token")));
        Assert.Equal("10.0.0.12", Host(after, Resource("cp-4", "bootstrap-token")));
        Assert.Equal("10.0.0.13", Host(after, Resource("cp-2", "leave")));
        Assert.Contains(Resource("cp-3", "kubeadm"), graph.Direct(Resource("cp-2", "leave")));
        Assert.Equal("10.0.0.12", Host(after, Resource("cp-2", "service-proxy")));
        // cp-4 joins after cp-3, the last control-plane node before it.
        Assert.Contains(Resource("cp-3", "kubeadm"), graph.Direct(Resource("cp-4", "kubeadm")));
        Assert.Contains(Resource("cp-2", "kubeadm"), graph.Direct(Resource("cp-4", "kubeadm")));

        // cp-2's kubeadm step is updated to the init script, which runs again on the update and does nothing on cp-2,
        // a member since its join; cp-2's files step now places the init configuration its admin steps use.
        var init = Script(after, Resource("cp-2", "kubeadm"), "create");
        Assert.Contains("kubeadm init", init);
        using var host = new FakeHost();
        host.Write(NodeScripts.JoinedMarker, "");
        host.Write(NodeScripts.AdminKubeconfig, "admin kubeconfig\n");
        host.Write("/etc/kubernetes/manifests/kube-vip.yaml", "kube-vip on /etc/kubernetes/admin.conf\n");
        var rerun = host.Run(init);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Empty(rerun.CallsOf("kubeadm"));
        var files = (string)after.Registration(CommandType, Resource("cp-2", "files")).Inputs["stdin"];
        Assert.Contains("kind: InitConfiguration", NodeFilePayload.Content(files, NodeScripts.KubeadmConfigPath), StringComparison.Ordinal);
    }
}
