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
        + "run 'kubeadm reset --force' on this node, then 'pulumi up --replace <urn>' with the URN of this node's files step (this step's name, "
        + "ending in -files instead of -kubeadm), which puts the PKI back; this step then runs again\n";

    private const string JoinHalfDone = "an earlier kubeadm join stopped half-way: run 'kubeadm reset --force' on this node, "
        + "then 'pulumi up --replace <urn> --replace <urn>' with the URNs of this node's files and bootstrap-token steps (this step's name, "
        + "ending in -files and -bootstrap-token instead of -kubeadm), which put back the files kubeadm reset removes and make the token "
        + "valid again; this step then runs again\n";

    private const string Token = "abcdef.0123456789abcdef";

    /// <summary>The routes of a control-plane node whose interface eth1 reaches the virtual IP 10.0.0.10.</summary>
    private const string Ip = """
        case "$*" in
          "-o -4 route show table main match 10.0.0.10") echo "10.0.0.0/24 dev eth1 proto kernel scope link src 10.0.0.11" ;;
          "-o -4 route show table main default") echo "default via 192.168.1.1 dev eth0 proto static" ;;
          *) echo "unexpected: ip $*" >&2; exit 2 ;;
        esac
        """;

    /// <summary>
    /// kubectl on cp-2 as the kube-vip step sees it. Its kubelet runs the manifest it last picked up ($FAKE/kubelet),
    /// taking up a new one on the third look after it changed; the mirror pod's config hash comes from what it runs,
    /// its readiness and restarts from $FAKE/ready (default "True 0"). The API answers on /readyz.
    /// </summary>
    private const string KubeVipKubectl = """
        manifest="$ROOT/etc/kubernetes/manifests/kube-vip.yaml"
        case "$*" in
          "-n kube-system get pod kube-vip-cp-2 -o jsonpath={.metadata.annotations.kubernetes\.io/config\.hash} {.status.conditions[?(@.type==\"Ready\")].status} {.status.containerStatuses[0].restartCount}")
            [ -f "$manifest" ] || exit 1
            if ! cmp -s "$manifest" "$FAKE/kubelet"; then
              looks=$(( $(cat "$FAKE/looks" 2>/dev/null || echo 0) + 1 ))
              echo "$looks" >"$FAKE/looks"
              if [ ! -f "$FAKE/kubelet" ] || [ "$looks" -ge 3 ]; then cp "$manifest" "$FAKE/kubelet"; rm -f "$FAKE/looks"; fi
            fi
            echo "$(base64 -w0 "$FAKE/kubelet") $(cat "$FAKE/ready" 2>/dev/null || echo True 0)" ;;
          "get --raw /readyz") echo ok ;;
          *) echo "unexpected: kubectl $*" >&2; exit 2 ;;
        esac
        """;

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
    public void The_bootstrap_token_is_written_as_kubeadms_secret_on_standard_input_never_in_a_command_line_and_the_step_waits_for_the_join()
    {
        _host.Fake("date", """[ "$*" = "-u -d +1 hour +%Y-%m-%dT%H:%M:%SZ" ] && echo 2030-01-01T01:00:00Z""");
        _host.Fake("kubectl", """
            case "$*" in
              "apply --server-side --force-conflicts --field-manager=platform -f -") cat >"$FAKE/applied" ;;
              "get nodes --field-selector metadata.name=worker-1 -o name")
                looks=$(( $(cat "$FAKE/looks" 2>/dev/null || echo 0) + 1 )); echo "$looks" >"$FAKE/looks"
                if [ "$looks" -ge 3 ]; then echo node/worker-1; fi ;;
              *) echo "unexpected: kubectl $*" >&2; exit 2 ;;
            esac
            """);

        var run = _host.Run(NodeScripts.EnsureBootstrapToken("worker-1", controlPlane: false), Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("node worker-1 has joined\n", run.Output);
        Assert.Equal(
            [
                "date -u -d +1 hour +%Y-%m-%dT%H:%M:%SZ",
                "kubectl apply --server-side --force-conflicts --field-manager=platform -f -",
                "kubectl get nodes --field-selector metadata.name=worker-1 -o name",
                "sleep 10",
                "kubectl get nodes --field-selector metadata.name=worker-1 -o name",
                "sleep 10",
                "kubectl get nodes --field-selector metadata.name=worker-1 -o name",
            ],
            run.Calls);
        Assert.DoesNotContain(run.Calls, c => c.Contains("0123456789abcdef", StringComparison.Ordinal));
        var secret = State("applied");
        Assert.StartsWith("apiVersion: v1\nkind: Secret\nmetadata:\n  name: bootstrap-token-abcdef\n  namespace: kube-system\n"
            + "type: bootstrap.kubernetes.io/token\ndata:\n", secret, StringComparison.Ordinal);
        var data = secret[(secret.IndexOf("\ndata:\n", StringComparison.Ordinal) + "\ndata:\n".Length)..]
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim().Split(": "))
            .ToDictionary(kv => kv[0], kv => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(kv[1])));
        Assert.Equal(new Dictionary<string, string>
        {
            ["description"] = "Platform bootstrap token for node joins",
            ["token-id"] = "abcdef",
            ["token-secret"] = "0123456789abcdef",
            ["expiration"] = "2030-01-01T01:00:00Z",
            ["usage-bootstrap-authentication"] = "true",
            ["usage-bootstrap-signing"] = "true",
            ["auth-extra-groups"] = "system:bootstrappers:kubeadm:default-node-token",
        }, data);
    }

    [Fact]
    public void The_bootstrap_token_step_fails_while_the_node_has_not_joined_so_the_next_up_runs_it_again_with_the_join()
    {
        _host.Fake("date", "echo 2030-01-01T01:00:00Z");
        // The control-plane node registered, but kubeadm has not marked it as one: its join is not done with the token.
        _host.Fake("kubectl", """
            case "$*" in
              "apply "*) cat >/dev/null ;;
              "get nodes --field-selector metadata.name=cp-2 --selector=node-role.kubernetes.io/control-plane -o name") ;;
              "get nodes --field-selector metadata.name=cp-2 -o name") echo node/cp-2 ;;
              *) echo "unexpected: kubectl $*" >&2; exit 2 ;;
            esac
            """);

        var run = _host.Run(NodeScripts.EnsureBootstrapToken("cp-2", controlPlane: true), Token);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("node cp-2 has not joined within 20 minutes; this step runs again with its join on the next 'pulumi up', "
            + "and makes the token valid again\n", run.Errors);
        Assert.Equal(120, run.CallsOf("kubectl get").Count);
        Assert.Equal(120, run.CallsOf("sleep").Count);
    }

    [Theory]
    [InlineData("abcdef.0123456789abcde")]
    [InlineData("ABCDEF.0123456789abcdef")]
    [InlineData("abcdef.0123456789abcdef: x")]
    public void A_malformed_bootstrap_token_is_refused_before_anything_is_written(string token)
    {
        var run = _host.Run(NodeScripts.EnsureBootstrapToken("worker-1", controlPlane: false), token);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("the bootstrap token on standard input is not of kubeadm's form [a-z0-9]{6}.[a-z0-9]{16}\n", run.Errors);
        Assert.Empty(run.Calls);
    }

    [Fact]
    public void The_kube_vip_step_writes_a_changed_template_and_waits_until_the_new_pod_is_steady_and_the_api_answers()
    {
        const string manifest = "/etc/kubernetes/manifests/kube-vip.yaml";
        _host.Fake("ip", Ip);
        _host.Fake("kubectl", KubeVipKubectl);
        _host.Write(NodeScripts.AdminKubeconfig, "admin\n", RootOnly);
        _host.Write(NodeScripts.KubeVipTemplatePath, "image: kube-vip:v2\ninterface: @INTERFACE@\nkubeconfig: @KUBECONFIG@\n", RootOnly);
        _host.Write(manifest, "image: kube-vip:v1\ninterface: eth1\nkubeconfig: /etc/kubernetes/admin.conf\n", RootOnly);
        File.Copy(_host.PathOf(manifest), Path.Combine(_host.State, "kubelet"));
        var script = NodeScripts.RollOutKubeVip("cp-2", "10.0.0.10");

        var first = _host.Run(script);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("kube-vip's static pod written; waiting for kubelet to restart it\nkube-vip runs on cp-2\n", first.Output);
        Assert.Equal("image: kube-vip:v2\ninterface: eth1\nkubeconfig: /etc/kubernetes/admin.conf\n", _host.Read(manifest));
        Assert.Equal(RootOnly, _host.Mode(manifest));
        // One look before the write, two while kubelet still runs the old pod, three of the new one steady, then the API.
        var kubectl = first.CallsOf("kubectl");
        Assert.Equal(7, kubectl.Count);
        Assert.All(kubectl.Take(6), c => Assert.StartsWith("kubectl -n kube-system get pod kube-vip-cp-2 -o jsonpath=", c, StringComparison.Ordinal));
        Assert.Equal("kubectl get --raw /readyz", kubectl[^1]);

        var before = _host.Snapshot();
        var second = _host.Run(script);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("kube-vip's static pod is current\nkube-vip runs on cp-2\n", second.Output);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void A_kube_vip_template_that_does_not_run_stops_the_rollout_at_its_first_node()
    {
        _host.Fake("ip", Ip);
        _host.Fake("kubectl", KubeVipKubectl);
        File.WriteAllText(Path.Combine(_host.State, "ready"), "False 4");
        _host.Write(NodeScripts.AdminKubeconfig, "admin\n", RootOnly);
        _host.Write(NodeScripts.KubeVipTemplatePath, "image: kube-vip:broken\ninterface: @INTERFACE@\n", RootOnly);
        _host.Write("/etc/kubernetes/manifests/kube-vip.yaml", "image: kube-vip:v1\ninterface: eth1\n", RootOnly);

        var run = _host.Run(NodeScripts.RollOutKubeVip("cp-2", "10.0.0.10"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("kube-vip on cp-2 has not been running its static pod steadily for 5 minutes (see 'kubectl -n kube-system describe pod "
            + "kube-vip-cp-2' and its logs); the next control-plane nodes keep their kube-vip until this step succeeds\n", run.Errors);
        Assert.DoesNotContain("kubectl get --raw /readyz", run.Calls);
    }

    [Fact]
    public void The_kube_vip_step_refuses_a_node_that_is_not_a_control_plane_yet()
    {
        _host.Fake("ip", Ip);
        _host.Write(NodeScripts.KubeVipTemplatePath, "interface: @INTERFACE@\n", RootOnly);
        var before = _host.Snapshot();

        var run = _host.Run(NodeScripts.RollOutKubeVip("cp-2", "10.0.0.10"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("/etc/kubernetes/admin.conf is missing: this node has not been initialised or joined as a control-plane node\n", run.Errors);
        Assert.Equal(before, _host.Snapshot());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Init_and_join_running_again_leave_a_changed_kube_vip_template_to_the_kube_vip_step(bool first)
    {
        const string manifest = "/etc/kubernetes/manifests/kube-vip.yaml";
        const string running = "image: kube-vip:v1\ninterface: eth1\nkubeconfig: /etc/kubernetes/admin.conf\n";
        _host.Fake("ip", Ip);
        _host.Write(first ? NodeScripts.InitialisedMarker : NodeScripts.JoinedMarker, "");
        _host.Write(NodeScripts.AdminKubeconfig, "admin\n", RootOnly);
        _host.Write(NodeScripts.KubeVipTemplatePath, "image: kube-vip:v2\ninterface: @INTERFACE@\nkubeconfig: @KUBECONFIG@\n", RootOnly);
        _host.Write(manifest, running, RootOnly);

        var run = _host.Run(first ? NodeScripts.InitFirstControlPlane("10.0.0.10") : NodeScripts.Join(controlPlane: true, "10.0.0.10"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.CallsOf("kubeadm"));
        Assert.Equal(running, _host.Read(manifest));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_node_an_earlier_release_initialised_or_joined_is_still_done_and_its_marker_moves_out_of_the_platforms_files(bool first)
    {
        _host.Fake("kubeadm", Kubeadm);
        _host.Write(NodeScripts.KubeadmConfigPath, "kind: Configuration\n", RootOnly);
        _host.Write(NodeScripts.AdminKubeconfig, "admin\n", RootOnly);
        _host.Write("/etc/kubernetes/kubelet.conf", "kubelet\n", RootOnly);
        // Where the previous release wrote its markers.
        var legacy = first ? "/etc/kubernetes/platform/initialised" : "/etc/kubernetes/platform/joined";
        _host.Write(legacy, "");

        var run = _host.Run(first ? NodeScripts.InitFirstControlPlane(null) : NodeScripts.Join(controlPlane: false, null));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(first ? "control plane already initialised\n" : "node already joined\n", run.Output);
        Assert.Empty(run.CallsOf("kubeadm"));
        Assert.False(_host.Exists(legacy));
        Assert.True(_host.Exists(first ? "/var/lib/platform/initialised" : "/var/lib/platform/joined"));
        Assert.Equal(RootOnly | UnixFileMode.UserExecute, _host.Mode("/var/lib/platform"));
    }

    [Fact]
    public void The_files_steps_delete_leaves_the_files_the_api_server_and_kubeadm_read_so_a_replacement_keeps_them()
    {
        // What a replacement of the files step leaves before the old step's delete runs: the new step's files.
        _host.Write(NodeScripts.KubeadmConfigPath, "kind: InitConfiguration\n", RootOnly);
        _host.Write("/etc/kubernetes/platform/audit-policy.yaml", "kind: Policy\n", RootOnly);
        _host.Write("/etc/kubernetes/platform/encryption-config.yaml", "kind: EncryptionConfiguration\n", RootOnly);
        _host.Write("/etc/kubernetes/pki/ca.key", "KEY\n", RootOnly);
        _host.Write(NodeScripts.InitialisedMarker, "");
        var before = _host.Snapshot();

        var run = _host.Run(NodeScripts.KeepFiles());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Reset_removes_the_platforms_files_and_markers_with_the_node()
    {
        _host.Write("/etc/kubernetes/kubelet.conf", "kubelet\n", RootOnly);
        _host.Write(NodeScripts.KubeadmConfigPath, "kind: JoinConfiguration\n", RootOnly);
        _host.Write("/etc/kubernetes/platform/audit-policy.yaml", "kind: Policy\n", RootOnly);
        _host.Write("/var/lib/platform/joined", "");
        _host.Write("/etc/kubernetes/manifests/kube-vip.yaml", "kind: Pod\n", RootOnly);
        _host.Write("/etc/cni/net.d/10-cilium.conflist", "{}\n");

        var run = _host.Run(NodeScripts.Reset());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["kubeadm reset --force"], run.Calls);
        foreach (var path in new[] { NodeScripts.PlatformDir, NodeScripts.StateDir, "/etc/cni/net.d", "/etc/kubernetes/manifests/kube-vip.yaml" })
            Assert.False(_host.Exists(path), path);
    }

    [Fact]
    public void Registration_approves_the_nodes_serving_certificate_sets_the_inventory_labels_and_a_second_run_changes_nothing()
    {
        File.WriteAllText(Path.Combine(_host.State, "labels"), "keep=me\nold.example/gone=x\n");
        File.WriteAllText(Path.Combine(_host.State, "annotation"), "old.example/gone");
        File.WriteAllText(Path.Combine(_host.State, "csrs"), """
            csr-0 kubernetes.io/kube-apiserver-client-kubelet system:node:worker-1 Approved
            csr-1 kubernetes.io/kubelet-serving system:node:worker-1 <none>
            csr-2 kubernetes.io/kubelet-serving system:node:worker-9 <none>

            """);
        _host.Fake("kubectl", """
            case "$*" in
              "get node worker-1") ;;
              "get node worker-1 -o jsonpath={.metadata.annotations.platform/managed-labels}") cat "$FAKE/annotation" ;;
              "get csr --no-headers -o custom-columns=NAME:.metadata.name,SIGNER:.spec.signerName,USER:.spec.username,STATUS:.status.conditions") cat "$FAKE/csrs" ;;
              "get csr --no-headers -o custom-columns=SIGNER:.spec.signerName,USER:.spec.username,STATUS:.status.conditions") awk '{print $2, $3, $4}' "$FAKE/csrs" ;;
              "certificate approve "*)
                for name in "${@:3}"; do sed -i "s/^$name \(.*\) <none>$/$name \1 Approved/" "$FAKE/csrs"; done ;;
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
            new Dictionary<string, string> { ["node-role.kubernetes.io/storage"] = "", ["example.com/rack"] = "r1" }, approveServingCertificates: true);

        var first = _host.Run(script);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(["kubectl certificate approve csr-1"], first.CallsOf("kubectl certificate"));
        Assert.Equal(["kubectl label node worker-1 old.example/gone-"], first.Calls.Where(c => c.EndsWith('-')));
        Assert.Equal("example.com/rack=r1\nkeep=me\nnode-role.kubernetes.io/storage=\n", State("labels"));
        Assert.Equal("example.com/rack,node-role.kubernetes.io/storage", State("annotation"));
        Assert.Contains("csr-2 kubernetes.io/kubelet-serving system:node:worker-9 <none>", State("csrs"), StringComparison.Ordinal);

        var state = (State("labels"), State("annotation"), State("csrs"));
        var second = _host.Run(script);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(second.CallsOf("kubectl certificate", "sleep"));
        Assert.DoesNotContain(second.Calls, c => c.EndsWith('-'));
        Assert.Equal(state, (State("labels"), State("annotation"), State("csrs")));
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
