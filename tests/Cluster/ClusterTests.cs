using System.Collections.Immutable;
using Platform.Components.Cluster;
using Platform.Components.Cluster.Scripts;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Command.Remote;
using static Platform.Tests.Cluster.ClusterInventories;

namespace Platform.Tests.Cluster;

public class ClusterTests
{
    private const string CommandType = "command:remote:Command";

    private static IReadOnlyDictionary<string, object> Connection(Pulumi.Testing.MockResourceArgs registration)
        => (IReadOnlyDictionary<string, object>)registration.Inputs["connection"];

    private static string Create(StackRun run, string name) => (string)run.Registration(CommandType, name).Inputs["create"];

    [Fact]
    public async Task One_control_plane_node_initialises_and_workers_join_with_their_own_ssh_connection()
    {
        var run = await StackRunner.RunAsync(With(1, 2));

        Assert.Contains("kubeadm init --config /etc/kubernetes/platform/kubeadm.yaml", Create(run, Resource("cp-1", "kubeadm")));
        Assert.Contains("kubeadm join --config", Create(run, Resource("worker-1", "kubeadm")));
        Assert.DoesNotContain("kubeadm join", Create(run, Resource("cp-1", "kubeadm")));
        var connection = Connection(run.Registration(CommandType, Resource("worker-2", "kubeadm")));
        Assert.Equal("10.0.1.12", connection["host"]);
        Assert.Equal("ubuntu", connection["user"]);
        Assert.Equal(22.0, connection["port"]);
        Assert.Equal(30.0, connection["dialErrorLimit"]);
        Assert.Equal("-----BEGIN OPENSSH PRIVATE KEY-----", connection["privateKey"]);
        Assert.StartsWith("sudo -n bash -c", Create(run, Resource("worker-2", "kubeadm")));
        Assert.Equal(3, run.All<KubernetesNode>().Count);
        Assert.DoesNotContain("kube-vip", Create(run, Resource("cp-1", "kubeadm")));
    }

    [Fact]
    public async Task Three_control_planes_behind_kube_vip_join_one_after_another_with_the_virtual_ip_on_every_control_plane()
    {
        var run = await StackRunner.RunAsync(With(3, 1));
        var graph = await DependencyGraph.OfAsync(run);

        Assert.Contains("write_kube_vip /etc/kubernetes/super-admin.conf", Create(run, Resource("cp-1", "kubeadm")));
        Assert.Contains("route show table main match 10.0.0.10", Create(run, Resource("cp-2", "kubeadm")));
        Assert.DoesNotContain("kube-vip", Create(run, Resource("worker-1", "kubeadm")));
        Assert.Contains(Resource("cp-1", "kubeadm"), graph.Direct(Resource("cp-2", "kubeadm")));
        Assert.Contains(Resource("cp-2", "kubeadm"), graph.Direct(Resource("cp-3", "kubeadm")));
        Assert.DoesNotContain(Resource("cp-2", "kubeadm"), graph.Transitive(Resource("worker-1", "kubeadm")));
    }

    [Fact]
    public async Task An_external_load_balancer_endpoint_runs_no_kube_vip()
    {
        var run = await StackRunner.RunAsync(With(3, 1, apiEndpoint: "k8s-api.example.internal"));
        Assert.DoesNotContain("kube-vip", Create(run, Resource("cp-1", "kubeadm")));
        Assert.DoesNotContain("kube-vip", Create(run, Resource("cp-2", "kubeadm")));
        var kubeconfig = (string)run.Registration("pulumi:providers:kubernetes", $"{ClusterName}-access-kubernetes").Inputs["kubeconfig"];
        Assert.Contains("server: https://k8s-api.example.internal:6443", kubeconfig);
    }

    [Theory]
    [InlineData("ubuntu-22.04", "pkgs.k8s.io")]
    [InlineData("ubuntu-24.04", "pkgs.k8s.io")]
    [InlineData("flatcar", "extensions.flatcar.org")]
    public async Task Each_operating_system_family_is_prepared_its_own_way(string os, string source)
    {
        var run = await StackRunner.RunAsync(With(1, 1, os));
        Assert.Contains(source, Create(run, Resource("worker-1", "prepare")));
        var expectedUser = os == "flatcar" ? "core" : "ubuntu";
        Assert.Equal(expectedUser, Connection(run.Registration(CommandType, Resource("worker-1", "prepare")))["user"]);
    }

    [Fact]
    public async Task Nodes_behind_a_bastion_connect_through_it()
    {
        var run = await StackRunner.RunAsync(With(1, 1, edit: v => v["bastion"] = """{"host": "bastion.example.internal", "user": "jump"}"""));
        var proxy = (IReadOnlyDictionary<string, object>)Connection(run.Registration(CommandType, Resource("worker-1", "kubeadm")))["proxy"];
        Assert.Equal("bastion.example.internal", proxy["host"]);
        Assert.Equal("jump", proxy["user"]);
        Assert.Equal("-----BEGIN OPENSSH PRIVATE KEY-----", proxy["privateKey"]);
    }

    [Fact]
    public async Task Control_plane_nodes_get_the_shared_pki_and_workers_only_their_join_configuration()
    {
        var run = await StackRunner.RunAsync(With(3, 1));
        static IReadOnlyList<string> Paths(StackRun run, string node)
            => ((string)run.Registration(CommandType, Resource(node, "files")).Inputs["stdin"])
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')[1]).ToList();

        foreach (var node in new[] { "cp-1", "cp-2", "cp-3" })
        {
            var paths = Paths(run, node);
            foreach (var file in new[] { "ca.crt", "ca.key", "front-proxy-ca.crt", "front-proxy-ca.key", "etcd/ca.crt", "etcd/ca.key", "sa.key", "sa.pub" })
                Assert.Contains($"/etc/kubernetes/pki/{file}", paths);
            Assert.Contains(NodeScripts.KubeadmConfigPath, paths);
            Assert.Contains(NodeScripts.KubeVipTemplatePath, paths);
        }
        Assert.Equal(new[] { NodeScripts.KubeadmConfigPath }, Paths(run, "worker-1"));
    }

    [Fact]
    public async Task Secrets_stay_secret_and_out_of_logs()
    {
        var run = await StackRunner.RunAsync(With(3, 2));
        foreach (var name in new[] { Resource("cp-1", "files"), Resource("worker-1", "files"), Resource("worker-1", "bootstrap-token") })
        {
            var inputs = run.Registration(CommandType, name).Inputs;
            Assert.Equal("none", inputs["logging"]);
            var options = Assert.IsType<CustomResourceOptions>(run.Options[name]);
            Assert.Contains("stdout", options.AdditionalSecretOutputs);
            Assert.Contains("stderr", options.AdditionalSecretOutputs);
            var args = Assert.IsType<CommandArgs>(run.Args[name]);
            Assert.True(await Outputs.IsSecretAsync(args.Stdin!.ToOutput()), $"{name} stdin must be secret");
        }
        var token = (string)run.Registration(CommandType, Resource("worker-1", "bootstrap-token")).Inputs["stdin"];
        Assert.Matches("^[a-z0-9]{6}\\.[a-z0-9]{16}$", token);
        foreach (var command in run.All<Command>())
        {
            var connection = await Outputs.ValueAsync(((CommandArgs)run.Args[command.GetResourceName()]).Connection!.ToOutput());
            Assert.True(await Outputs.IsSecretAsync(connection.PrivateKey!.ToOutput()), $"{command.GetResourceName()}: the SSH key must be secret");
            Assert.DoesNotContain(token, (string)run.Registration(CommandType, command.GetResourceName()).Inputs["create"]);
        }
        var pki = run.Single<ClusterPki>();
        foreach (var secret in new[] { pki.BootstrapToken, pki.SecretsEncryptionKey, pki.AdminKeyPem })
            Assert.True(await Outputs.IsSecretAsync(secret));
        Assert.True(run.Options[$"{ClusterName}-pki-secrets-encryption-key"].Protect);
    }

    [Fact]
    public async Task The_join_discovery_hash_is_the_sha256_of_the_cluster_ca_public_key()
    {
        var run = await StackRunner.RunAsync(With(1, 1));
        var expected = DiscoveryHash.FromPublicKeyPem(PlatformMocks.Pem("PUBLIC KEY", $"{ClusterName}-pki-cluster-ca-key"));
        var files = (string)run.Registration(CommandType, Resource("worker-1", "files")).Inputs["stdin"];
        var joinConfig = NodeFilePayload.Content(files, NodeScripts.KubeadmConfigPath);
        Assert.Contains(expected, joinConfig);
        Assert.Equal(expected, await Outputs.ValueAsync(run.Single<ClusterPki>().DiscoveryTokenCaCertHash));
    }

    [Fact]
    public async Task Workers_never_wait_on_each_other_or_on_secondary_control_planes_and_preparation_waits_on_nothing()
    {
        var run = await StackRunner.RunAsync(With(3, 10));
        var graph = await DependencyGraph.OfAsync(run);
        var nodes = Enumerable.Range(1, 3).Select(i => $"cp-{i}").Concat(Enumerable.Range(1, 10).Select(i => $"worker-{i}")).ToList();

        foreach (var node in nodes)
        {
            Assert.Empty(graph.Transitive(Resource(node, "prepare")));
            Assert.Empty(graph.Transitive(Resource(node, "files")));
        }
        foreach (var worker in nodes.Where(n => n.StartsWith("worker", StringComparison.Ordinal)))
        {
            var waitsFor = graph.Transitive(Resource(worker, "kubeadm"));
            Assert.Contains(Resource("cp-1", "kubeadm"), waitsFor);
            Assert.Contains(Resource(worker, "prepare"), waitsFor);
            var otherNodes = waitsFor.Where(r => !r.StartsWith(Resource(worker, ""), StringComparison.Ordinal) && !r.StartsWith(Resource("cp-1", ""), StringComparison.Ordinal));
            Assert.Empty(otherNodes);
        }
        // The node-object steps come before the init or join (so they are deleted after the reset), and wait for nothing
        // but the init (the first control-plane node's for nothing).
        var init = graph.Transitive(Resource("cp-1", "kubeadm"));
        Assert.Equal(new[] { Resource("cp-1", "files"), Resource("cp-1", "node-object"), Resource("cp-1", "prepare") }, init.Order());
        Assert.Equal(new[] { Resource("cp-1", "kubeadm"), Resource("cp-2", "files"), Resource("cp-2", "node-object"), Resource("cp-2", "prepare") },
            graph.Direct(Resource("cp-2", "kubeadm")).Order());
    }

    [Fact]
    public async Task The_bootstrap_token_step_runs_beside_the_join_so_a_retried_join_runs_it_again()
    {
        var run = await StackRunner.RunAsync(With(3, 2));
        var graph = await DependencyGraph.OfAsync(run);

        foreach (var node in new[] { "cp-2", "cp-3", "worker-1", "worker-2" })
        {
            // Not before the join: a failed join leaves the token step failed too, and the next up runs both again.
            Assert.DoesNotContain(Resource(node, "bootstrap-token"), graph.Transitive(Resource(node, "kubeadm")));
            // Started when the join can start, not earlier.
            Assert.Equal(graph.Direct(Resource(node, "kubeadm")).Order(), graph.Direct(Resource(node, "bootstrap-token")).Order());
            Assert.Equal("10.0.0.11", Connection(run.Registration(CommandType, Resource(node, "bootstrap-token")))["host"]);
        }
        Assert.Contains("node=cp-3", Create(run, Resource("cp-3", "bootstrap-token")));
        Assert.Contains("--selector=node-role.kubernetes.io/control-plane -o name", Create(run, Resource("cp-3", "bootstrap-token")));
        Assert.DoesNotContain("--selector", Create(run, Resource("worker-1", "bootstrap-token")));
        Assert.DoesNotContain("kubeadm token create", Create(run, Resource("worker-1", "bootstrap-token")));
        Assert.Equal(30.0, ((CustomResourceOptions)run.Options[Resource("worker-1", "bootstrap-token")]).CustomTimeouts!.Create!.Value.TotalMinutes);
    }

    [Fact]
    public async Task A_changed_kube_vip_template_rolls_out_to_each_control_plane_one_after_another_off_the_bring_up_path()
    {
        var run = await StackRunner.RunAsync(With(3, 2));
        var graph = await DependencyGraph.OfAsync(run);
        var steps = new[] { "cp-1", "cp-2", "cp-3" }.Select(n => Resource(n, "kube-vip")).ToList();

        for (var i = 0; i < steps.Count; i++)
        {
            var node = $"cp-{i + 1}";
            Assert.Equal($"10.0.0.{11 + i}", Connection(run.Registration(CommandType, steps[i]))["host"]);
            Assert.Contains("render_kube_vip /etc/kubernetes/admin.conf", Create(run, steps[i]));
            Assert.Contains($"node={node}", Create(run, steps[i]));
            // Triggered by the template the node's files step places, so a new kube-vip version or setting runs it again.
            var files = (string)run.Registration(CommandType, Resource(node, "files")).Inputs["stdin"];
            var template = NodeFilePayload.Content(files, NodeScripts.KubeVipTemplatePath);
            Assert.Equal(new object[] { KubeVipManifest.Fingerprint(template) },
                ((ImmutableArray<object>)run.Registration(CommandType, steps[i]).Inputs["triggers"]).ToArray());
            // After the node's files and its init or join, and after the previous control-plane node's step (the first
            // after every upgrade, the last wave's, here worker-2's: no upgrade restarts an API server or drains meanwhile).
            var after = new List<string> { Resource(node, "files"), Resource(node, "kubeadm"), i > 0 ? steps[i - 1] : Resource("worker-2", "upgrade-uncordon") };
            Assert.Equal(after.Order(), graph.Direct(steps[i]).Order());
        }
        Assert.Equal(KubeVipManifest.Fingerprint(KubeVipManifest.Render("10.0.0.10")),
            ((ImmutableArray<object>)run.Registration(CommandType, steps[0]).Inputs["triggers"])[0]);
        // Nothing else waits for them: no join, registration, upgrade or the cluster's layers; after the last, the
        // first control plane's reconfigure step (which comes after every roll-out).
        foreach (var registration in run.Registrations.Where(r => r.Name is not null))
            foreach (var (step, index) in steps.Select((step, index) => (step, index)))
                if (graph.Direct(registration.Name!).Contains(step))
                    Assert.Equal(index + 1 < steps.Count ? steps[index + 1] : Resource("cp-1", "reconfigure"), registration.Name);
        Assert.DoesNotContain(run.Registrations, r => r.Name == Resource("worker-1", "kube-vip"));
    }

    [Fact]
    public async Task Without_kube_vip_there_is_no_kube_vip_step()
    {
        var run = await StackRunner.RunAsync(With(3, 1, apiEndpoint: "k8s-api.example.internal"));
        Assert.DoesNotContain(run.Registrations, r => r.Name!.EndsWith("-kube-vip", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_files_steps_delete_leaves_the_files_the_running_node_needs()
    {
        var run = await StackRunner.RunAsync(With(3, 1));

        foreach (var node in new[] { "cp-1", "cp-2", "worker-1" })
        {
            var delete = Platform.Renderer.NodeScript.Unwrap((string)run.Registration(CommandType, Resource(node, "files")).Inputs["delete"]);
            Assert.Equal(NodeScripts.KeepFiles(), delete);
            Assert.DoesNotContain("rm ", delete);
        }
        Assert.Contains($"rm -rf /etc/cni/net.d {NodeScripts.PlatformDir} {NodeScripts.StateDir}",
            (string)run.Registration(CommandType, Resource("cp-2", "kubeadm")).Inputs["delete"]);
    }

    [Fact]
    public async Task Upgrades_run_in_kubeadms_order_one_node_at_a_time_and_are_triggered_by_the_version()
    {
        var run = await StackRunner.RunAsync(With(3, 2));
        var graph = await DependencyGraph.OfAsync(run);

        var chain = new[]
        {
            Resource("cp-1", "upgrade"), Resource("cp-2", "upgrade"), Resource("cp-3", "upgrade"),
            Resource("worker-1", "upgrade-drain"), Resource("worker-1", "upgrade"), Resource("worker-1", "upgrade-uncordon"),
            Resource("worker-2", "upgrade-drain"), Resource("worker-2", "upgrade"), Resource("worker-2", "upgrade-uncordon"),
        };
        for (var i = 1; i < chain.Length; i++)
            Assert.Contains(chain[i - 1], graph.Direct(chain[i]));
        Assert.Contains("kubeadm upgrade apply", Create(run, chain[0]));
        Assert.Contains("kubeadm upgrade node", Create(run, chain[1]));
        Assert.Equal("10.0.0.11", Connection(run.Registration(CommandType, Resource("worker-1", "upgrade-drain")))["host"]);
        Assert.Equal("10.0.1.11", Connection(run.Registration(CommandType, Resource("worker-1", "upgrade")))["host"]);
        foreach (var step in chain)
            Assert.Equal(new object[] { "1.36.5" }, ((ImmutableArray<object>)run.Registration(CommandType, step).Inputs["triggers"]).ToArray());
        Assert.False(run.Registration(CommandType, Resource("worker-1", "kubeadm")).Inputs.ContainsKey("triggers"));
    }

    [Fact]
    public async Task Removing_a_node_drains_it_deletes_it_and_resets_it_and_adding_one_leaves_the_others_untouched()
    {
        var small = await StackRunner.RunAsync(With(3, 2));
        var larger = await StackRunner.RunAsync(With(3, 3));

        var graph = await DependencyGraph.OfAsync(small);
        // Deleted in reverse dependency order: leave (drain) before the kubeadm step (reset) before node-object (delete Node).
        Assert.Equal(NodeScripts.Leave("worker-2", "10.0.1.12", controlPlane: false, dead: false),
            Platform.Renderer.NodeScript.Unwrap((string)small.Registration(CommandType, Resource("worker-2", "leave")).Inputs["delete"]));
        Assert.Contains(Resource("worker-2", "kubeadm"), graph.Direct(Resource("worker-2", "leave")));
        Assert.Contains("kubeadm reset --force", (string)small.Registration(CommandType, Resource("worker-2", "kubeadm")).Inputs["delete"]);
        Assert.Contains(Resource("worker-2", "node-object"), graph.Direct(Resource("worker-2", "kubeadm")));
        Assert.Equal(NodeScripts.DeleteNode("worker-2", dead: false),
            Platform.Renderer.NodeScript.Unwrap((string)small.Registration(CommandType, Resource("worker-2", "node-object")).Inputs["delete"]));
        Assert.Equal(NodeScripts.KeepRegistration(),
            Platform.Renderer.NodeScript.Unwrap((string)small.Registration(CommandType, Resource("worker-2", "register")).Inputs["delete"]));
        foreach (var step in new[] { "register", "leave", "node-object" })
            Assert.Equal("10.0.0.11", Connection(small.Registration(CommandType, Resource("worker-2", step)))["host"]);

        var added = larger.Registrations.Select(r => r.Name).Except(small.Registrations.Select(r => r.Name)).ToList();
        Assert.NotEmpty(added);
        Assert.All(added, name => Assert.StartsWith($"{ClusterName}-worker-3", name));
        // Only the serving-certificate approver learns the new node's name and address.
        var approver = $"{ClusterName}-serving-certificates-kubelet-csr-approver";
        foreach (var before in small.Registrations.Where(r => r.Name != approver))
        {
            var after = larger.Registration(before.Type!, before.Name!);
            Assert.Equal(Canonical(before.Inputs), Canonical(after.Inputs));
        }
        Assert.DoesNotContain("worker-3", Canonical(small.Registration("kubernetes:helm.sh/v3:Release", approver).Inputs), StringComparison.Ordinal);
        Assert.Contains("worker-3", Canonical(larger.Registration("kubernetes:helm.sh/v3:Release", approver).Inputs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kubernetes_provider_waits_for_the_first_control_plane()
    {
        var run = await StackRunner.RunAsync(With(1, 1));
        var graph = await DependencyGraph.OfAsync(run);
        Assert.Contains(Resource("cp-1", "register"), graph.Direct($"{ClusterName}-access"));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public async Task Control_planes_keep_workloads_off_only_when_there_are_workers(int workers, bool tainted)
    {
        var run = await StackRunner.RunAsync(With(1, workers));
        var files = (string)run.Registration(CommandType, Resource("cp-1", "files")).Inputs["stdin"];
        var initConfig = NodeFilePayload.Content(files, NodeScripts.KubeadmConfigPath);
        Assert.Equal(tainted, initConfig.Contains("node-role.kubernetes.io/control-plane", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_another_node_becomes_the_first_control_plane_its_kubeadm_step_is_updated_not_replaced()
    {
        var before = await StackRunner.RunAsync(With(3, 1));
        var after = await StackRunner.RunAsync(With(3, 1, edit: v => v["nodes"] = v["nodes"]
            .Replace("\"cp-1\"", "\"cp-4\"", StringComparison.Ordinal).Replace("10.0.0.11", "10.0.0.14", StringComparison.Ordinal)
            .Replace("[{", "[{\"name\":\"cp-2\",\"address\":\"10.0.0.12\",\"role\":\"control-plane\"},{", StringComparison.Ordinal)
            .Replace("{\"name\":\"cp-2\",\"address\":\"10.0.0.12\",\"role\":\"control-plane\",\"os\":\"ubuntu-24.04\"},", "", StringComparison.Ordinal)));

        // cp-2 is first now: the same resource gets the init script (an update, which does nothing on a node that
        // joined) rather than a new resource, whose replacement would delete the old one and reset cp-2.
        Assert.Contains("kubeadm join", Create(before, Resource("cp-2", "kubeadm")));
        Assert.Contains("kubeadm init", Create(after, Resource("cp-2", "kubeadm")));
        Assert.Contains("it is not initialised again", Create(after, Resource("cp-2", "kubeadm")));
        Assert.DoesNotContain(after.Registrations, r => r.Name!.StartsWith(Resource("cp-1", ""), StringComparison.Ordinal));
    }

    private static string Canonical(object? value) => value switch
    {
        IReadOnlyDictionary<string, object> map => "{" + string.Join(",", map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + ":" + Canonical(kv.Value))) + "}",
        ImmutableArray<object> list => "[" + string.Join(",", list.Select(Canonical)) + "]",
        _ => value?.ToString() ?? "null",
    };
}
