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
    /// <summary>apt-get: skips its -o options, fails as often as <c>$FAKE/apt-failures</c> says (as when another
    /// process holds the dpkg lock), and records what it installs, with the versions of kubelet and containerd.</summary>
    private const string AptGet = """
        while [ "${1:-}" = -o ]; do shift 2; done
        failures="$(cat "$FAKE/apt-failures" 2>/dev/null || echo 0)"
        if [ "$failures" -gt 0 ]; then
          echo $((failures - 1)) >"$FAKE/apt-failures"
          echo "E: Could not get lock /var/lib/dpkg/lock-frontend" >&2
          exit 100
        fi
        if [ "$1" = install ]; then
          for arg in "$@"; do
            case "$arg" in
              -*|install) ;;
              *) echo "${arg%%=*}" >>"$FAKE/installed"
                 if [ "${arg%%=*}" = kubelet ] && [ "$arg" != kubelet ]; then version="${arg#kubelet=}"; echo "${version%-\*}" >"$FAKE/kubelet-version"; fi
                 if [ "${arg%%=*}" = containerd ] && [ "$arg" != containerd ]; then version="${arg#containerd=}"; version="${version#*:}"; echo "${version%%-*}" >"$FAKE/containerd-version"; fi ;;
            esac
          done
        fi
        """;

    /// <summary>apt-cache policy: the candidate in <c>$FAKE/containerd-candidate</c>.</summary>
    private const string AptCache = """
        [ "$*" = "policy containerd" ] || exit 2
        printf 'containerd:\n  Installed: (none)\n  Candidate: %s\n' "$(cat "$FAKE/containerd-candidate" 2>/dev/null || echo '(none)')"
        """;

    /// <summary>containerd --version: the version in <c>$FAKE/containerd-version</c>.</summary>
    private const string Containerd = """
        [ "$*" = --version ] || exit 2
        echo "containerd github.com/containerd/containerd/v2 v$(cat "$FAKE/containerd-version") 1234abcd"
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
                // What kubeadm-config and kubelet-config were uploaded from: the digest of an empty set of cluster-wide documents.
                "kubectl --kubeconfig /etc/kubernetes/admin.conf -n kube-system annotate configmap kubeadm-config --overwrite "
                    + "platform/configuration-sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
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
    public void A_bootstrap_token_step_for_a_node_that_has_joined_leaves_the_token_as_it_is()
    {
        _host.Fake("kubectl", """
            case "$*" in
              "get nodes --field-selector metadata.name=worker-1 -o name") echo node/worker-1 ;;
              "get node worker-1 -o jsonpath="*) cat "$FAKE/ready" ;;
              "apply "*) cat >"$FAKE/applied" ;;
            esac
            """);
        File.WriteAllText(Path.Combine(_host.State, "ready"), "True");

        var run = _host.Run(NodeScripts.EnsureBootstrapToken("worker-1", controlPlane: false), Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("kubectl apply", StringComparison.Ordinal));

        // Reset to join again (kubeadm reset leaves the Node object, which goes NotReady): the token is made valid.
        File.WriteAllText(Path.Combine(_host.State, "ready"), "False");
        var rejoin = _host.Run(NodeScripts.EnsureBootstrapToken("worker-1", controlPlane: false), Token);
        Assert.True(rejoin.ExitCode == 0, rejoin.ToString());
        Assert.Contains(rejoin.Calls, c => c.StartsWith("kubectl apply", StringComparison.Ordinal));
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
                if [ "$looks" -ge 4 ]; then echo node/worker-1; fi ;;
              *) echo "unexpected: kubectl $*" >&2; exit 2 ;;
            esac
            """);

        var run = _host.Run(NodeScripts.EnsureBootstrapToken("worker-1", controlPlane: false), Token);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("node worker-1 has joined\n", run.Output);
        Assert.Equal(
            [
                "kubectl get nodes --field-selector metadata.name=worker-1 -o name",
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
        // Once to see whether the node has joined already, then 120 times while waiting for it.
        Assert.Equal(121, run.CallsOf("kubectl get").Count);
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
    public void A_kube_vip_template_changed_in_form_only_passes_once_the_same_pod_has_run_for_a_minute()
    {
        _host.Fake("ip", Ip);
        // kubelet's hash is of the pod, not of the text: the same before and after the write.
        _host.Fake("kubectl", """
            case "$*" in
              "-n kube-system get pod kube-vip-cp-2 -o jsonpath="*) echo "c0ffee True 0" ;;
              "get --raw /readyz") echo ok ;;
              *) echo "unexpected: kubectl $*" >&2; exit 2 ;;
            esac
            """);
        _host.Write(NodeScripts.AdminKubeconfig, "admin\n", RootOnly);
        _host.Write(NodeScripts.KubeVipTemplatePath, "interface: @INTERFACE@\nkubeconfig: @KUBECONFIG@\n# reformatted\n", RootOnly);
        _host.Write("/etc/kubernetes/manifests/kube-vip.yaml", "interface: eth1\nkubeconfig: /etc/kubernetes/admin.conf\n", RootOnly);

        var run = _host.Run(NodeScripts.RollOutKubeVip("cp-2", "10.0.0.10"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.EndsWith("kube-vip runs on cp-2 (the new manifest gives the pod it ran)\n", run.Output, StringComparison.Ordinal);
        Assert.Equal(11, run.CallsOf("sleep").Count);
    }

    [Fact]
    public void The_kube_vip_step_asks_again_for_the_running_pod_while_the_api_does_not_answer_before_it_writes()
    {
        const string manifest = "/etc/kubernetes/manifests/kube-vip.yaml";
        _host.Fake("ip", Ip);
        // The first two looks fail (the API briefly away); without the old pod's hash the old pod would count as new.
        _host.Fake("kubectl", "failures=$(cat \"$FAKE/failures\" 2>/dev/null || echo 0); if [ \"$failures\" -lt 2 ] && [ \"$1\" = -n ]; then echo $((failures + 1)) >\"$FAKE/failures\"; exit 1; fi\n" + KubeVipKubectl);
        _host.Write(NodeScripts.AdminKubeconfig, "admin\n", RootOnly);
        _host.Write(NodeScripts.KubeVipTemplatePath, "image: kube-vip:v2\ninterface: @INTERFACE@\nkubeconfig: @KUBECONFIG@\n", RootOnly);
        _host.Write(manifest, "image: kube-vip:v1\ninterface: eth1\nkubeconfig: /etc/kubernetes/admin.conf\n", RootOnly);
        File.Copy(_host.PathOf(manifest), Path.Combine(_host.State, "kubelet"));

        var run = _host.Run(NodeScripts.RollOutKubeVip("cp-2", "10.0.0.10"));

        Assert.True(run.ExitCode == 0, run.ToString());
        // Two failed looks, one that reads the old pod, then as when the API answers: two of the old pod, three of the new.
        Assert.Equal(8, run.CallsOf("kubectl -n kube-system get pod").Count);
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
              "get node worker-1 -o jsonpath={.metadata.annotations.platform/managed-taints}") ;;
              "get node worker-1 -o jsonpath={range .spec.taints[*]}"*) ;;
              "annotate node worker-1 --overwrite platform/managed-taints=") ;;
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
        var script = NodeScripts.UpgradeWorker(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "w-1");

        var first = _host.Run(script);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(
            [
                "systemctl restart containerd",
                $"apt-get {AptOptions} update -q",
                "apt-mark unhold kubeadm",
                $"apt-get {AptOptions} install -y -q --allow-change-held-packages kubeadm=1.36.2-*",
                "apt-mark hold kubeadm",
                "kubeadm upgrade node",
                $"apt-get {AptOptions} update -q",
                "apt-mark unhold kubelet kubectl",
                $"apt-get {AptOptions} install -y -q --allow-change-held-packages kubelet=1.36.2-* kubectl=1.36.2-*",
                "apt-mark hold kubelet kubectl",
                "systemctl daemon-reload",
                "systemctl restart kubelet",
            ],
            first.CallsOf("apt-get", "apt-mark", "kubeadm", "systemctl"));
        Assert.Equal(["curl -fsSL --retry 5 https://pkgs.k8s.io/core:/stable:/v1.36/deb/Release.key"], first.CallsOf("curl"));
        Assert.Equal("deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.36/deb/ /\n",
            _host.Read("/etc/apt/sources.list.d/kubernetes.list"));

        var before = _host.Snapshot();
        var second = _host.Run(script);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("already at v1.36.2\n", second.Output);
        Assert.Equal(["kubectl --kubeconfig /etc/kubernetes/kubelet.conf get node w-1 -o jsonpath={.status.nodeInfo.kubeletVersion}"], second.Calls);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Upgrading_a_worker_to_a_minor_that_needs_containerd_2_replaces_containerd_before_kubeadm_while_it_is_drained()
    {
        UbuntuPackageTools("1.35.4", containerd: "1.7.28");
        _host.CreateFolder("/etc/apt/sources.list.d");
        _host.Write("/etc/containerd/config.toml", "version = 2\n");

        var run = _host.Run(NodeScripts.UpgradeWorker(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "w-1"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                $"apt-get {AptOptions} update -q",
                "apt-cache policy containerd",
                "apt-mark unhold containerd runc",
                $"apt-get {AptOptions} install -y -q --allow-change-held-packages containerd=2.2.1-0ubuntu1~24.04.3 runc",
                "apt-mark hold containerd runc",
                "systemctl restart containerd",
                $"apt-get {AptOptions} update -q",
                "apt-mark unhold kubeadm",
            ],
            run.CallsOf("apt-get", "apt-cache", "apt-mark", "systemctl").Take(8));
        Assert.Equal(ContainerdConfiguration.Render(ContainerdConfiguration.Containerd2Version, SandboxImage), _host.Read("/etc/containerd/config.toml"));
    }

    [Fact]
    public void A_control_plane_upgrade_without_a_supported_containerd_candidate_is_refused_before_kubeadm_changes_anything()
    {
        UbuntuPackageTools("1.35.4", containerd: "1.7.28");
        File.WriteAllText(Path.Combine(_host.State, "containerd-candidate"), "1.7.28-0ubuntu1~24.04.1\n");
        _host.Fake("kubeadm", Kubeadm);
        EtcdSnapshotRunTests.WithRunningEtcd(_host);
        var before = _host.Snapshot();

        var run = _host.Run(NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "cp-1", first: true));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Kubernetes 1.36.2 needs containerd 2.3.0 2.2.0 or newer (in each line); apt offers containerd 1.7.28-0ubuntu1~24.04.1", run.Errors, StringComparison.Ordinal);
        // kubectl only read the node's reported version.
        Assert.Empty(run.CallsOf("kubeadm", "kubectl drain", "kubectl annotate", "kubectl uncordon", "apt-mark", "systemctl"));
        // Nothing changed but the etcd snapshot the upgrade takes first.
        Assert.Equal(before, _host.Snapshot().Where(file => !file.Key.StartsWith(NodeScripts.EtcdSnapshotDir + "/", StringComparison.Ordinal))
            .ToDictionary(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("1.34.3", "kubeadm upgrades one minor version at a time: from v1.34.3 go to 1.35.x first\n")]
    [InlineData("1.37.0", "refusing to downgrade from v1.37.0 to v1.36.2\n")]
    public void An_upgrade_that_skips_a_minor_version_or_goes_back_is_refused_before_anything_changes(string running, string error)
    {
        UbuntuPackageTools(running);
        var before = _host.Snapshot();

        var run = _host.Run(NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "cp-1", first: true));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(error, run.Errors);
        // Once to see whether a stopped run left the node cordoned, once for the version guard: what its kubelet reports.
        Assert.Equal(
            [
                "kubectl get node cp-1 -o jsonpath={.status.nodeInfo.kubeletVersion}",
                "kubectl --kubeconfig /etc/kubernetes/admin.conf get node cp-1 -o jsonpath={.status.nodeInfo.kubeletVersion}",
            ],
            run.Calls);
        Assert.Equal(before, _host.Snapshot());
    }

    /// <summary>kubectl for a node: its cordon and annotations in <c>$FAKE</c>.</summary>
    private const string NodeKubectl = """
        case "$*" in
          "get node w-1 -o jsonpath={.spec.unschedulable}"|"get node cp-1 -o jsonpath={.spec.unschedulable}")
            [ -f "$FAKE/cordoned" ] && printf true || true ;;
          "get node w-1 -o jsonpath={.metadata.annotations.platform/cordoned-for-upgrade}"|"get node cp-1 -o jsonpath={.metadata.annotations.platform/cordoned-for-upgrade}")
            cat "$FAKE/annotation" 2>/dev/null || true ;;
          "annotate node "*" --overwrite platform/cordoned-for-upgrade="*) args="$*"; echo "${args##*=}" >"$FAKE/annotation" ;;
          "annotate node "*" platform/cordoned-for-upgrade-") rm -f "$FAKE/annotation" ;;
          "drain "*) touch "$FAKE/cordoned" ;;
          "uncordon "*) rm -f "$FAKE/cordoned" ;;
          "get nodes -o jsonpath={.items[*].metadata.annotations.platform/cordoned-for-upgrade}") cat "$FAKE/annotation" 2>/dev/null || true ;;
          "-n kured get daemonset kured --ignore-not-found -o "*) ;;
          "get node w-1 -o jsonpath={.status.nodeInfo.kubeletVersion}") echo v1.35.4 ;;
          *"get node cp-1 -o jsonpath={.status.nodeInfo.kubeletVersion}") echo "v$(cat "$FAKE/kubelet-version")" ;;
          *) echo "unexpected: kubectl $*" >&2; exit 2 ;;
        esac
        """;

    [Fact]
    public void An_upgrade_uncordons_a_worker_it_cordoned_and_leaves_one_an_operator_cordoned()
    {
        _host.Fake("kubectl", NodeKubectl);

        Assert.Equal(0, _host.Run(NodeScripts.DrainForUpgrade("w-1", "1.36.2")).ExitCode);
        Assert.Equal("1.36.2\n", State("annotation"));
        var uncordon = _host.Run(NodeScripts.Uncordon("w-1", "1.36.2"));
        Assert.Equal(0, uncordon.ExitCode);
        Assert.Contains("kubectl uncordon w-1", uncordon.Calls);
        Assert.False(File.Exists(Path.Combine(_host.State, "cordoned")));
        Assert.False(File.Exists(Path.Combine(_host.State, "annotation")));

        // Cordoned on purpose before the upgrade: drained, not annotated, so it stays cordoned.
        File.WriteAllText(Path.Combine(_host.State, "cordoned"), "");
        var drain = _host.Run(NodeScripts.DrainForUpgrade("w-1", "1.36.2"));
        Assert.Equal(0, drain.ExitCode);
        Assert.DoesNotContain(drain.Calls, c => c.StartsWith("kubectl annotate", StringComparison.Ordinal));
        var kept = _host.Run(NodeScripts.Uncordon("w-1", "1.36.2"));
        Assert.Equal(0, kept.ExitCode);
        Assert.DoesNotContain(kept.Calls, c => c.StartsWith("kubectl uncordon", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_host.State, "cordoned")));

        // A re-run of the uncordon step (a changed connection, say) changes nothing.
        Assert.DoesNotContain(_host.Run(NodeScripts.Uncordon("w-1", "1.36.2")).Calls, c => c.StartsWith("kubectl uncordon", StringComparison.Ordinal));
    }

    [Fact]
    public void A_drain_that_poddisruptionbudgets_hold_stops_with_the_pods_and_budgets_that_hold_it()
    {
        _host.Fake("kubectl", """
            case "$*" in
              "drain w-1 --ignore-daemonsets --delete-emptydir-data --timeout=15m") echo "error: global timeout reached: 15m0s" >&2; exit 1 ;;
              "get pods --all-namespaces --field-selector spec.nodeName=w-1 -o jsonpath="*) printf 'shop/web-0=ReplicaSet shop/web-1=ReplicaSet kube-system/cilium-x=DaemonSet kube-system/etcd-w-1=Node shop/debug= ' ;;
              "get poddisruptionbudgets --all-namespaces -o jsonpath="*) printf 'shop/web ' ;;
              *) exit 0 ;;
            esac
            """);

        var run = _host.Run(NodeScripts.DrainForUpgrade("w-1", "1.36.2"));

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("the drain of w-1 did not finish (15 minutes at most); pods still on it: shop/web-0 shop/web-1; " +
            "pods without a controller, which a drain does not delete: shop/debug; PodDisruptionBudgets that allow no disruption now: shop/web . " +
            "Let them go (more replicas elsewhere, a budget that allows one, or delete the bare pods), then run pulumi up again; " +
            "the node stays cordoned until its upgrade is done\n", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Calls, c => c.Contains("--disable-eviction", StringComparison.Ordinal) || c.Contains("--force", StringComparison.Ordinal));
    }

    [Fact]
    public void A_worker_whose_kubelet_binary_is_new_but_whose_running_kubelet_is_not_is_upgraded_again()
    {
        // A run that stopped after the new binaries were installed, before kubelet restarted (on Flatcar the sysext
        // switch alone does it): the node still reports the old version, so the upgrade is not taken as done.
        UbuntuPackageTools("1.36.2");
        _host.Fake("kubectl", """
            case "$*" in
              *"get node w-1 -o jsonpath={.status.nodeInfo.kubeletVersion}") echo v1.35.4 ;;
            esac
            """);
        _host.CreateFolder("/etc/apt/sources.list.d");

        var run = _host.Run(NodeScripts.UpgradeWorker(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "w-1"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("already at", run.Output, StringComparison.Ordinal);
        Assert.Contains("kubeadm upgrade node", run.Calls);
        Assert.Contains("systemctl restart kubelet", run.Calls);
    }

    [Fact]
    public void An_upgrade_whose_node_version_cannot_be_read_stops_with_a_message_that_says_why()
    {
        _host.Fake("kubectl", """echo "The connection to the server 10.0.0.10:6443 was refused" >&2; exit 1""");
        var before = _host.Snapshot();

        var run = _host.Run(NodeScripts.UpgradeWorker(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "w-1"));

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("could not read the version node w-1's kubelet reports (kubectl get node w-1): the upgrade needs the node registered and the API reachable\n",
            run.Errors, StringComparison.Ordinal);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void A_control_plane_upgrade_that_stopped_after_the_kubelet_is_uncordoned_by_the_next_run()
    {
        UbuntuPackageTools("1.36.2");
        _host.Fake("kubectl", NodeKubectl);
        File.WriteAllText(Path.Combine(_host.State, "cordoned"), "");
        File.WriteAllText(Path.Combine(_host.State, "annotation"), "1.36.2\n");

        var run = _host.Run(NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "cp-1", first: true));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("already at v1.36.2\n", run.Output);
        Assert.Contains("kubectl uncordon cp-1", run.Calls);
        Assert.False(File.Exists(Path.Combine(_host.State, "cordoned")));
        Assert.False(File.Exists(Path.Combine(_host.State, "annotation")));
    }

    // A sysctl.d file by its rules (sysctl.d(5)): "key = value" lines, blanks and lines starting with '#' or ';'
    // ignored, whitespace around '=' dropped; a key set twice keeps its last value.
    private static Dictionary<string, string> Sysctls(string file)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in file.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(eq > 0, $"not a sysctl line: {line}");
            settings[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        return settings;
    }

    private const string AptOptions = "-o DPkg::Lock::Timeout=300 -o Acquire::Retries=3";

    private static readonly string SandboxImage = TestRuntime.Current.SandboxImage;

    [Fact]
    public void Preparing_an_ubuntu_host_installs_and_configures_once_and_a_second_run_changes_nothing()
    {
        UbuntuPackageTools(running: null, containerd: null);
        _host.Fake("ip", """[ "$*" = "-o addr show" ] && echo '2: eth0    inet 10.0.0.11/24 brd 10.0.0.255 scope global eth0'""");
        foreach (var folder in new[] { "/etc/modules-load.d", "/etc/sysctl.d", "/etc/apt/sources.list.d" }) _host.CreateFolder(folder);
        _host.Write("/etc/fstab", "UUID=1234 / ext4 defaults 0 1\n/swap.img none swap sw 0 0\n");
        var script = NodeScripts.Prepare(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "10.0.0.11");

        var first = _host.Run(script);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(["modprobe overlay", "modprobe br_netfilter"], first.CallsOf("modprobe"));
        Assert.Equal(
            [
                $"apt-get {AptOptions} update -q",
                $"apt-get {AptOptions} install -y -q conntrack socat curl gpg ca-certificates",
                $"apt-get {AptOptions} update -q",
                "apt-cache policy containerd",
                "apt-mark unhold containerd runc",
                $"apt-get {AptOptions} install -y -q --allow-change-held-packages containerd=2.2.1-0ubuntu1~24.04.3 runc",
                "apt-mark hold containerd runc",
                $"apt-get {AptOptions} update -q",
                "apt-mark unhold kubeadm kubelet kubectl",
                $"apt-get {AptOptions} install -y -q --allow-change-held-packages kubeadm=1.36.2-* kubelet=1.36.2-* kubectl=1.36.2-*",
                "apt-mark hold kubeadm kubelet kubectl",
            ],
            first.CallsOf("apt-get", "apt-cache", "apt-mark"));
        Assert.Equal(
            ["systemctl mask swap.target", "systemctl restart containerd", "systemctl enable --now containerd", "systemctl enable kubelet"],
            first.CallsOf("systemctl"));
        Assert.Equal("overlay\nbr_netfilter\n", _host.Read("/etc/modules-load.d/platform-kubernetes.conf"));
        Assert.Contains("net.ipv4.ip_forward = 1\n", _host.Read("/etc/sysctl.d/90-platform-kubernetes.conf"), StringComparison.Ordinal);
        Assert.Equal("262144", Sysctls(_host.Read("/etc/sysctl.d/90-platform-kubernetes.conf"))["vm.max_map_count"]);
        Assert.Equal("UUID=1234 / ext4 defaults 0 1\n# disabled for Kubernetes: /swap.img none swap sw 0 0\n", _host.Read("/etc/fstab"));
        Assert.Equal(ContainerdConfiguration.Render(ContainerdConfiguration.Containerd2Version, SandboxImage), _host.Read("/etc/containerd/config.toml"));

        var before = _host.Snapshot();
        var second = _host.Run(script);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(second.CallsOf("apt-get", "apt-mark", "curl", "systemctl restart"));
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Apt_waits_for_a_lock_another_process_holds_and_tries_again()
    {
        UbuntuPackageTools(running: null, containerd: "2.2.1");
        foreach (var folder in new[] { "/etc/modules-load.d", "/etc/sysctl.d", "/etc/apt/sources.list.d" }) _host.CreateFolder(folder);
        _host.Write("/etc/fstab", "");
        File.WriteAllText(Path.Combine(_host.State, "apt-failures"), "2\n");

        var run = _host.Run(NodeScripts.Prepare(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["sleep 20", "sleep 20"], run.CallsOf("sleep"));
        // Three tries of the first update, then the Kubernetes repository's.
        Assert.Equal(4, run.CallsOf("apt-get").Count(c => c == $"apt-get {AptOptions} update -q"));
        Assert.Contains("failed (attempt 2 of 6); trying again in 20 seconds", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Apt_gives_up_after_six_attempts_with_an_error_that_says_why()
    {
        UbuntuPackageTools(running: null, containerd: null);
        foreach (var folder in new[] { "/etc/modules-load.d", "/etc/sysctl.d" }) _host.CreateFolder(folder);
        _host.Write("/etc/fstab", "");
        File.WriteAllText(Path.Combine(_host.State, "apt-failures"), "100\n");

        var run = _host.Run(NodeScripts.Prepare(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(6, run.CallsOf("apt-get").Count);
        Assert.Equal(5, run.CallsOf("sleep").Count);
        Assert.Contains("failed 6 times: another apt or dpkg process may hold its lock, or a package mirror is unreachable", run.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.7.12-0ubuntu4")]
    [InlineData("(none)")]
    public void A_host_whose_apt_offers_no_supported_containerd_is_refused_with_the_fix(string candidate)
    {
        UbuntuPackageTools(running: null, containerd: null);
        File.WriteAllText(Path.Combine(_host.State, "containerd-candidate"), candidate + "\n");
        foreach (var folder in new[] { "/etc/modules-load.d", "/etc/sysctl.d" }) _host.CreateFolder(folder);
        _host.Write("/etc/fstab", "");
        _host.Write("/etc/os-release", "NAME=\"Ubuntu\"\nVERSION_CODENAME=noble\n");

        var run = _host.Run(NodeScripts.Prepare(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"Kubernetes 1.36.2 needs containerd 2.3.0 2.2.0 or newer (in each line); apt offers containerd {candidate} on this host: " +
            "enable Ubuntu's noble-updates pocket (and apt-get update), then run pulumi up again\n", run.Errors);
        Assert.DoesNotContain(run.CallsOf("apt-get"), c => c.Contains("containerd", StringComparison.Ordinal));
        Assert.False(_host.Exists("/etc/containerd/config.toml"));
    }

    [Theory]
    [InlineData("2.2.0", true)]
    [InlineData("2.2.7", true)]
    [InlineData("2.3.4", true)]
    [InlineData("2.4.0", true)]
    [InlineData("3.0.0", true)]
    [InlineData("2.1.5", false)]
    [InlineData("2.0.6", false)]
    [InlineData("1.7.30", false)]
    public void Containerd_releases_are_checked_against_the_minors_support_matrix(string version, bool supported)
    {
        var check = $"K8S_VERSION=1.36.2\n{PartOf(NodeScripts.Prepare(NodeOperatingSystem.Flatcar, "1.36.2", TestRuntime.Current), "CONTAINERD_MINIMUMS=", "# The running containerd")}" +
            $"if containerd_supported {version}; then echo yes; else echo no; fi\n";

        var run = _host.Run(check);

        Assert.Equal(supported ? "yes\n" : "no\n", run.Output);
    }

    [Fact]
    public void A_member_whose_containerd_the_new_minor_does_not_support_is_warned_and_left_to_its_upgrade_step()
    {
        UbuntuMember();
        _host.Write("/etc/containerd/config.toml", "version = 2\n");

        var run = _host.Run(NodeScripts.Prepare(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("warning: containerd 1.7.28 is not supported with Kubernetes 1.36.2 (supported: 2.3.0 2.2.0 or newer); this node's next upgrade step replaces it with 2.2.1-0ubuntu1~24.04.3\n", run.Errors);
        // apt is asked, before any drain, whether it has a supported containerd; nothing is installed or restarted.
        Assert.Equal([$"apt-get {AptOptions} update -q", "apt-cache policy containerd"], run.CallsOf("apt-get", "apt-cache", "apt-mark"));
        Assert.Empty(run.CallsOf("systemctl restart"));
        Assert.Equal("version = 2\n", _host.Read("/etc/containerd/config.toml"));
    }

    [Fact]
    public void A_member_whose_apt_has_no_containerd_for_the_new_minor_fails_its_preparation_before_any_drain()
    {
        UbuntuMember();
        File.WriteAllText(Path.Combine(_host.State, "containerd-candidate"), "1.7.28-0ubuntu1~24.04.1\n");

        var run = _host.Run(NodeScripts.Prepare(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Kubernetes 1.36.2 needs containerd 2.3.0 2.2.0 or newer (in each line); apt offers containerd 1.7.28-0ubuntu1~24.04.1", run.Errors, StringComparison.Ordinal);
        Assert.Empty(run.CallsOf("apt-mark", "systemctl restart"));
    }

    [Fact]
    public void A_host_whose_inventory_address_is_not_its_own_is_refused_before_anything_is_installed()
    {
        UbuntuPackageTools(running: null, containerd: null);
        _host.Fake("ip", """[ "$*" = "-o addr show" ] || [ "$*" = "-o addr show scope global" ] && echo '2: eth0    inet 192.168.7.5/24 brd 192.168.7.255 scope global eth0'""");
        foreach (var folder in new[] { "/etc/modules-load.d", "/etc/sysctl.d" }) _host.CreateFolder(folder);
        _host.Write("/etc/fstab", "");

        var run = _host.Run(NodeScripts.Prepare(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "10.0.0.11"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("the inventory address 10.0.0.11 is not an address of this host (it has 192.168.7.5/24 ): kubelet's node IP must be one of its own; " +
            "give the node its own address in platform:nodes\n", run.Errors);
        Assert.Empty(run.CallsOf("apt-get", "apt-mark", "systemctl restart"));
    }

    [Fact]
    public void A_worker_that_joined_without_a_node_ip_gets_the_inventory_address_in_its_upgrade_and_only_once()
    {
        UbuntuPackageTools("1.35.4");
        _host.CreateFolder("/etc/apt/sources.list.d");
        _host.Write("/var/lib/kubelet/kubeadm-flags.env", "KUBELET_KUBEADM_ARGS=\"--container-runtime-endpoint=unix:///run/containerd/containerd.sock\"\n");
        var upgrade = NodeScripts.UpgradeWorker(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "w-1", "10.0.1.11");

        Assert.True(_host.Run(upgrade).ExitCode == 0);
        Assert.Equal("KUBELET_KUBEADM_ARGS=\"--node-ip=10.0.1.11 --container-runtime-endpoint=unix:///run/containerd/containerd.sock\"\n",
            _host.Read("/var/lib/kubelet/kubeadm-flags.env"));

        // A node that has it (joined by this release, or upgraded once) keeps its flags as they are.
        File.WriteAllText(Path.Combine(_host.State, "kubelet-version"), "1.35.4\n");
        Assert.True(_host.Run(upgrade).ExitCode == 0);
        Assert.Equal("KUBELET_KUBEADM_ARGS=\"--node-ip=10.0.1.11 --container-runtime-endpoint=unix:///run/containerd/containerd.sock\"\n",
            _host.Read("/var/lib/kubelet/kubeadm-flags.env"));
    }

    [Fact]
    public void Preparing_a_flatcar_host_checks_its_containerd_verifies_and_links_the_sysext_once_and_a_second_run_changes_nothing()
    {
        FlatcarTools("2.2.0");
        var script = NodeScripts.Prepare(NodeOperatingSystem.Flatcar, "1.36.2", TestRuntime.Current);

        var first = _host.Run(script);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(
            [
                "curl -fsSL --retry 5 -o /opt/extensions/kubernetes/kubernetes-v1.36.2-x86-64.raw.download https://extensions.flatcar.org/extensions/kubernetes-v1.36.2-x86-64.raw",
                "curl -fsSL --retry 5 https://github.com/flatcar/sysext-bakery/releases/download/kubernetes-v1.36.2/SHA256SUMS",
            ],
            first.CallsOf("curl"));
        Assert.Equal(["systemd-sysext refresh"], first.CallsOf("systemd-sysext"));
        Assert.Equal(
            [
                "systemctl list-unit-files locksmithd.service", "systemctl stop locksmithd.service",
                "systemctl mask swap.target", "systemctl daemon-reload", "systemctl restart containerd", "systemctl restart containerd",
                "systemctl enable --now containerd", "systemctl daemon-reload", "systemctl enable kubelet",
            ],
            first.CallsOf("systemctl"));
        Assert.Equal("-> /opt/extensions/kubernetes/kubernetes-v1.36.2-x86-64.raw", _host.Snapshot()["/etc/extensions/kubernetes.raw"]);
        Assert.Equal("image\n", _host.Read("/opt/extensions/kubernetes/kubernetes-v1.36.2-x86-64.raw"));
        Assert.Equal(ContainerdConfiguration.Render(ContainerdConfiguration.Containerd2Version, SandboxImage), _host.Read("/etc/containerd/config.toml"));
        Assert.Equal("[Service]\nEnvironment=CONTAINERD_CONFIG=/etc/containerd/config.toml\n", _host.Read("/etc/systemd/system/containerd.service.d/10-platform.conf"));
        // OpenSearch's bootstrap check: the logging namespace runs no privileged init container to raise it.
        Assert.Equal("262144", Sysctls(_host.Read("/etc/sysctl.d/90-platform-kubernetes.conf"))["vm.max_map_count"]);

        var before = _host.Snapshot();
        var second = _host.Run(script);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(second.CallsOf("curl", "systemd-sysext", "systemctl restart", "systemctl daemon-reload", "systemctl stop"));
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void A_flatcar_sysext_that_does_not_match_its_published_checksum_is_not_used()
    {
        FlatcarTools("2.2.0", sums: "0000000000000000000000000000000000000000000000000000000000000000  kubernetes-v1.36.2-x86-64.raw\n");

        var run = _host.Run(NodeScripts.Prepare(NodeOperatingSystem.Flatcar, "1.36.2", TestRuntime.Current));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("the sysext kubernetes-v1.36.2-x86-64.raw does not match the SHA256SUMS of sysext-bakery's release kubernetes-v1.36.2 (expected 0000", run.Errors, StringComparison.Ordinal);
        Assert.False(_host.Exists("/opt/extensions/kubernetes/kubernetes-v1.36.2-x86-64.raw"));
        Assert.False(_host.Exists("/opt/extensions/kubernetes/kubernetes-v1.36.2-x86-64.raw.download"));
        Assert.False(_host.Exists("/etc/extensions/kubernetes.raw"));
        Assert.Empty(run.CallsOf("systemd-sysext"));
    }

    [Fact]
    public void A_flatcar_release_whose_containerd_the_minor_does_not_support_is_refused_before_the_host_changes_its_runtime()
    {
        FlatcarTools("1.7.23");

        var run = _host.Run(NodeScripts.Prepare(NodeOperatingSystem.Flatcar, "1.36.2", TestRuntime.Current));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Kubernetes 1.36.2 needs containerd 2.3.0 2.2.0 or newer (in each line); this Flatcar release has containerd 1.7.23: " +
            "update Flatcar (or use a newer Flatcar image for this node), then run pulumi up again\n", run.Errors);
        Assert.False(_host.Exists("/etc/containerd/config.toml"));
        Assert.Empty(run.CallsOf("curl", "systemctl restart"));
    }

    /// <summary>An Ubuntu node that joined under Kubernetes 1.35 with containerd 1.7.28: kubelet.conf there, every package
    /// installed.</summary>
    private void UbuntuMember()
    {
        UbuntuPackageTools(running: "1.35.4", containerd: "1.7.28");
        foreach (var folder in new[] { "/etc/modules-load.d", "/etc/sysctl.d" }) _host.CreateFolder(folder);
        _host.Write("/etc/fstab", "");
        _host.Write("/etc/kubernetes/kubelet.conf", "kind: Config\n");
        foreach (var package in new[] { "conntrack", "socat", "curl", "gpg", "ca-certificates", "kubeadm", "kubelet", "kubectl" })
            File.AppendAllText(Path.Combine(_host.State, "installed"), package + "\n");
    }

    /// <summary>A Flatcar host: containerd at <paramref name="containerd"/>, curl serving the sysext image and
    /// <paramref name="sums"/> (by default the release's sums with the image's real checksum, see
    /// <see cref="FlatcarSysextFake"/>).</summary>
    private void FlatcarTools(string containerd, string? sums = null)
    {
        _host.Fake("containerd", Containerd);
        File.WriteAllText(Path.Combine(_host.State, "containerd-version"), containerd + "\n");
        if (sums != null) File.WriteAllText(Path.Combine(_host.State, "sums"), sums);
        _host.Fake("curl", FlatcarSysextFake.Curl);
        foreach (var folder in new[] { "/etc/modules-load.d", "/etc/sysctl.d" }) _host.CreateFolder(folder);
        _host.Write("/etc/fstab", "");
    }

    /// <summary>The lines of <paramref name="script"/> from the one starting with <paramref name="from"/> up to the one
    /// starting with <paramref name="to"/>.</summary>
    private static string PartOf(string script, string from, string to)
    {
        var start = script.IndexOf(from, StringComparison.Ordinal);
        return script[start..script.IndexOf(to, start, StringComparison.Ordinal)];
    }

    /// <summary>apt-get, apt-mark, apt-cache, dpkg, curl and gpg as on Ubuntu (apt offering containerd 2.2.1), kubelet
    /// at <paramref name="running"/> and containerd at <paramref name="containerd"/> (not installed when null).</summary>
    private void UbuntuPackageTools(string? running, string? containerd = "2.2.1")
    {
        _host.Fake("apt-get", AptGet);
        _host.Fake("apt-cache", AptCache);
        _host.Fake("dpkg", Dpkg);
        _host.Fake("curl", Curl);
        _host.Fake("gpg", Gpg);
        _host.Fake("containerd", Containerd);
        _host.Fake("kubelet", """[ "$*" = --version ] && echo "Kubernetes v$(cat "$FAKE/kubelet-version")" """);
        // What the node's kubelet reports to the API (the upgrades' guard): the installed version, here.
        _host.Fake("kubectl", """
            case "$*" in
              *"get node "*" -o jsonpath={.status.nodeInfo.kubeletVersion}") echo "v$(cat "$FAKE/kubelet-version")" ;;
            esac
            """);
        File.WriteAllText(Path.Combine(_host.State, "containerd-candidate"), "2.2.1-0ubuntu1~24.04.3\n");
        if (running != null) File.WriteAllText(Path.Combine(_host.State, "kubelet-version"), running + "\n");
        if (containerd != null)
        {
            File.WriteAllText(Path.Combine(_host.State, "containerd-version"), containerd + "\n");
            File.AppendAllText(Path.Combine(_host.State, "installed"), "containerd\n");
        }
    }

    private string State(string file) => File.ReadAllText(Path.Combine(_host.State, file));
}
