using System.Runtime.Versioning;
using Platform.Components.Cluster;
using Platform.Components.Cluster.Scripts;

namespace Platform.Tests.Cluster.Scripts;

/// <summary>
/// The rendered node scripts run under bash on a <see cref="FakeHost"/>: what they ask of kubeadm, kubectl, systemctl
/// and the package tools, that a second run changes nothing, and what they say when they find a step half done.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class NodeScriptRunTests : IDisposable
{
    private const UnixFileMode RootOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const string InitHalfDone = "an earlier kubeadm init stopped half-way; it is not retried on its own because kubeadm reset also deletes the PKI: "
        + "run 'kubeadm reset --force' on this node, then 'pulumi up --replace' on its files step and this step\n";

    private const string JoinHalfDone = "an earlier kubeadm join stopped half-way: run 'kubeadm reset --force' on this node, "
        + "then 'pulumi up --replace' on its files step and this step\n";

    /// <summary>kubeadm init and join as far as the scripts can tell: the files they leave behind.</summary>
    private const string Kubeadm = """
        case "$1" in
          init)
            install -d "$ROOT/etc/kubernetes/pki"
            echo admin >"$ROOT/etc/kubernetes/admin.conf"
            echo cert >"$ROOT/etc/kubernetes/pki/ca.crt"
            echo cert >"$ROOT/etc/kubernetes/pki/front-proxy-ca.crt"
            chmod 644 "$ROOT/etc/kubernetes/pki/ca.crt" "$ROOT/etc/kubernetes/pki/front-proxy-ca.crt"
            if [ -f "$ROOT/etc/kubernetes/manifests/kube-vip.yaml" ]; then cp "$ROOT/etc/kubernetes/manifests/kube-vip.yaml" "$FAKE/kube-vip-during-init"; fi ;;
          join)
            echo kubelet >"$ROOT/etc/kubernetes/kubelet.conf" ;;
          *) echo "unexpected: kubeadm $*" >&2; exit 2 ;;
        esac
        """;

    /// <summary>Ubuntu's package tools: dpkg knows what apt-get installed; apt-get install records kubelet's version.</summary>
    private const string AptGet = """
        if [ "$1" = install ]; then
          for arg in "$@"; do
            case "$arg" in
              -*|install) ;;
              *) echo "${arg%%=*}" >>"$FAKE/installed"
                 if [ "${arg%%=*}" = kubelet ] && [ "$arg" != kubelet ]; then version="${arg#kubelet=}"; echo "${version%-\*}" >"$FAKE/kubelet-version"; fi ;;
            esac
          done
        fi
        """;

    private const string Dpkg = """
        [ "$1" = -s ] || exit 2
        shift
        for package in "$@"; do grep -qx "$package" "$FAKE/installed" 2>/dev/null || exit 1; done
        """;

    private const string Curl = """
        out=""
        while [ $# -gt 0 ]; do
          if [ "$1" = -o ]; then out="$2"; shift; fi
          shift
        done
        if [ -n "$out" ]; then echo image >"$out"; else echo key; fi
        """;

    private const string Gpg = """cat >"${*: -1}" """;

    private readonly FakeHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Init_runs_kubeadm_init_once_and_a_second_run_changes_nothing()
    {
        _host.Fake("kubeadm", Kubeadm);
        _host.Write(NodeScripts.KubeadmConfigPath, "kind: InitConfiguration\n", RootOnly);
        _host.Write("/var/lib/kubelet/config.yaml", "kind: KubeletConfiguration\n");
        var script = NodeScripts.InitFirstControlPlane(null);

        var first = _host.Run(script);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(
            [
                "kubeadm init --config /etc/kubernetes/platform/kubeadm.yaml --skip-token-print",
                "chown root:root /var/lib/kubelet/config.yaml",
                "chown root:root /etc/kubernetes/pki/ca.crt",
            ],
            first.Calls);
        Assert.True(_host.Exists(NodeScripts.InitialisedMarker));
        Assert.Equal(RootOnly, _host.Mode("/var/lib/kubelet/config.yaml"));
        Assert.Equal(RootOnly, _host.Mode("/etc/kubernetes/pki/ca.crt"));
        Assert.Equal(RootOnly, _host.Mode("/etc/kubernetes/pki/front-proxy-ca.crt"));

        var before = _host.Snapshot();
        var second = _host.Run(script);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("control plane already initialised\n", second.Output);
        Assert.Empty(second.CallsOf("kubeadm"));
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Init_that_stopped_half_way_fails_with_the_way_out_and_touches_nothing()
    {
        _host.Fake("kubeadm", Kubeadm);
        _host.Write(NodeScripts.KubeadmConfigPath, "kind: InitConfiguration\n", RootOnly);
        _host.Write(NodeScripts.AdminKubeconfig, "admin\n", RootOnly);
        var before = _host.Snapshot();

        var run = _host.Run(NodeScripts.InitFirstControlPlane(null));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(InitHalfDone, run.Errors);
        Assert.Empty(run.Calls);
        Assert.False(_host.Exists(NodeScripts.InitialisedMarker));
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Init_with_kube_vip_runs_it_on_super_admin_conf_until_kubeadm_init_is_done_then_on_admin_conf()
    {
        _host.Fake("kubeadm", Kubeadm);
        _host.Fake("ip", """
            case "$*" in
              "-o -4 route show table main match 10.0.0.10") echo "10.0.0.0/24 dev eth1 proto kernel scope link src 10.0.0.11" ;;
              "-o -4 route show table main default") echo "default via 192.168.1.1 dev eth0 proto static" ;;
              *) echo "unexpected: ip $*" >&2; exit 2 ;;
            esac
            """);
        _host.Write(NodeScripts.KubeadmConfigPath, "kind: InitConfiguration\n", RootOnly);
        _host.Write(NodeScripts.KubeVipTemplatePath, "interface: @INTERFACE@\nkubeconfig: @KUBECONFIG@\n", RootOnly);
        var script = NodeScripts.InitFirstControlPlane("10.0.0.10");

        var first = _host.Run(script);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(["kubeadm init --config /etc/kubernetes/platform/kubeadm.yaml --skip-token-print --ignore-preflight-errors=DirAvailable--etc-kubernetes-manifests"],
            first.CallsOf("kubeadm"));
        Assert.Equal("interface: eth1\nkubeconfig: /etc/kubernetes/super-admin.conf\n", File.ReadAllText(Path.Combine(_host.State, "kube-vip-during-init")).Replace(_host.Root, "", StringComparison.Ordinal));
        Assert.Equal("interface: eth1\nkubeconfig: /etc/kubernetes/admin.conf\n", _host.Read("/etc/kubernetes/manifests/kube-vip.yaml"));
        Assert.Equal(RootOnly, _host.Mode("/etc/kubernetes/manifests/kube-vip.yaml"));

        var before = _host.Snapshot();
        var second = _host.Run(script);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(second.CallsOf("kubeadm"));
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Join_runs_kubeadm_join_once_and_a_second_run_changes_nothing()
    {
        _host.Fake("kubeadm", Kubeadm);
        _host.Write(NodeScripts.KubeadmConfigPath, "kind: JoinConfiguration\n", RootOnly);
        var script = NodeScripts.Join(controlPlane: false, kubeVipAddress: null);

        var first = _host.Run(script);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(["kubeadm join --config /etc/kubernetes/platform/kubeadm.yaml"], first.Calls);
        Assert.True(_host.Exists(NodeScripts.JoinedMarker));

        var before = _host.Snapshot();
        var second = _host.Run(script);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("node already joined\n", second.Output);
        Assert.Empty(second.Calls);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Join_that_stopped_half_way_fails_with_the_way_out_and_touches_nothing()
    {
        _host.Fake("kubeadm", Kubeadm);
        _host.Write(NodeScripts.KubeadmConfigPath, "kind: JoinConfiguration\n", RootOnly);
        _host.Write("/etc/kubernetes/kubelet.conf", "kubelet\n", RootOnly);
        var before = _host.Snapshot();

        var run = _host.Run(NodeScripts.Join(controlPlane: true, kubeVipAddress: null));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(JoinHalfDone, run.Errors);
        Assert.Empty(run.Calls);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void The_bootstrap_token_is_created_once_and_renewed_only_when_it_is_about_to_expire()
    {
        _host.Fake("kubeadm", """
            case "$1 $2" in
              "token list") if [ -f "$FAKE/tokens" ]; then cat "$FAKE/tokens"; fi ;;
              "token delete") grep -v "^$3\." "$FAKE/tokens" >"$FAKE/tokens.new" || true; mv "$FAKE/tokens.new" "$FAKE/tokens" ;;
              "token create") echo "$3 1h 2030-01-01T00:00:00Z authentication,signing <none> system:bootstrappers:kubeadm:default-node-token" >>"$FAKE/tokens" ;;
              *) echo "unexpected: kubeadm $*" >&2; exit 2 ;;
            esac
            """);
        var script = NodeScripts.EnsureBootstrapToken();
        const string token = "abcdef.0123456789abcdef";

        var first = _host.Run(script, token);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(["kubeadm token list", $"kubeadm token create {token} --ttl 2h"], first.Calls);

        var second = _host.Run(script, token);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(["kubeadm token list"], second.Calls);

        File.WriteAllText(Path.Combine(_host.State, "tokens"), $"{token} 45m 2030-01-01T00:00:00Z authentication,signing <none> x\nother0.0123456789abcdef 20h x\n");
        var expiring = _host.Run(script, token);
        Assert.True(expiring.ExitCode == 0, expiring.ToString());
        Assert.Equal(["kubeadm token list", "kubeadm token delete abcdef", $"kubeadm token create {token} --ttl 2h"], expiring.Calls);
        Assert.Contains("other0.0123456789abcdef 20h", File.ReadAllText(Path.Combine(_host.State, "tokens")), StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_sets_the_inventory_labels_leaves_every_certificate_request_to_the_approver_and_a_second_run_changes_nothing()
    {
        File.WriteAllText(Path.Combine(_host.State, "labels"), "keep=me\nold.example/gone=x\n");
        File.WriteAllText(Path.Combine(_host.State, "annotation"), "old.example/gone");
        _host.Fake("kubectl", """
            case "$*" in
              "get node worker-1") ;;
              "get node worker-1 -o jsonpath={.metadata.annotations.platform/managed-labels}") cat "$FAKE/annotation" ;;
              # A node's pending serving certificate request is there to be approved: only the cluster's approver
              # may, after checking its names and addresses.
              "get csr"*|"certificate "*) echo "the register step must not read or approve certificate requests: kubectl $*" >&2; exit 3 ;;
              "label node worker-1 --overwrite "*)
                for pair in "${@:5}"; do
                  { grep -v "^${pair%%=*}=" "$FAKE/labels" || true; echo "$pair"; } | sort >"$FAKE/labels.new"
                  mv "$FAKE/labels.new" "$FAKE/labels"
                done ;;
              "label node worker-1 "*-)
                key="${4%-}"; { grep -v "^$key=" "$FAKE/labels" || true; } >"$FAKE/labels.new"; mv "$FAKE/labels.new" "$FAKE/labels" ;;
              "annotate node worker-1 --overwrite platform/managed-labels="*) printf '%s' "${5#*=}" >"$FAKE/annotation" ;;
              *) echo "unexpected: kubectl $*" >&2; exit 2 ;;
            esac
            """);
        var script = NodeScripts.RegisterMember("worker-1",
            new Dictionary<string, string> { ["node-role.kubernetes.io/storage"] = "", ["example.com/rack"] = "r1" });

        var first = _host.Run(script);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Empty(first.CallsOf("kubectl certificate", "kubectl get csr"));
        Assert.Equal(["kubectl label node worker-1 old.example/gone-"], first.Calls.Where(c => c.EndsWith('-')));
        Assert.Equal("example.com/rack=r1\nkeep=me\nnode-role.kubernetes.io/storage=\n", State("labels"));
        Assert.Equal("example.com/rack,node-role.kubernetes.io/storage", State("annotation"));

        var state = (State("labels"), State("annotation"));
        var second = _host.Run(script);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(second.CallsOf("kubectl certificate", "kubectl get csr", "sleep"));
        Assert.DoesNotContain(second.Calls, c => c.EndsWith('-'));
        Assert.Equal(state, (State("labels"), State("annotation")));
    }

    [Fact]
    public void Upgrading_an_ubuntu_worker_goes_kubeadm_first_then_kubelet_and_a_second_run_changes_nothing()
    {
        UbuntuPackageTools("1.35.4");
        _host.CreateFolder("/etc/apt/sources.list.d");
        var script = NodeScripts.UpgradeWorker(NodeOperatingSystem.Ubuntu2404, "1.36.2");

        var first = _host.Run(script);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(
            [
                "apt-get update -q",
                "apt-mark unhold kubeadm",
                "apt-get install -y -q --allow-change-held-packages kubeadm=1.36.2-*",
                "apt-mark hold kubeadm",
                "kubeadm upgrade node",
                "apt-get update -q",
                "apt-mark unhold kubelet kubectl",
                "apt-get install -y -q --allow-change-held-packages kubelet=1.36.2-* kubectl=1.36.2-*",
                "apt-mark hold kubelet kubectl",
                "systemctl daemon-reload",
                "systemctl restart kubelet",
            ],
            first.CallsOf("apt-get", "apt-mark", "kubeadm", "systemctl"));
        Assert.Equal(["curl -fsSL https://pkgs.k8s.io/core:/stable:/v1.36/deb/Release.key"], first.CallsOf("curl"));
        Assert.Equal("deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.36/deb/ /\n",
            _host.Read("/etc/apt/sources.list.d/kubernetes.list"));

        var before = _host.Snapshot();
        var second = _host.Run(script);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("already at v1.36.2\n", second.Output);
        Assert.Equal(["kubelet --version"], second.Calls);
        Assert.Equal(before, _host.Snapshot());
    }

    [Theory]
    [InlineData("1.34.3", "kubeadm upgrades one minor version at a time: from v1.34.3 go to 1.35.x first\n")]
    [InlineData("1.37.0", "refusing to downgrade from v1.37.0 to v1.36.2\n")]
    public void An_upgrade_that_skips_a_minor_version_or_goes_back_is_refused_before_anything_changes(string running, string error)
    {
        UbuntuPackageTools(running);
        var before = _host.Snapshot();

        var run = _host.Run(NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Ubuntu2404, "1.36.2", "cp-1", first: true));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(error, run.Errors);
        Assert.Equal(["kubelet --version"], run.Calls);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Preparing_an_ubuntu_host_installs_and_configures_once_and_a_second_run_changes_nothing()
    {
        UbuntuPackageTools(running: null);
        _host.Fake("containerd", """[ "$*" = "config default" ] && printf 'version = 2\n  SystemdCgroup = false\n'""");
        foreach (var folder in new[] { "/etc/modules-load.d", "/etc/sysctl.d", "/etc/apt/sources.list.d" }) _host.CreateFolder(folder);
        _host.Write("/etc/fstab", "UUID=1234 / ext4 defaults 0 1\n/swap.img none swap sw 0 0\n");
        var script = NodeScripts.Prepare(NodeOperatingSystem.Ubuntu2404, "1.36.2");

        var first = _host.Run(script);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(["modprobe overlay", "modprobe br_netfilter"], first.CallsOf("modprobe"));
        Assert.Equal(
            [
                "apt-get update -q",
                "apt-get install -y -q containerd runc conntrack socat curl gpg ca-certificates",
                "apt-get update -q",
                "apt-get install -y -q --allow-change-held-packages kubeadm=1.36.2-* kubelet=1.36.2-* kubectl=1.36.2-*",
            ],
            first.CallsOf("apt-get"));
        Assert.Equal(
            ["systemctl mask swap.target", "systemctl restart containerd", "systemctl enable --now containerd", "systemctl enable kubelet"],
            first.CallsOf("systemctl"));
        Assert.Equal("overlay\nbr_netfilter\n", _host.Read("/etc/modules-load.d/platform-kubernetes.conf"));
        Assert.Contains("net.ipv4.ip_forward = 1\n", _host.Read("/etc/sysctl.d/90-platform-kubernetes.conf"), StringComparison.Ordinal);
        Assert.Equal("UUID=1234 / ext4 defaults 0 1\n# disabled for Kubernetes: /swap.img none swap sw 0 0\n", _host.Read("/etc/fstab"));
        Assert.Equal("version = 2\n  SystemdCgroup = true\n", _host.Read("/etc/containerd/config.toml"));

        var before = _host.Snapshot();
        var second = _host.Run(script);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(second.CallsOf("apt-get", "curl", "containerd", "systemctl restart"));
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Preparing_a_flatcar_host_links_the_kubernetes_sysext_image_once_and_a_second_run_changes_nothing()
    {
        _host.Fake("curl", Curl);
        _host.Fake("uname", """[ "$*" = -m ] && echo x86_64""");
        // Flatcar's own containerd configuration uses the systemd cgroup driver already.
        _host.Write("/usr/share/containerd/config.toml", "version = 2\n  SystemdCgroup = true\n");
        foreach (var folder in new[] { "/etc/modules-load.d", "/etc/sysctl.d" }) _host.CreateFolder(folder);
        _host.Write("/etc/fstab", "");
        var script = NodeScripts.Prepare(NodeOperatingSystem.Flatcar, "1.36.2");

        var first = _host.Run(script);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(["curl -fsSL --retry 5 -o /opt/extensions/kubernetes/kubernetes-v1.36.2-x86-64.raw.download https://extensions.flatcar.org/extensions/kubernetes-v1.36.2-x86-64.raw"],
            first.CallsOf("curl"));
        Assert.Equal(["systemd-sysext refresh"], first.CallsOf("systemd-sysext"));
        Assert.Equal(
            ["systemctl mask swap.target", "systemctl enable --now containerd", "systemctl daemon-reload", "systemctl enable kubelet"],
            first.CallsOf("systemctl"));
        Assert.Equal("-> /opt/extensions/kubernetes/kubernetes-v1.36.2-x86-64.raw", _host.Snapshot()["/etc/extensions/kubernetes.raw"]);
        Assert.Equal("image\n", _host.Read("/opt/extensions/kubernetes/kubernetes-v1.36.2-x86-64.raw"));
        Assert.False(_host.Exists("/etc/containerd/config.toml"));

        var before = _host.Snapshot();
        var second = _host.Run(script);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(second.CallsOf("curl", "systemd-sysext", "systemctl restart", "systemctl daemon-reload"));
        Assert.Equal(before, _host.Snapshot());
    }

    /// <summary>apt-get, apt-mark, dpkg, curl and gpg as on Ubuntu, and kubelet at <paramref name="running"/> (none
    /// installed when null).</summary>
    private void UbuntuPackageTools(string? running)
    {
        _host.Fake("apt-get", AptGet);
        _host.Fake("dpkg", Dpkg);
        _host.Fake("curl", Curl);
        _host.Fake("gpg", Gpg);
        _host.Fake("kubelet", """[ "$*" = --version ] && echo "Kubernetes v$(cat "$FAKE/kubelet-version")" """);
        if (running != null) File.WriteAllText(Path.Combine(_host.State, "kubelet-version"), running + "\n");
    }

    private string State(string file) => File.ReadAllText(Path.Combine(_host.State, file));
}
