using System.Collections.Immutable;
using System.Diagnostics;
using Platform.Renderer;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;
using static Platform.Tests.Cluster.ClusterInventories;

namespace Platform.Tests.Cluster;

/// <summary>
/// The cluster's Service proxy follows <c>platform:cni</c> on a running cluster without a moment in which Services have
/// no proxy: a step on the first control-plane node adds kube-proxy before Cilium stops replacing it, or removes it (and
/// every node's kube-proxy rules) after Cilium has started to; on a new cluster it changes nothing. The cni capability
/// cannot be switched off. The scripts are run here against stand-ins for kubectl, kubeadm and iptables.
/// </summary>
public class ServiceProxyTests
{
    private const string CommandType = "command:remote:Command";
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string Replaced = """{"plugin": "cilium", "kubeProxyReplacement": true}""";
    private static readonly string Step = Resource("cp-1", "service-proxy");
    private static readonly string Cilium = $"{ClusterName}-cni-cilium";

    private static Task<StackRun> RunAsync(string? cni, int workers = 2, string version = "1.36.5") =>
        StackRunner.RunAsync(With(3, workers, edit: v =>
        {
            if (cni != null) v["cni"] = cni;
            v["kubernetesVersion"] = version;
        }));

    private static string Script(StackRun run, string name, string phase = "create")
        => NodeScript.Unwrap((string)run.Registration(CommandType, name).Inputs[phase]);

    private static object[] Triggers(StackRun run, string name)
        => ((ImmutableArray<object>)run.Registration(CommandType, name).Inputs["triggers"]).ToArray();

    private static string Host(StackRun run, string name)
        => (string)((IReadOnlyDictionary<string, object>)run.Registration(CommandType, name).Inputs["connection"])["host"];

    [Fact]
    public async Task With_kube_proxy_wanted_the_cni_release_waits_for_the_step_on_the_first_control_plane()
    {
        var run = await RunAsync(cni: null);
        var graph = await DependencyGraph.OfAsync(run);

        Assert.Equal("10.0.0.11", Host(run, Step));
        Assert.Contains(Step, graph.Direct(Cilium));
        Assert.DoesNotContain(Cilium, graph.Transitive(Step));
        Assert.Superset(new HashSet<string> { Resource("cp-1", "files"), Resource("cp-1", "kubeadm") }, graph.Direct(Step).ToHashSet());
        Assert.DoesNotContain(Resource("cp-1", "upgrade"), graph.Transitive(Step));
        Assert.Equal(new object[] { "kube-proxy" }, Triggers(run, Step));
        Assert.Contains("nothing to undo", Script(run, Step, "delete"), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Registrations, r => r.Name!.EndsWith("-kube-proxy-rules", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_kube_proxy_replaced_the_step_waits_for_the_cni_release_and_each_node_then_drops_the_rules()
    {
        var run = await RunAsync(Replaced);
        var graph = await DependencyGraph.OfAsync(run);

        Assert.Equal("10.0.0.11", Host(run, Step));
        Assert.Contains(Cilium, graph.Direct(Step));
        Assert.DoesNotContain(Step, graph.Transitive(Cilium));
        Assert.Superset(new HashSet<string> { Resource("cp-1", "files"), Resource("cp-1", "kubeadm") }, graph.Direct(Step).ToHashSet());
        Assert.DoesNotContain(Resource("cp-1", "upgrade"), graph.Transitive(Step));
        Assert.Equal(new object[] { "kube-proxy replaced" }, Triggers(run, Step));
        foreach (var (node, address) in new[] { ("cp-1", "10.0.0.11"), ("cp-2", "10.0.0.12"), ("cp-3", "10.0.0.13"), ("worker-1", "10.0.1.11"), ("worker-2", "10.0.1.12") })
        {
            var rules = Resource(node, "kube-proxy-rules");
            Assert.Equal(new[] { Resource(node, "kubeadm"), Step }.Order(), graph.Direct(rules).Order());
            Assert.Equal(address, Host(run, rules));
            Assert.Contains("nothing to undo", Script(run, rules, "delete"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_calico_kube_proxy_stays_and_both_calico_releases_wait_for_the_step()
    {
        var run = await RunAsync("""{"plugin": "calico"}""");
        var graph = await DependencyGraph.OfAsync(run);

        Assert.Contains(Step, graph.Direct($"{ClusterName}-cni-calico-crds"));
        Assert.Contains(Step, graph.Direct($"{ClusterName}-cni-calico"));
        Assert.Equal(new object[] { "kube-proxy" }, Triggers(run, Step));
    }

    [Fact]
    public async Task Switching_the_setting_keeps_the_step_and_its_name_and_changes_its_trigger()
    {
        var kept = await RunAsync(cni: null);
        var replaced = await RunAsync(Replaced);

        Assert.NotEqual(Triggers(kept, Step), Triggers(replaced, Step));
        Assert.NotEqual(Script(kept, Step), Script(replaced, Step));
        Assert.Equal(Script(kept, Step, "delete"), Script(replaced, Step, "delete"));
        Assert.Single(kept.RegistrationsOf(ReleaseType), r => r.Name == Cilium);
        Assert.Single(replaced.RegistrationsOf(ReleaseType), r => r.Name == Cilium);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Replaced)]
    public async Task The_scripts_pass_shellcheck_and_keep_secrets_off_the_command_line(string? cni)
    {
        var run = await RunAsync(cni);
        var token = (string)run.Registration(CommandType, Resource("worker-1", "bootstrap-token")).Inputs["stdin"];

        var steps = run.RegistrationsOf(CommandType).Select(r => r.Name!)
            .Where(n => n.EndsWith("-service-proxy", StringComparison.Ordinal) || n.EndsWith("-kube-proxy-rules", StringComparison.Ordinal)).ToList();
        Assert.Equal(cni is null ? 1 : 1 + 5, steps.Count);
        foreach (var name in steps)
        {
            foreach (var phase in new[] { "create", "delete" })
            {
                var script = Script(run, name, phase);
                Assert.StartsWith("#!/usr/bin/env bash\n", script, StringComparison.Ordinal);
                Assert.Contains("\nset -euo pipefail\n", script, StringComparison.Ordinal);
                Assert.Equal("", ShellCheck.Findings(script));
                Assert.DoesNotContain(token, script, StringComparison.Ordinal);
            }
            Assert.False(run.Registration(CommandType, name).Inputs.ContainsKey("stdin"));
        }
    }

    [Fact]
    public async Task On_a_new_cluster_the_step_changes_nothing_in_either_mode()
    {
        var kept = await RunAsync(cni: null);
        var replaced = await RunAsync(Replaced);

        // kubeadm init installed kube-proxy: it is left as it is (and waited for).
        var cluster = new FakeCluster { KubeProxy = true };
        Assert.True(cluster.Run(Script(kept, Step)) == 0, cluster.Errors);
        Assert.Empty(cluster.Changes);
        Assert.Contains("kubectl -n kube-system rollout status daemonset/kube-proxy --timeout=10m", cluster.Calls);

        // kubeadm init skipped kube-proxy and Cilium replaces it: nothing to remove, on the cluster or on the nodes.
        cluster = new FakeCluster { KubeProxy = false, CiliumReplacement = "true" };
        Assert.True(cluster.Run(Script(replaced, Step)) == 0, cluster.Errors);
        Assert.Empty(cluster.Changes);
        var node = new FakeCluster { Rules = { ["iptables-nft"] = CiliumOnlyRules } };
        Assert.True(node.Run(Script(replaced, Resource("worker-1", "kube-proxy-rules"))) == 0, node.Errors);
        Assert.Empty(node.Changes);
    }

    [Fact]
    public async Task Turning_kube_proxy_replacement_off_adds_kube_proxy_through_kubeadm_once()
    {
        var run = await RunAsync(cni: null);
        var cluster = new FakeCluster { KubeProxy = false, CiliumReplacement = "true" };

        Assert.True(cluster.Run(Script(run, Step)) == 0, cluster.Errors);
        Assert.Equal(
            new[]
            {
                "kubeadm init phase upload-config kubeadm --config /etc/kubernetes/platform/kubeadm.yaml.running",
                "kubeadm init phase addon kube-proxy --config /etc/kubernetes/platform/kubeadm.yaml.running",
            },
            cluster.Changes);
        Assert.True(cluster.KubeProxy);
        Assert.Equal("kubectl -n kube-system rollout status daemonset/kube-proxy --timeout=10m", cluster.Calls[^1]);
        // The version is read and used under kubeadm upgrade apply's lock; the wait for the roll-out does not hold it.
        Assert.Equal(
            new[]
            {
                "kubectl -n kube-system get configmap kubeadm-config -o jsonpath={.data.ClusterConfiguration}",
                "kubeadm init phase upload-config kubeadm --config /etc/kubernetes/platform/kubeadm.yaml.running",
                "kubeadm init phase addon kube-proxy --config /etc/kubernetes/platform/kubeadm.yaml.running",
            },
            cluster.UnderLock);

        Assert.True(cluster.Run(Script(run, Step)) == 0, cluster.Errors);
        Assert.Equal(2, cluster.Changes.Count);
    }

    [Fact]
    public async Task Turning_kube_proxy_replacement_on_removes_kube_proxy_once_cilium_replaces_it_and_then_its_rules()
    {
        var run = await RunAsync(Replaced);
        var cluster = new FakeCluster { KubeProxy = true, CiliumReplacement = "true" };

        Assert.True(cluster.Run(Script(run, Step)) == 0, cluster.Errors);
        Assert.Equal(
            new[]
            {
                "kubeadm init phase upload-config kubeadm --config /etc/kubernetes/platform/kubeadm.yaml.running",
                "kubectl -n kube-system delete configmap kube-proxy --ignore-not-found",
                "kubectl -n kube-system delete daemonset kube-proxy --ignore-not-found --cascade=foreground --wait=false",
            },
            cluster.Changes);
        Assert.False(cluster.KubeProxy);
        // The configuration upload and both deletions hold kubeadm upgrade apply's lock, so its kube-proxy addon phase
        // cannot put kube-proxy back in between; the waits for pods (Cilium's roll-out, kube-proxy's pods) do not.
        Assert.Equal(
            new[]
            {
                "kubectl -n kube-system get configmap kubeadm-config -o jsonpath={.data.ClusterConfiguration}",
                "kubeadm init phase upload-config kubeadm --config /etc/kubernetes/platform/kubeadm.yaml.running",
                "kubectl -n kube-system delete configmap kube-proxy --ignore-not-found",
                "kubectl -n kube-system delete daemonset kube-proxy --ignore-not-found --cascade=foreground --wait=false",
            },
            cluster.UnderLock);
        // Every Cilium agent runs with the replacement before kube-proxy goes.
        var rollout = cluster.Calls.IndexOf("kubectl -n kube-system rollout status daemonset/cilium --timeout=10m");
        Assert.True(rollout >= 0 && rollout < cluster.Calls.IndexOf("kubectl -n kube-system delete daemonset kube-proxy --ignore-not-found --cascade=foreground --wait=false"),
            string.Join("\n", cluster.Calls));
        Assert.True(cluster.Run(Script(run, Step)) == 0, cluster.Errors);
        Assert.Equal(3, cluster.Changes.Count);

        var node = new FakeCluster { Rules = { ["iptables"] = KubeProxyRules, ["iptables-nft"] = KubeProxyRules, ["ip6tables"] = "" } };
        Assert.True(node.Run(Script(run, Resource("worker-1", "kube-proxy-rules"))) == 0, node.Errors);
        Assert.Equal(new[] { "iptables-restore --wait", "iptables-nft-restore --wait" }, node.Changes);
        Assert.Equal("*filter\n:INPUT ACCEPT [0:0]\n:CILIUM_INPUT - [0:0]\n-A INPUT -j CILIUM_INPUT\nCOMMIT\n*nat\nCOMMIT\n", node.Restored["iptables"]);
        Assert.True(node.Run(Script(run, Resource("worker-1", "kube-proxy-rules"))) == 0, node.Errors);
        Assert.Equal(2, node.Changes.Count);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("")]
    public async Task Kube_proxy_is_not_removed_while_cilium_does_not_replace_it(string replacement)
    {
        var run = await RunAsync(Replaced);
        var cluster = new FakeCluster { KubeProxy = true, CiliumReplacement = replacement };

        Assert.True(cluster.Run(Script(run, Step)) == 1, cluster.Errors);
        Assert.Empty(cluster.Changes);
        Assert.True(cluster.KubeProxy);
        Assert.Contains($"refusing to remove kube-proxy: Cilium's kube-proxy replacement is not on (cilium-config has kube-proxy-replacement '{replacement}')", cluster.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Replaced, "1.35.9", " --skip-phases=addon/kube-proxy")]
    [InlineData(Replaced, "1.36.5", " --skip-phases=addon/kube-proxy")]
    [InlineData(Replaced, "1.37.1", " --skip-phases=addon/kube-proxy")]
    [InlineData(null, "1.36.5", "")]
    public async Task Upgrades_skip_kubeadms_kube_proxy_addon_when_cilium_replaces_it(string? cni, string version, string skip)
    {
        var run = await RunAsync(cni, workers: 1, version: version);

        Assert.Contains($"\nflock /run/platform-kubeadm.lock kubeadm upgrade apply \"v$TARGET\" --yes{skip}\n", Script(run, Resource("cp-1", "upgrade")), StringComparison.Ordinal);
        Assert.Contains($"\nflock /run/platform-kubeadm.lock kubeadm upgrade node{skip}\n", Script(run, Resource("cp-2", "upgrade")), StringComparison.Ordinal);
        Assert.Contains("\nkubeadm upgrade node\n", Script(run, Resource("worker-1", "upgrade")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_the_cni_capability_off_is_a_configuration_error_and_registers_nothing()
    {
        var config = ValidConfig.Values();
        config["capabilities"] = """{"cni": false}""";
        var mocks = new PlatformMocks();

        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));

        Assert.Contains("platform:capabilities.cni: cni cannot be switched off: the cluster needs a network plugin", error.Message, StringComparison.Ordinal);
        Assert.Contains("removing it takes down all pod networking", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bringing your own CNI is not supported", error.Message, StringComparison.Ordinal);
        Assert.Contains("Remove the override", error.Message, StringComparison.Ordinal);
        Assert.Empty(mocks.Registrations);
    }

    [Fact]
    public async Task Switching_the_cni_capability_on_explicitly_is_fine()
    {
        var config = ValidConfig.Values();
        config["capabilities"] = """{"cni": true}""";

        var run = await StackRunner.RunAsync(config);

        Assert.Single(run.RegistrationsOf(ReleaseType), r => r.Name == Cilium);
    }

    private const string CiliumOnlyRules = """
        *filter
        :INPUT ACCEPT [0:0]
        :CILIUM_INPUT - [0:0]
        :KUBE-FIREWALL - [0:0]
        -A INPUT -j CILIUM_INPUT
        -A INPUT -j KUBE-FIREWALL
        COMMIT

        """;

    private const string KubeProxyRules = """
        *filter
        :INPUT ACCEPT [0:0]
        :CILIUM_INPUT - [0:0]
        :KUBE-FIREWALL - [0:0]
        :KUBE-PROXY-CANARY - [0:0]
        -A INPUT -j CILIUM_INPUT
        -A INPUT -j KUBE-FIREWALL
        COMMIT
        *nat
        :KUBE-SERVICES - [0:0]
        -A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
        COMMIT

        """;

    /// <summary>
    /// Stand-ins for kubectl, kubeadm and the iptables tools that answer like a cluster or node in a given state and
    /// record what a script asks of them: every call, and the calls that change something.
    /// </summary>
    private sealed class FakeCluster
    {
        private static readonly string[] IptablesTools = ["iptables", "iptables-nft", "iptables-legacy", "ip6tables", "ip6tables-nft", "ip6tables-legacy"];

        public bool KubeProxy { get; set; }

        public string? CiliumReplacement { get; set; }

        /// <summary>The rules each iptables tool's save prints; a tool without an entry has no tables (save fails).</summary>
        public Dictionary<string, string> Rules { get; } = [];

        public Dictionary<string, string> Restored { get; } = [];

        public List<string> Calls { get; } = [];

        public List<string> Changes { get; } = [];

        /// <summary>The calls made while the script held the lock kubeadm upgrade apply takes.</summary>
        public List<string> UnderLock { get; } = [];

        public string Errors { get; private set; } = "";

        public int Run(string script)
        {
            var dir = Directory.CreateTempSubdirectory("platform-fake-").FullName;
            try
            {
                var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
                var state = Directory.CreateDirectory(Path.Combine(dir, "state")).FullName;
                if (KubeProxy)
                {
                    File.WriteAllText(Path.Combine(state, "daemonset"), "");
                    File.WriteAllText(Path.Combine(state, "configmap"), "");
                }
                if (CiliumReplacement != null) File.WriteAllText(Path.Combine(state, "replacement"), CiliumReplacement);
                foreach (var (tool, rules) in Rules) File.WriteAllText(Path.Combine(state, $"{tool}.rules"), rules);
                Stub(bin, "kubectl", """
                    echo "kubectl $*" >>"$FAKE/calls"
                    flock -n "$ROOTDIR/run/platform-kubeadm.lock" true || echo "kubectl $*" >>"$FAKE/locked"
                    case "$*" in
                      "-n kube-system get daemonset kube-proxy --ignore-not-found -o name")
                        if [ -f "$FAKE/daemonset" ]; then echo daemonset.apps/kube-proxy; fi ;;
                      "-n kube-system get configmap kube-proxy --ignore-not-found -o name")
                        if [ -f "$FAKE/configmap" ]; then echo configmap/kube-proxy; fi ;;
                      "-n kube-system get configmap cilium-config --ignore-not-found -o jsonpath={.data.kube-proxy-replacement}")
                        if [ -f "$FAKE/replacement" ]; then printf '%s' "$(cat "$FAKE/replacement")"; fi ;;
                      "-n kube-system rollout status daemonset/kube-proxy --timeout=10m")
                        [ -f "$FAKE/daemonset" ] ;;
                      "-n kube-system rollout status daemonset/cilium --timeout=10m") ;;
                      "-n kube-system get configmap kubeadm-config -o jsonpath={.data.ClusterConfiguration}") printf 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.36.5\n' ;;
                      "-n kube-system delete daemonset kube-proxy --ignore-not-found --cascade=foreground --wait=false")
                        echo "kubectl $*" >>"$FAKE/changes"; rm -f "$FAKE/daemonset" ;;
                      "-n kube-system delete configmap kube-proxy --ignore-not-found")
                        echo "kubectl $*" >>"$FAKE/changes"; rm -f "$FAKE/configmap" ;;
                      "-n kube-system wait --for=delete daemonset/kube-proxy --timeout=10m") ;;
                      *) echo "unexpected: kubectl $*" >&2; exit 2 ;;
                    esac
                    """);
                // kubeadm gets the configuration at the version kubeadm-config names (v1.36.5), not the file's (v1.37.1).
                Stub(bin, "kubeadm", """
                    line="kubeadm $*"
                    line="${line//$ROOTDIR/}"
                    echo "$line" >>"$FAKE/calls"
                    echo "$line" >>"$FAKE/changes"
                    flock -n "$ROOTDIR/run/platform-kubeadm.lock" true || echo "$line" >>"$FAKE/locked"
                    grep -qx 'kubernetesVersion: v1.36.5' "$ROOTDIR/etc/kubernetes/platform/kubeadm.yaml.running" || { echo "not at the running version" >&2; exit 3; }
                    case "${line#kubeadm }" in
                      "init phase addon kube-proxy --config /etc/kubernetes/platform/kubeadm.yaml.running")
                        touch "$FAKE/daemonset" "$FAKE/configmap" ;;
                      "init phase upload-config kubeadm --config /etc/kubernetes/platform/kubeadm.yaml.running") ;;
                      *) echo "unexpected: $line" >&2; exit 2 ;;
                    esac
                    """);
                foreach (var tool in IptablesTools)
                {
                    Stub(bin, $"{tool}-save", $$"""
                        [ -f "$FAKE/{{tool}}.rules" ] || { echo "{{tool}}: no tables" >&2; exit 1; }
                        cat "$FAKE/{{tool}}.rules"
                        """);
                    Stub(bin, $"{tool}-restore", $$"""
                        echo "{{tool}}-restore $*" >>"$FAKE/calls"
                        echo "{{tool}}-restore $*" >>"$FAKE/changes"
                        cat >"$FAKE/{{tool}}.restored"
                        cp "$FAKE/{{tool}}.restored" "$FAKE/{{tool}}.rules"
                        """);
                }

                // The platform's folder under the temporary one: nothing on this machine is read or written.
                var platform = Directory.CreateDirectory(Path.Combine(dir, "etc/kubernetes/platform")).FullName;
                File.WriteAllText(Path.Combine(platform, "kubeadm.yaml"), "kind: ClusterConfiguration\nkubernetesVersion: v1.37.1\n");
                var path = Path.Combine(dir, "script.sh");
                Directory.CreateDirectory(Path.Combine(dir, "run"));
                File.WriteAllText(path, script.Replace("/etc/kubernetes/platform/", platform + "/", StringComparison.Ordinal)
                    .Replace("/run/", Path.Combine(dir, "run") + "/", StringComparison.Ordinal));
                var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
                start.ArgumentList.Add(path);
                start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
                start.Environment["FAKE"] = state;
                start.Environment["ROOTDIR"] = dir;
                using var process = Process.Start(start)!;
                process.StandardOutput.ReadToEnd();
                Errors = process.StandardError.ReadToEnd();
                process.WaitForExit();

                Calls.Clear();
                Calls.AddRange(Lines(Path.Combine(state, "calls")));
                Changes.AddRange(Lines(Path.Combine(state, "changes")));
                UnderLock.Clear();
                UnderLock.AddRange(Lines(Path.Combine(state, "locked")));
                KubeProxy = File.Exists(Path.Combine(state, "daemonset"));
                foreach (var tool in IptablesTools)
                {
                    var restored = Path.Combine(state, $"{tool}.restored");
                    if (File.Exists(restored)) Restored[tool] = File.ReadAllText(restored);
                    var rules = Path.Combine(state, $"{tool}.rules");
                    if (File.Exists(rules)) Rules[tool] = File.ReadAllText(rules);
                }
                return process.ExitCode;
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        private static IEnumerable<string> Lines(string path) =>
            File.Exists(path) ? File.ReadAllLines(path) : [];

        private static void Stub(string bin, string name, string body)
        {
            if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("The node scripts run under bash.");
            var path = Path.Combine(bin, name);
            File.WriteAllText(path, "#!/usr/bin/env bash\nset -euo pipefail\n" + body + "\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
