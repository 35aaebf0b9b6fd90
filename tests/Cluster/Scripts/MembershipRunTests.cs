using System.Runtime.Versioning;
using Platform.Components.Cluster.Scripts;

namespace Platform.Tests.Cluster.Scripts;

/// <summary>
/// A node's removal run on <see cref="FakeHost"/>s, in the order Pulumi deletes its steps (the leave step on a healthy
/// control-plane node, the reset on the node, the node-object step on the healthy one): the drain, the etcd member
/// removal through another control-plane node's etcd pod, the reset and the Node's deletion; a member that is gone
/// already; a removal refused before anything changed when etcd could not spare the member; a dead node's removal
/// without a drain; and the init and join steps of a node that is a member already, which do nothing.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class MembershipRunTests : IDisposable
{
    private const string Etcdctl = "etcdctl --endpoints=https://10.0.0.11:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt "
        + "--cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt --key=/etc/kubernetes/pki/etcd/healthcheck-client.key";

    private const string Cp3Member = "c3c3c3c3c3c3c3c3";

    /// <summary>
    /// kubectl on a control-plane node, as far as a removal uses it: Nodes are files in <c>$FAKE/nodes</c>; the etcd pods
    /// are the lines of <c>$FAKE/etcd-pods</c> (name, node, Ready, client URLs, as the jsonpath prints them); and
    /// <c>kubectl exec</c> into an etcd pod runs etcdctl on <c>$FAKE/members</c> (etcdctl's simple member list) with the
    /// members named in <c>$FAKE/unhealthy</c> failing their health check (and their pods, like those in
    /// <c>$FAKE/unanswering</c>, failing an exec).
    /// </summary>
    private const string Kubectl = """
        case "$*" in
          # No kured here: the reboot lock is nothing to hold (RebootRunTests has the lock).
          "-n kured get daemonset kured --ignore-not-found "*|"get nodes -o jsonpath={.items[*].metadata.annotations.platform/cordoned-for-upgrade}") ;;
          "get node "*)
            [ -f "$FAKE/nodes/$3" ] ;;
          "drain "*)
            # A member that goes down while the node drains (a reboot elsewhere): $FAKE/unhealthy-after-drain.
            if [ -f "$FAKE/unhealthy-after-drain" ]; then cat "$FAKE/unhealthy-after-drain" >>"$FAKE/unhealthy"; fi ;;
          "delete node "*)
            rm -f "$FAKE/nodes/$3" ;;
          "-n kube-system get pods -l component=etcd,tier=control-plane -o jsonpath="*)
            cat "$FAKE/etcd-pods" ;;
          "-n kube-system exec "*" -c etcd -- etcdctl "*)
            pod="$4"
            shift 8
            if grep -qx "$pod" "$FAKE/unhealthy" "$FAKE/unanswering" 2>/dev/null; then echo "error: unable to upgrade connection: container not found" >&2; exit 1; fi
            shift 4
            case "$*" in
              "member list") cat "$FAKE/members" ;;
              "endpoint health --cluster")
                failed=0
                while IFS=', ' read -r _ _ name _ clients _; do
                  if grep -qx "etcd-$name" "$FAKE/unhealthy" 2>/dev/null; then
                    echo "$clients is unhealthy: failed to commit proposal: context deadline exceeded" >&2
                    failed=1
                  else
                    echo "$clients is healthy: successfully committed proposal: took = 2.1ms"
                  fi
                done <"$FAKE/members"
                [ "$failed" = 0 ] || { echo "Error: unhealthy cluster" >&2; exit 1; } ;;
              "member remove "*)
                grep -v "^$3, " "$FAKE/members" >"$FAKE/members.new" || true
                mv "$FAKE/members.new" "$FAKE/members"
                echo "Member $3 removed from cluster 5b1b1f0d" ;;
              *) echo "unexpected: etcdctl $*" >&2; exit 2 ;;
            esac ;;
          *) echo "unexpected: kubectl $*" >&2; exit 2 ;;
        esac
        """;

    private readonly FakeHost _admin = new();
    private readonly FakeHost _leaving = new();

    public MembershipRunTests()
    {
        _admin.Fake("kubectl", Kubectl);
        _admin.Write("/etc/kubernetes/admin.conf", "admin kubeconfig\n");
        foreach (var node in new[] { "cp-1", "cp-2", "cp-3", "worker-1" }) WriteState($"nodes/{node}", "");
        WriteState("members", """
            c1c1c1c1c1c1c1c1, started, cp-1, https://10.0.0.11:2380, https://10.0.0.11:2379, false
            c2c2c2c2c2c2c2c2, started, cp-2, https://10.0.0.12:2380, https://10.0.0.12:2379, false
            c3c3c3c3c3c3c3c3, started, cp-3, https://10.0.0.13:2380, https://10.0.0.13:2379, false

            """.ReplaceLineEndings("\n"));
        EtcdPods("etcd-cp-3 cp-3 True https://10.0.0.13:2379", "etcd-cp-1 cp-1 True https://10.0.0.11:2379", "etcd-cp-2 cp-2 True https://10.0.0.12:2379");
        _leaving.Fake("kubeadm", "");
        _leaving.Write("/etc/kubernetes/kubelet.conf", "kubelet kubeconfig\n");
    }

    public void Dispose()
    {
        _admin.Dispose();
        _leaving.Dispose();
    }

    [Fact]
    public void A_control_plane_node_is_drained_then_its_etcd_member_removed_then_it_is_reset_then_its_node_deleted()
    {
        var leave = _admin.Run(NodeScripts.Leave("cp-3", "10.0.0.13", controlPlane: true, dead: false));
        var reset = _leaving.Run(NodeScripts.Reset());
        var delete = _admin.Run(NodeScripts.DeleteNode("cp-3", dead: false));

        Assert.True(leave.ExitCode == 0, leave.ToString());
        // etcd is read and changed through another control-plane node's pod (cp-3's own is listed first), never cp-3's.
        Assert.Equal(
            [
                "kubectl -n kube-system get pods -l component=etcd,tier=control-plane -o jsonpath={range .items[*]}{.metadata.name} {.spec.nodeName} "
                    + "{.status.conditions[?(@.type==\"Ready\")].status} {.metadata.annotations.kubeadm\\.kubernetes\\.io/etcd\\.advertise-client-urls}{\"\\n\"}{end}",
                $"kubectl -n kube-system exec etcd-cp-1 -c etcd -- {Etcdctl} member list",
                $"kubectl -n kube-system exec etcd-cp-1 -c etcd -- {Etcdctl} endpoint health --cluster",
                "kubectl get node cp-3",
                "kubectl drain cp-3 --ignore-daemonsets --delete-emptydir-data --timeout=15m",
                // Checked again after the drain, which takes up to 15 minutes.
                $"kubectl -n kube-system exec etcd-cp-1 -c etcd -- {Etcdctl} endpoint health --cluster",
                $"kubectl -n kube-system exec etcd-cp-1 -c etcd -- {Etcdctl} member remove {Cp3Member}",
                $"kubectl -n kube-system exec etcd-cp-1 -c etcd -- {Etcdctl} member list",
            ],
            WithoutRebootLock(leave.CallsOf("kubectl")));
        Assert.True(_admin.Exists("/run/platform-etcd-membership.lock"));
        Assert.DoesNotContain(Cp3Member, ReadState("members"), StringComparison.Ordinal);
        Assert.Contains($"removed etcd member {Cp3Member} (https://10.0.0.13:2380) of node cp-3", leave.Output, StringComparison.Ordinal);
        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.Equal(["kubeadm reset --force"], reset.CallsOf("kubeadm"));
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal(["kubectl get node cp-3", "kubectl delete node cp-3"], delete.CallsOf("kubectl"));
        Assert.False(File.Exists(Path.Combine(_admin.State, "nodes", "cp-3")));

        // Run again (a retried update): the member is gone, so nothing is removed; the Node is gone, so nothing is drained.
        var again = _admin.Run(NodeScripts.Leave("cp-3", "10.0.0.13", controlPlane: true, dead: false));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.DoesNotContain(again.Calls, c => c.Contains("member remove", StringComparison.Ordinal) || c.StartsWith("kubectl drain", StringComparison.Ordinal));
        Assert.Contains("etcd has no member at https://10.0.0.13:2380: it has been removed already", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_that_goes_down_while_the_node_drains_stops_the_removal_before_etcd_changes()
    {
        // cp-2's member fails while cp-3 drains: removing cp-3's would leave cp-1 alone of two.
        WriteState("unhealthy-after-drain", "etcd-cp-2\n");

        var leave = _admin.Run(NodeScripts.Leave("cp-3", "10.0.0.13", controlPlane: true, dead: false));

        Assert.Equal(1, leave.ExitCode);
        Assert.Contains("kubectl drain cp-3 --ignore-daemonsets --delete-emptydir-data --timeout=15m", leave.Calls);
        Assert.DoesNotContain(leave.Calls, c => c.Contains("member remove", StringComparison.Ordinal));
        Assert.Contains(Cp3Member, ReadState("members"), StringComparison.Ordinal);
        Assert.Contains("control-plane node cp-3 does not leave the cluster: etcd has 3 members, 2 of them healthy", leave.Errors, StringComparison.Ordinal);
        Assert.Contains("the node was drained (kubectl uncordon cp-3 brings it back), its etcd member is still there", leave.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_removed_already_is_left_alone_and_the_node_still_drained()
    {
        WriteState("members", """
            c1c1c1c1c1c1c1c1, started, cp-1, https://10.0.0.11:2380, https://10.0.0.11:2379, false
            c2c2c2c2c2c2c2c2, started, cp-2, https://10.0.0.12:2380, https://10.0.0.12:2379, false

            """.ReplaceLineEndings("\n"));

        var run = _admin.Run(NodeScripts.Leave("cp-3", "10.0.0.13", controlPlane: true, dead: false));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("kubectl drain cp-3 --ignore-daemonsets --delete-emptydir-data --timeout=15m", run.Calls);
        Assert.DoesNotContain(run.Calls, c => c.Contains("member remove", StringComparison.Ordinal));
    }

    [Theory]
    // Three members, one of the two that stay unhealthy: the two left would need both.
    [InlineData("etcd-cp-2", "etcd has 3 members, 2 of them healthy (unhealthy: cp-2); removing the member at https://10.0.0.13:2380 needs 2 healthy members and would leave 1 healthy of 2, where 2 are a quorum")]
    // Two of three unhealthy: no quorum today.
    [InlineData("etcd-cp-2 etcd-cp-3", "etcd has 3 members, 1 of them healthy (unhealthy: cp-2 cp-3); removing the member at https://10.0.0.13:2380 needs 2 healthy members")]
    public void A_removal_that_would_leave_etcd_without_a_healthy_quorum_is_refused_before_anything_changes(string unhealthy, string reason)
    {
        WriteState("unhealthy", string.Join('\n', unhealthy.Split(' ')) + "\n");
        var members = ReadState("members");

        var run = _admin.Run(NodeScripts.Leave("cp-3", "10.0.0.13", controlPlane: true, dead: false));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"control-plane node cp-3 does not leave the cluster: {reason}", run.Errors, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("kubectl drain", StringComparison.Ordinal) || c.Contains("member remove", StringComparison.Ordinal));
        Assert.Equal(members, ReadState("members"));
    }

    [Fact]
    public void No_ready_etcd_pod_is_a_refusal_that_changes_nothing()
    {
        EtcdPods("etcd-cp-1 cp-1 False https://10.0.0.11:2379", "etcd-cp-2 cp-2 False https://10.0.0.12:2379");

        var run = _admin.Run(NodeScripts.Leave("cp-3", "10.0.0.13", controlPlane: true, dead: false));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no Ready etcd pod gives etcd's member list", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("kubectl drain", StringComparison.Ordinal));
    }

    [Fact]
    public void A_ready_etcd_pod_that_does_not_answer_is_passed_over_for_the_next()
    {
        WriteState("unanswering", "etcd-cp-1\n");

        var run = _admin.Run(NodeScripts.Leave("cp-3", "10.0.0.13", controlPlane: true, dead: false));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"kubectl -n kube-system exec etcd-cp-2 -c etcd -- {Etcdctl.Replace("10.0.0.11", "10.0.0.12", StringComparison.Ordinal)} member remove {Cp3Member}", run.Calls);
        Assert.DoesNotContain(run.Calls, c => c.Contains("exec etcd-cp-3", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dead_control_plane_node_is_not_drained_its_member_is_removed_and_its_node_deleted_with_force()
    {
        WriteState("unhealthy", "etcd-cp-3\n");

        var leave = _admin.Run(NodeScripts.Leave("cp-3", "10.0.0.13", controlPlane: true, dead: true));
        var delete = _admin.Run(NodeScripts.DeleteNode("cp-3", dead: true));

        Assert.True(leave.ExitCode == 0, leave.ToString());
        Assert.DoesNotContain(WithoutRebootLock(leave.Calls), c => c.StartsWith("kubectl drain", StringComparison.Ordinal) || c.StartsWith("kubectl get node", StringComparison.Ordinal));
        Assert.Contains($"kubectl -n kube-system exec etcd-cp-1 -c etcd -- {Etcdctl} member remove {Cp3Member}", leave.Calls);
        Assert.Equal(["kubectl get node cp-3", "kubectl delete node cp-3 --force --grace-period=0"], delete.CallsOf("kubectl"));
    }

    [Fact]
    public void A_dead_worker_is_not_drained_and_a_live_one_is()
    {
        var dead = _admin.Run(NodeScripts.Leave("worker-1", "10.0.1.11", controlPlane: false, dead: true));
        var live = _admin.Run(NodeScripts.Leave("worker-1", "10.0.1.11", controlPlane: false, dead: false));

        Assert.True(dead.ExitCode == 0, dead.ToString());
        Assert.Empty(WithoutRebootLock(dead.CallsOf("kubectl")));
        Assert.True(live.ExitCode == 0, live.ToString());
        Assert.Equal(["kubectl get node worker-1", "kubectl drain worker-1 --ignore-daemonsets --delete-emptydir-data --timeout=15m"], WithoutRebootLock(live.CallsOf("kubectl")));
    }

    [Fact]
    public void Etcds_last_member_is_left_to_the_reset_of_its_node()
    {
        WriteState("members", "c1c1c1c1c1c1c1c1, started, cp-1, https://10.0.0.11:2380, https://10.0.0.11:2379, false\n");
        EtcdPods("etcd-cp-1 cp-1 True https://10.0.0.11:2379");

        var run = _admin.Run(NodeScripts.Leave("cp-1", "10.0.0.11", controlPlane: true, dead: false));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("the member at https://10.0.0.11:2380 is etcd's last: it ends with the node's kubeadm reset", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Calls, c => c.Contains("member remove", StringComparison.Ordinal));
    }

    [Fact]
    public void The_node_object_step_on_a_control_plane_node_that_has_left_too_says_so_and_changes_nothing()
    {
        File.Delete(_admin.PathOf("/etc/kubernetes/admin.conf"));

        var run = _admin.Run(NodeScripts.DeleteNode("cp-1", dead: false));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(WithoutRebootLock(run.CallsOf("kubectl")));
        Assert.Contains("run kubectl delete node cp-1 there", run.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("10.0.0.10")]
    public void A_node_that_joined_is_never_initialised_when_it_becomes_the_first_control_plane(string? kubeVip)
    {
        using var host = new FakeHost();
        host.Write(NodeScripts.JoinedMarker, "");
        host.Write(NodeScripts.AdminKubeconfig, "admin kubeconfig\n");
        host.Write("/etc/kubernetes/kubelet.conf", "kubelet kubeconfig\n");
        host.Write("/etc/kubernetes/manifests/kube-vip.yaml", "kube-vip on /etc/kubernetes/admin.conf\n");
        var before = host.Snapshot();

        var run = host.Run(NodeScripts.InitFirstControlPlane(kubeVip));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.CallsOf("kubeadm"));
        Assert.Contains("node joined the cluster, which is initialised already: it is not initialised again", run.Output, StringComparison.Ordinal);
        Assert.Equal(before, host.Snapshot());
        Assert.False(host.Exists(NodeScripts.InitialisedMarker));
    }

    [Fact]
    public void The_node_that_initialised_the_cluster_never_joins_it_when_another_is_put_before_it()
    {
        using var host = new FakeHost();
        host.Write(NodeScripts.InitialisedMarker, "");
        host.Write("/etc/kubernetes/kubelet.conf", "kubelet kubeconfig\n");
        var before = host.Snapshot();

        var run = host.Run(NodeScripts.Join(controlPlane: true, null));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.CallsOf("kubeadm"));
        Assert.Contains("node initialised the cluster: it is a member and does not join again", run.Output, StringComparison.Ordinal);
        Assert.Equal(before, host.Snapshot());
    }

    private void EtcdPods(params string[] lines) => WriteState("etcd-pods", string.Join('\n', lines) + "\n");

    /// <summary>Writes what the admin host's stand-ins read (<c>$FAKE/...</c>).</summary>
    /// <summary>The calls but those that look for kured's reboot lock (none here).</summary>
    private static List<string> WithoutRebootLock(IEnumerable<string> calls) =>
        calls.Where(c => !c.StartsWith("kubectl -n kured ", StringComparison.Ordinal)
            && !c.StartsWith("kubectl get nodes -o jsonpath={.items[*].metadata.annotations.platform/cordoned-for-upgrade}", StringComparison.Ordinal)).ToList();

    private void WriteState(string name, string content)
    {
        var path = Path.Combine(_admin.State, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private string ReadState(string name) => File.ReadAllText(Path.Combine(_admin.State, name));
}
