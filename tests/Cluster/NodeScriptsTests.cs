using Platform.Components.Cluster;
using Platform.Components.Cluster.Scripts;
using Platform.Tests.Harness;

namespace Platform.Tests.Cluster;

public class NodeScriptsTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["example.com/rack"] = "r1", ["node-role.kubernetes.io/storage"] = "" };

    public static TheoryData<string, string> AllScripts()
    {
        var data = new TheoryData<string, string>();
        foreach (var os in Enum.GetValues<NodeOperatingSystem>())
        {
            data.Add($"prepare {os}", NodeScripts.Prepare(os, "1.33.5", TestRuntime.Current));
            data.Add($"upgrade first control plane {os}", NodeScripts.UpgradeControlPlane(os, "1.34.1", TestRuntime.Current, "cp-1", first: true));
            data.Add($"upgrade control plane {os}", NodeScripts.UpgradeControlPlane(os, "1.34.1", TestRuntime.Current, "cp-2", first: false));
            data.Add($"upgrade first control plane without kube-proxy {os}", NodeScripts.UpgradeControlPlane(os, "1.36.2", TestRuntime.Current, "cp-1", first: true, kubeProxy: false));
            data.Add($"upgrade control plane without kube-proxy {os}", NodeScripts.UpgradeControlPlane(os, "1.36.2", TestRuntime.Current, "cp-2", first: false, kubeProxy: false));
            data.Add($"upgrade worker {os}", NodeScripts.UpgradeWorker(os, "1.34.1", TestRuntime.Current, "w-1"));
        }
        data.Add("clean up", NodeScripts.CleanUp());
        data.Add("install files", NodeScripts.InstallFiles());
        data.Add("init", NodeScripts.InitFirstControlPlane(null));
        data.Add("init with kube-vip", NodeScripts.InitFirstControlPlane("10.0.0.10"));
        data.Add("join worker", NodeScripts.Join(controlPlane: false, null));
        data.Add("join control plane", NodeScripts.Join(controlPlane: true, null));
        data.Add("join control plane with kube-vip", NodeScripts.Join(controlPlane: true, "10.0.0.10"));
        data.Add("reset", NodeScripts.Reset());
        data.Add("bootstrap token for a worker", NodeScripts.EnsureBootstrapToken("worker-1", controlPlane: false));
        data.Add("bootstrap token for a control-plane node", NodeScripts.EnsureBootstrapToken("cp-2", controlPlane: true));
        data.Add("kube-vip", NodeScripts.RollOutKubeVip("cp-2", "10.0.0.10"));
        data.Add("keep files", NodeScripts.KeepFiles());
        data.Add("register", NodeScripts.RegisterMember("worker-1", Labels));
        data.Add("register without labels", NodeScripts.RegisterMember("worker-1", new Dictionary<string, string>()));
        data.Add("keep registration", NodeScripts.KeepRegistration());
        data.Add("leave worker", NodeScripts.Leave("worker-1", "10.0.1.11", controlPlane: false, dead: false));
        data.Add("leave dead worker", NodeScripts.Leave("worker-1", "10.0.1.11", controlPlane: false, dead: true));
        data.Add("leave control plane", NodeScripts.Leave("cp-2", "10.0.0.12", controlPlane: true, dead: false));
        data.Add("leave dead control plane", NodeScripts.Leave("cp-2", "10.0.0.12", controlPlane: true, dead: true));
        data.Add("delete node", NodeScripts.DeleteNode("worker-1", dead: false));
        data.Add("delete dead node", NodeScripts.DeleteNode("worker-1", dead: true));
        data.Add("nothing to do", NodeScripts.NothingToDo("leave", "its delete takes the node out"));
        data.Add("drain for upgrade", NodeScripts.DrainForUpgrade("worker-1", "1.34.1"));
        data.Add("uncordon", NodeScripts.Uncordon("worker-1", "1.34.1"));
        data.Add("service proxy with kube-proxy", NodeScripts.ReconcileServiceProxy(kubeProxy: true));
        data.Add("service proxy without kube-proxy", NodeScripts.ReconcileServiceProxy(kubeProxy: false));
        data.Add("kube-proxy rules", NodeScripts.RemoveKubeProxyRules());
        data.Add("register with taints, control plane", NodeScripts.RegisterMember("cp-1", Labels,
            [new NodeTaint { Key = "dedicated", Value = "infra", Effect = TaintEffect.NoSchedule }, new NodeTaint { Key = "example.com/gpu", Effect = TaintEffect.NoExecute }],
            controlPlane: true));
        data.Add("reconfigure first control plane", NodeScripts.ReconfigureControlPlane("cp-1", admin: true));
        data.Add("reconfigure control plane", NodeScripts.ReconfigureControlPlane("cp-2", admin: false));
        data.Add("reconfigure kubelet, worker", NodeScripts.ReconfigureKubelet("worker-1", controlPlane: false));
        data.Add("reconfigure kubelet, control plane", NodeScripts.ReconfigureKubelet("cp-2", controlPlane: true));
        foreach (var writer in new[] { "secretbox", "aescbc", "identity" })
            data.Add($"rewrite secrets with {writer}", NodeScripts.RewriteSecrets(writer));
        data.Add("nothing to undo", NodeScripts.NothingToUndo("upgrade", "an upgrade is not reverted"));
        return data;
    }

    [Fact]
    public void The_reconfigure_steps_refuse_a_node_name_that_is_not_a_dns_label()
    {
        Assert.Throws<ArgumentException>(() => NodeScripts.ReconfigureControlPlane("cp_1", admin: true));
        Assert.Throws<ArgumentException>(() => NodeScripts.ReconfigureKubelet("Worker-1", controlPlane: false));
    }

    [Theory]
    [MemberData(nameof(AllScripts))]
    public void Every_script_is_strict_bash_and_passes_shellcheck(string what, string script)
    {
        Assert.StartsWith("#!/usr/bin/env bash\n", script);
        Assert.Contains("\nset -euo pipefail\n", script);
        Assert.True(ShellCheck.Findings(script) is "", $"{what}:\n{ShellCheck.Findings(script)}");
    }

    [Theory]
    [InlineData(NodeOperatingSystem.Ubuntu2204)]
    [InlineData(NodeOperatingSystem.Ubuntu2604)]
    [InlineData(NodeOperatingSystem.Ubuntu2404)]
    public void Ubuntu_gets_containerd_and_pinned_held_kubernetes_packages_from_the_kubernetes_repository(NodeOperatingSystem os)
    {
        var script = NodeScripts.Prepare(os, "1.33.5", TestRuntime.Current);
        Assert.Contains("K8S_VERSION=1.33.5", script);
        Assert.Contains("https://pkgs.k8s.io/core:/stable:/$minor/deb/", script);
        Assert.Contains("pins+=(\"$package=$TARGET-*\")", script);
        Assert.Contains("apt-mark hold \"$@\"", script);
        Assert.Contains("upgrade_packages kubeadm kubelet kubectl", script);
        Assert.Contains("apt_get install -y -q --allow-change-held-packages \"containerd=$candidate\" runc", script);
        Assert.Contains("CONTAINERD_MINIMUMS='2.3.0 2.2.0'", script);
        Assert.Contains("SystemdCgroup = true", script);
        Assert.DoesNotContain("sysext", script);
    }

    [Fact]
    public void Flatcar_uses_its_containerd_and_kubernetes_as_a_pinned_sysext_image()
    {
        var script = NodeScripts.Prepare(NodeOperatingSystem.Flatcar, "1.33.5", TestRuntime.Current);
        Assert.Contains("https://extensions.flatcar.org/extensions/$name", script);
        Assert.Contains("https://github.com/flatcar/sysext-bakery/releases/download/kubernetes-v$1/SHA256SUMS", script);
        Assert.Contains("switch_kubernetes_sysext \"$K8S_VERSION\"", script);
        Assert.Contains("systemd-sysext refresh", script);
        Assert.Contains("Environment=CONTAINERD_CONFIG=/etc/containerd/config.toml", script);
        Assert.Contains("require_supported_containerd", script);
        Assert.DoesNotContain("apt-get", script);
    }

    [Theory]
    [InlineData(NodeOperatingSystem.Ubuntu2404)]
    [InlineData(NodeOperatingSystem.Flatcar)]
    public void Preparation_sets_kernel_modules_sysctls_and_turns_swap_off(NodeOperatingSystem os)
    {
        var script = NodeScripts.Prepare(os, "1.33.5", TestRuntime.Current);
        foreach (var expected in new[] { "br_netfilter", "overlay", "net.ipv4.ip_forward = 1", "net.bridge.bridge-nf-call-iptables = 1",
                     "kernel.panic_on_oops = 1", "vm.overcommit_memory = 1", "swapoff -a" })
            Assert.Contains(expected, script);
    }

    [Fact]
    public void Every_step_checks_before_it_acts()
    {
        Assert.Contains("if ! dpkg -s kubeadm kubelet kubectl", NodeScripts.Prepare(NodeOperatingSystem.Ubuntu2404, "1.33.5", TestRuntime.Current));
        Assert.Contains("if [ ! -e /etc/extensions/kubernetes.raw ]", NodeScripts.Prepare(NodeOperatingSystem.Flatcar, "1.33.5", TestRuntime.Current));
        Assert.Contains($"if [ -f {NodeScripts.InitialisedMarker} ]", NodeScripts.InitFirstControlPlane(null));
        Assert.Contains($"if [ -f {NodeScripts.JoinedMarker} ]", NodeScripts.Join(false, null));
        Assert.Contains("if [ -f \"$path\" ] && cmp -s \"$tmp\" \"$path\"", NodeScripts.InstallFiles());
        Assert.Contains("if kubectl get node \"$node\"", NodeScripts.Leave("w-1", "10.0.1.11", controlPlane: false, dead: false));
        Assert.Contains("if kubectl get node \"$node\"", NodeScripts.DeleteNode("w-1", dead: false));
        Assert.Contains("if [ \"$running\" = \"v$TARGET\" ]", NodeScripts.UpgradeWorker(NodeOperatingSystem.Ubuntu2404, "1.34.1", TestRuntime.Current, "w-1"));
    }

    [Fact]
    public void A_half_finished_init_or_join_fails_with_the_way_out_instead_of_passing_as_done()
    {
        var init = NodeScripts.InitFirstControlPlane(null);
        Assert.True(init.IndexOf("kubeadm init --config", StringComparison.Ordinal) < init.IndexOf($"touch {NodeScripts.InitialisedMarker}", StringComparison.Ordinal));
        Assert.Contains("an earlier kubeadm init stopped half-way", init);
        var join = NodeScripts.Join(true, null);
        Assert.True(join.IndexOf("kubeadm join --config", StringComparison.Ordinal) < join.IndexOf($"touch {NodeScripts.JoinedMarker}", StringComparison.Ordinal));
        Assert.Contains("an earlier kubeadm join stopped half-way", join);
    }

    [Fact]
    public void Kube_vip_finds_its_interface_from_the_main_routing_table_not_from_the_address_it_holds()
    {
        var init = NodeScripts.InitFirstControlPlane("10.0.0.10");
        Assert.Contains("ip -o -4 route show table main match 10.0.0.10", init);
        Assert.DoesNotContain("ip -o route get", init);
    }

    [Fact]
    public void Upgrades_follow_kubeadms_order_and_refuse_skipping_a_minor_version()
    {
        var first = NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Ubuntu2404, "1.34.1", TestRuntime.Current, "cp-1", first: true);
        Assert.True(first.IndexOf("upgrade_packages kubeadm\n", StringComparison.Ordinal) < first.IndexOf("kubeadm upgrade apply \"v$TARGET\" --yes", StringComparison.Ordinal));
        Assert.True(first.IndexOf("kubeadm upgrade apply", StringComparison.Ordinal) < first.IndexOf("upgrade_packages kubelet kubectl", StringComparison.Ordinal));
        Assert.Contains("kubeadm upgrade node", NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Ubuntu2404, "1.34.1", TestRuntime.Current, "cp-2", first: false));
        Assert.DoesNotContain("upgrade apply", NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Ubuntu2404, "1.34.1", TestRuntime.Current, "cp-2", first: false));
        var worker = NodeScripts.UpgradeWorker(NodeOperatingSystem.Flatcar, "1.34.1", TestRuntime.Current, "w-1");
        Assert.True(worker.IndexOf("switch_kubernetes_sysext \"$TARGET\"", StringComparison.Ordinal) < worker.IndexOf("kubeadm upgrade node", StringComparison.Ordinal));
        Assert.Contains("kubeadm upgrades one minor version at a time", worker);
        Assert.Contains("refusing to downgrade", worker);
        Assert.Contains("drain_for_upgrade \"$node\"", NodeScripts.DrainForUpgrade("w-1", "1.34.1"));
        Assert.Contains("if [ \"$running\" != \"v1.34.1\" ]", NodeScripts.DrainForUpgrade("w-1", "1.34.1"));
    }

    [Fact]
    public void Removal_drains_then_removes_the_etcd_member_and_reset_runs_kubeadm_reset()
    {
        var leave = NodeScripts.Leave("cp-3", "10.0.0.13", controlPlane: true, dead: false);
        Assert.True(leave.IndexOf("refuse \"etcd has $total members", StringComparison.Ordinal) < leave.IndexOf("kubectl drain \"$node\"", StringComparison.Ordinal));
        Assert.True(leave.IndexOf("kubectl drain \"$node\"", StringComparison.Ordinal) < leave.IndexOf("member remove \"$member_id\"", StringComparison.Ordinal));
        Assert.Contains("node=cp-3", leave);
        Assert.Contains("peer_url=https://10.0.0.13:2380", leave);
        Assert.DoesNotContain("kubectl drain", NodeScripts.Leave("cp-3", "10.0.0.13", controlPlane: true, dead: true));
        Assert.DoesNotContain("kubectl drain", NodeScripts.Leave("worker-3", "10.0.1.13", controlPlane: false, dead: true));
        Assert.DoesNotContain("kubectl delete node", leave);
        Assert.Contains("kubectl delete node \"$node\" --force --grace-period=0", NodeScripts.DeleteNode("worker-3", dead: true));
        Assert.Contains("kubeadm reset --force", NodeScripts.Reset());
    }

    [Fact]
    public void Registration_sets_the_inventory_labels_and_removes_labels_it_set_before()
    {
        var script = NodeScripts.RegisterMember("worker-1", Labels);
        Assert.Contains("kubectl label node \"$node\" --overwrite 'example.com/rack=r1' 'node-role.kubernetes.io/storage='", script);
        Assert.Contains("managed='example.com/rack,node-role.kubernetes.io/storage'", script);
        Assert.Contains("kubectl label node \"$node\" \"$key-\"", script);
        Assert.DoesNotContain("csr", script, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Scripts_carry_no_secrets_and_files_travel_on_standard_input()
    {
        var payload = ShellScript.FilePayload(new[] { new NodeFile("/etc/kubernetes/pki/ca.key", "0600", "SECRET KEY") });
        Assert.Equal($"0600 /etc/kubernetes/pki/ca.key {Convert.ToBase64String("SECRET KEY"u8.ToArray())}\n", payload);
        Assert.Contains("while read -r mode path data", NodeScripts.InstallFiles());
        Assert.Contains("read -r token", NodeScripts.EnsureBootstrapToken("worker-1", controlPlane: false));
    }

    [Theory]
    [InlineData("relative/path", "0600")]
    [InlineData("/etc/with space", "0600")]
    [InlineData("/etc/../root", "0600")]
    [InlineData("/etc/ok", "600")]
    [InlineData("/etc/ok", "0900")]
    public void Unsafe_file_paths_and_modes_are_refused(string path, string mode)
        => Assert.Throws<ArgumentException>(() => new NodeFile(path, mode, "x"));

    [Fact]
    public void Commands_run_as_root_through_sudo_unless_the_user_is_root()
    {
        Assert.Equal("sudo -n bash -c 'echo '\\''hi'\\'''", ShellScript.AsRoot("echo 'hi'", "ubuntu"));
        Assert.Equal("bash -c 'true'", ShellScript.AsRoot("true", "root"));
    }

    [Fact]
    public void Text_for_a_header_comment_cannot_leave_its_line()
    {
        var error = Assert.Throws<InvalidOperationException>(() => NodeScripts.NothingToUndo("upgrade", "not reverted\nreboot"));
        Assert.Contains("'nothing-to-undo.sh'", error.Message);
        Assert.Contains("@@REASON@@ is comment text, so its value must be one line", error.Message);
    }

    [Theory]
    [InlineData("1.33")]
    [InlineData("v1.33.5")]
    [InlineData("1.33.5; rm -rf /")]
    public void Malformed_versions_never_reach_a_script(string version)
        => Assert.Throws<ArgumentException>(() => NodeScripts.Prepare(NodeOperatingSystem.Ubuntu2404, version, TestRuntime.Current));
}
