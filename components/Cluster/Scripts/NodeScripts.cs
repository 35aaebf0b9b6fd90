using System.Text;

namespace Platform.Components.Cluster.Scripts;

/// <summary>
/// The bash scripts the cluster runs on its nodes, one per step, rendered from typed values. Every script is
/// idempotent (it checks before it acts), runs with <c>set -euo pipefail</c> as root, and passes shellcheck.
/// Scripts never contain secrets: those arrive on standard input (see <see cref="InstallFiles"/>).
/// </summary>
public static class NodeScripts
{
    /// <summary>Where the platform keeps its files on a node.</summary>
    public const string PlatformDir = "/etc/kubernetes/platform";

    /// <summary>The kubeadm configuration (InitConfiguration or JoinConfiguration and friends) on a node.</summary>
    public const string KubeadmConfigPath = PlatformDir + "/kubeadm.yaml";

    /// <summary>The kube-vip static pod template on a control-plane node (interface and kubeconfig filled in on the node).</summary>
    public const string KubeVipTemplatePath = PlatformDir + "/kube-vip.yaml";

    /// <summary>Written once <c>kubeadm init</c> has finished (its own files appear before it has).</summary>
    public const string InitialisedMarker = PlatformDir + "/initialised";

    /// <summary>Written once <c>kubeadm join</c> has finished.</summary>
    public const string JoinedMarker = PlatformDir + "/joined";

    /// <summary>The admin kubeconfig kubeadm writes on control-plane nodes.</summary>
    public const string AdminKubeconfig = "/etc/kubernetes/admin.conf";

    /// <summary>The node annotation that lists the labels the platform manages, so removed ones can be taken off.</summary>
    public const string ManagedLabelsAnnotation = "platform/managed-labels";

    /// <summary>Prepares a host for Kubernetes: kernel modules, sysctls, swap off, containerd with the systemd cgroup
    /// driver, and kubeadm/kubelet/kubectl at <paramref name="kubernetesVersion"/> (installed once; upgrades have
    /// their own step).</summary>
    public static string Prepare(NodeOperatingSystem os, string kubernetesVersion)
    {
        var version = CheckVersion(kubernetesVersion);
        var script = new StringBuilder(ShellScript.Header($"prepare a {Describe(os)} host for Kubernetes {version}"));
        script.Append(ShellScript.Invariant($"K8S_VERSION={version}\n"));
        script.Append(KernelSettings);
        script.Append(os == NodeOperatingSystem.Flatcar ? FlatcarRuntime : UbuntuRuntime);
        script.Append(os == NodeOperatingSystem.Flatcar ? FlatcarSysextFunctions + FlatcarInstall : UbuntuPackageFunctions + UbuntuInstall);
        script.Append(KubeletFilePermissions);
        return script.ToString();
    }

    /// <summary>Undoes <see cref="Prepare"/> when a node leaves the inventory: stops kubelet and removes the
    /// platform's kernel settings. Packages stay, so the host can be prepared again quickly.</summary>
    public static string CleanUp() => ShellScript.Header("undo the host preparation when the node leaves the cluster") + """
        if systemctl list-unit-files kubelet.service >/dev/null 2>&1; then
          systemctl disable --now kubelet || true
        fi
        rm -f /etc/modules-load.d/platform-kubernetes.conf /etc/sysctl.d/90-platform-kubernetes.conf
        rm -rf /etc/kubernetes/platform
        sysctl --system >/dev/null

        """;

    /// <summary>
    /// Writes files from standard input, one per line: octal mode, absolute path, base64 content (see
    /// <see cref="ShellScript.FilePayload"/>). A file whose content is unchanged is left alone.
    /// </summary>
    public static string InstallFiles() => ShellScript.Header("install files received on standard input (mode path base64)") + """
        umask 077
        # The last line may lack a newline: read then reports end of input, but has filled the variables.
        while read -r mode path data || [ -n "${path:-}" ]; do
          [ -n "${path:-}" ] || continue
          case "$path" in /*) ;; *) echo "refusing relative path $path" >&2; exit 1 ;; esac
          install -d -m 0755 "$(dirname "$path")"
          tmp="$(mktemp "$path.XXXXXX")"
          printf '%s' "$data" | base64 -d >"$tmp"
          chmod "$mode" "$tmp"
          if [ -f "$path" ] && cmp -s "$tmp" "$path"; then
            rm -f "$tmp"
          else
            mv -f "$tmp" "$path"
          fi
        done

        """;

    /// <summary>Runs <c>kubeadm init</c> on the first control-plane node (once), with kube-vip when the endpoint is a
    /// virtual IP.</summary>
    public static string InitFirstControlPlane(string? kubeVipAddress)
    {
        var script = new StringBuilder(ShellScript.Header("initialise the cluster on the first control-plane node"));
        if (kubeVipAddress != null)
        {
            // kubeadm 1.29+ gives admin.conf its rights only after init, so kube-vip uses super-admin.conf meanwhile.
            script.Append(KubeVipFunction(kubeVipAddress));
            script.Append("if [ ! -f /etc/kubernetes/admin.conf ]; then\n  write_kube_vip /etc/kubernetes/super-admin.conf\nfi\n");
        }
        // kube-vip's static pod is in the manifests folder before init, which kubeadm's preflight would refuse.
        var ignore = kubeVipAddress != null ? " --ignore-preflight-errors=DirAvailable--etc-kubernetes-manifests" : "";
        script.Append($$"""
            if [ -f {{InitialisedMarker}} ]; then
              echo "control plane already initialised"
            elif [ -f /etc/kubernetes/admin.conf ]; then
              echo "an earlier kubeadm init stopped half-way; it is not retried on its own because kubeadm reset also deletes the PKI: run 'kubeadm reset --force' on this node, then 'pulumi up --replace' on its files step and this step" >&2
              exit 1
            else
              kubeadm init --config {{KubeadmConfigPath}} --skip-token-print{{ignore}}
              touch {{InitialisedMarker}}
            fi

            """);
        if (kubeVipAddress != null)
            script.Append("write_kube_vip /etc/kubernetes/admin.conf\n");
        script.Append(KubeletFilePermissions);
        script.Append(ControlPlaneCertificatePermissions);
        return script.ToString();
    }

    /// <summary>Runs <c>kubeadm join</c> (once); control-plane nodes then run kube-vip too when the endpoint is a virtual IP.</summary>
    public static string Join(bool controlPlane, string? kubeVipAddress)
    {
        var script = new StringBuilder(ShellScript.Header($"join the cluster as a {(controlPlane ? "control-plane node" : "worker")}"));
        script.Append($$"""
            if [ -f {{JoinedMarker}} ]; then
              echo "node already joined"
            elif [ -f /etc/kubernetes/kubelet.conf ]; then
              echo "an earlier kubeadm join stopped half-way: run 'kubeadm reset --force' on this node, then 'pulumi up --replace' on its files step and this step" >&2
              exit 1
            else
              kubeadm join --config {{KubeadmConfigPath}}
              touch {{JoinedMarker}}
            fi

            """);
        if (controlPlane && kubeVipAddress != null)
        {
            script.Append(KubeVipFunction(kubeVipAddress));
            script.Append("write_kube_vip /etc/kubernetes/admin.conf\n");
        }
        script.Append(KubeletFilePermissions);
        if (controlPlane) script.Append(ControlPlaneCertificatePermissions);
        return script.ToString();
    }

    /// <summary>Takes a node out of Kubernetes: <c>kubeadm reset</c> (which also removes a control-plane node's etcd
    /// member), then the CNI configuration and the platform's files.</summary>
    public static string Reset() => ShellScript.Header("reset the node (kubeadm reset) when it leaves the cluster") + """
        if command -v kubeadm >/dev/null 2>&1 && { [ -f /etc/kubernetes/kubelet.conf ] || [ -d /etc/kubernetes/manifests ]; }; then
          kubeadm reset --force
        fi
        rm -rf /etc/cni/net.d /etc/kubernetes/platform
        rm -f /etc/kubernetes/manifests/kube-vip.yaml

        """;

    /// <summary>
    /// On the first control-plane node: makes sure the bootstrap token read from standard input exists and is valid
    /// for at least another hour, so a node can join long after <c>kubeadm init</c>. Serialised with a lock, so
    /// nodes joining at once never delete each other's token.
    /// </summary>
    public static string EnsureBootstrapToken() => ShellScript.Header("make sure the bootstrap token on standard input is valid for a join") + $$"""
        export KUBECONFIG={{AdminKubeconfig}}
        # The token arrives without a trailing newline: read reports end of input, but has read it.
        read -r token || [ -n "${token:-}" ]
        id="${token%%.*}"
        exec 9>/run/platform-bootstrap-token.lock
        flock 9
        ttl="$(kubeadm token list 2>/dev/null | awk -v id="$id" 'index($1, id ".") == 1 {print $2}')"
        case "$ttl" in
          "<forever>") exit 0 ;;
          [1-9]*h|[1-9][0-9]*h) exit 0 ;;
        esac
        if [ -n "$ttl" ]; then
          kubeadm token delete "$id" >/dev/null
        fi
        kubeadm token create "$token" --ttl 2h >/dev/null

        """;

    /// <summary>
    /// On the first control-plane node, after a node joined: waits for it to register, approves its kubelet serving
    /// certificate requests (kubelet <c>serverTLSBootstrap</c>), and sets exactly the inventory's labels (labels the
    /// platform set earlier and the inventory no longer has are removed).
    /// </summary>
    public static string RegisterMember(string nodeName, IReadOnlyDictionary<string, string> labels, bool approveServingCertificates)
    {
        CheckName(nodeName);
        ArgumentNullException.ThrowIfNull(labels);
        var keys = labels.Keys.Order(StringComparer.Ordinal).ToList();
        var script = new StringBuilder(ShellScript.Header($"register node {nodeName}: serving certificate and labels"));
        script.Append($$"""
            export KUBECONFIG={{AdminKubeconfig}}
            node={{nodeName}}
            for _ in $(seq 1 60); do
              kubectl get node "$node" >/dev/null 2>&1 && break
              sleep 5
            done
            kubectl get node "$node" >/dev/null

            """);
        if (approveServingCertificates)
        {
            script.Append("""
                approve_serving_csrs() {
                  kubectl get csr --no-headers \
                    -o custom-columns=NAME:.metadata.name,SIGNER:.spec.signerName,USER:.spec.username,STATUS:.status.conditions \
                    | awk -v user="system:node:$node" '$2 == "kubernetes.io/kubelet-serving" && $3 == user && $4 == "<none>" {print $1}'
                }
                for _ in $(seq 1 24); do
                  pending="$(approve_serving_csrs)"
                  if [ -n "$pending" ]; then
                    echo "$pending" | xargs kubectl certificate approve
                    break
                  fi
                  if kubectl get csr --no-headers -o custom-columns=SIGNER:.spec.signerName,USER:.spec.username,STATUS:.status.conditions \
                    | awk -v user="system:node:$node" '$1 == "kubernetes.io/kubelet-serving" && $2 == user && $3 != "<none>" {found = 1} END {exit !found}'; then
                    break
                  fi
                  sleep 5
                done

                """);
        }
        script.Append(ShellScript.Invariant($"managed={ShellScript.Quote(string.Join(",", keys))}\n"));
        script.Append($$"""
            previous="$(kubectl get node "$node" -o jsonpath='{.metadata.annotations.platform/managed-labels}' 2>/dev/null || true)"
            for key in $(echo "$previous" | tr ',' ' '); do
              case ",$managed," in
                *",$key,"*) ;;
                *) kubectl label node "$node" "$key-" >/dev/null ;;
              esac
            done

            """);
        if (keys.Count > 0)
        {
            var pairs = string.Join(" ", keys.Select(k => ShellScript.Quote($"{k}={labels[k]}")));
            script.Append($"kubectl label node \"$node\" --overwrite {pairs} >/dev/null\n");
        }
        script.Append($"kubectl annotate node \"$node\" --overwrite \"{ManagedLabelsAnnotation}=$managed\" >/dev/null\n");
        return script.ToString();
    }

    /// <summary>On the first control-plane node, when a node leaves the inventory: drains it and deletes it from the cluster.</summary>
    public static string RemoveMember(string nodeName)
    {
        CheckName(nodeName);
        return ShellScript.Header($"drain node {nodeName} and delete it from the cluster") + $$"""
            export KUBECONFIG={{AdminKubeconfig}}
            node={{nodeName}}
            if kubectl get node "$node" >/dev/null 2>&1; then
              kubectl drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=15m
              kubectl delete node "$node"
            fi

            """;
    }

    /// <summary>
    /// Upgrades a control-plane node to <paramref name="kubernetesVersion"/> in kubeadm's order: kubeadm first, then
    /// <c>kubeadm upgrade apply</c> (the first control-plane node) or <c>kubeadm upgrade node</c> (the others), then
    /// drain, kubelet and kubectl, uncordon. Nothing happens when the node already runs that version; a jump of more
    /// than one minor version, or a downgrade, is refused.
    /// </summary>
    /// <param name="os">The node's operating system.</param>
    /// <param name="kubernetesVersion">The target version, MAJOR.MINOR.PATCH.</param>
    /// <param name="nodeName">The node's name.</param>
    /// <param name="first">Whether this is the first control-plane node (it runs <c>kubeadm upgrade apply</c>).</param>
    /// <param name="kubeProxy">Whether the cluster runs kube-proxy. When it does not, the upgrade skips kubeadm's
    /// <c>addon/kube-proxy</c> phase from 1.32 on: from then kubeadm's upgrades have phases, and no longer take a missing
    /// kube-proxy ConfigMap to mean that kube-proxy is not wanted (kubeadm before 1.32 does, and has no such phase).</param>
    public static string UpgradeControlPlane(NodeOperatingSystem os, string kubernetesVersion, string nodeName, bool first, bool kubeProxy = true)
    {
        var version = CheckVersion(kubernetesVersion);
        CheckName(nodeName);
        var skip = !kubeProxy && MinorOf(version) >= 32 ? " --skip-phases=addon/kube-proxy" : "";
        var script = new StringBuilder(ShellScript.Header($"upgrade control-plane node {nodeName} to Kubernetes {version}"));
        script.Append(ShellScript.Invariant($"TARGET={version}\nnode={nodeName}\nexport KUBECONFIG={AdminKubeconfig}\n"));
        script.Append(VersionGuard);
        script.Append(os == NodeOperatingSystem.Flatcar ? FlatcarSysextFunctions : UbuntuPackageFunctions);
        script.Append(os == NodeOperatingSystem.Flatcar ? "switch_kubernetes_sysext \"$TARGET\"\n" : "upgrade_packages kubeadm\n");
        script.Append(first ? $"kubeadm upgrade apply \"v$TARGET\" --yes{skip}\n" : $"kubeadm upgrade node{skip}\n");
        script.Append("kubectl drain \"$node\" --ignore-daemonsets --delete-emptydir-data --timeout=15m\n");
        script.Append(os == NodeOperatingSystem.Flatcar ? "" : "upgrade_packages kubelet kubectl\n");
        script.Append("systemctl daemon-reload\nsystemctl restart kubelet\nkubectl uncordon \"$node\"\n");
        script.Append(KubeletFilePermissions);
        script.Append(ControlPlaneCertificatePermissions);
        return script.ToString();
    }

    /// <summary>On the first control-plane node, before a worker's upgrade: drains the worker unless it already runs <paramref name="kubernetesVersion"/>.</summary>
    public static string DrainForUpgrade(string nodeName, string kubernetesVersion)
    {
        var version = CheckVersion(kubernetesVersion);
        CheckName(nodeName);
        return ShellScript.Header($"drain node {nodeName} before its upgrade to Kubernetes {version}") + $$"""
            export KUBECONFIG={{AdminKubeconfig}}
            node={{nodeName}}
            running="$(kubectl get node "$node" -o jsonpath='{.status.nodeInfo.kubeletVersion}')"
            if [ "$running" != "v{{version}}" ]; then
              kubectl drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=15m
            fi

            """;
    }

    /// <summary>Upgrades a drained worker: kubeadm, <c>kubeadm upgrade node</c>, then kubelet and kubectl. Nothing happens
    /// when it already runs <paramref name="kubernetesVersion"/>.</summary>
    public static string UpgradeWorker(NodeOperatingSystem os, string kubernetesVersion)
    {
        var version = CheckVersion(kubernetesVersion);
        var script = new StringBuilder(ShellScript.Header($"upgrade this worker to Kubernetes {version}"));
        script.Append(ShellScript.Invariant($"TARGET={version}\n"));
        script.Append(VersionGuard);
        script.Append(os == NodeOperatingSystem.Flatcar ? FlatcarSysextFunctions : UbuntuPackageFunctions);
        script.Append(os == NodeOperatingSystem.Flatcar ? "switch_kubernetes_sysext \"$TARGET\"\n" : "upgrade_packages kubeadm\n");
        script.Append("kubeadm upgrade node\n");
        script.Append(os == NodeOperatingSystem.Flatcar ? "" : "upgrade_packages kubelet kubectl\n");
        script.Append("systemctl daemon-reload\nsystemctl restart kubelet\n");
        script.Append(KubeletFilePermissions);
        return script.ToString();
    }

    /// <summary>On the first control-plane node, after a worker's upgrade: makes it schedulable again.</summary>
    public static string Uncordon(string nodeName)
    {
        CheckName(nodeName);
        return ShellScript.Header($"make node {nodeName} schedulable again after its upgrade") + $$"""
            export KUBECONFIG={{AdminKubeconfig}}
            kubectl uncordon {{nodeName}}

            """;
    }

    /// <summary>
    /// On the first control-plane node: makes the cluster's Service proxy what the configuration says, and is a no-op
    /// when it already is (as on a new cluster, whose <c>kubeadm init</c> installed kube-proxy or skipped it).
    /// <list type="bullet">
    /// <item>kube-proxy wanted and missing: kubeadm's own addon phase adds it from the kubeadm configuration on this node
    /// (<c>kubeadm init phase addon kube-proxy --config</c>), and the cluster's kubeadm configuration is uploaded again
    /// (<c>kubeadm init phase upload-config kubeadm</c>) so that it no longer says kube-proxy is disabled and later
    /// upgrades keep it current. Then it waits until kube-proxy runs on every node.</item>
    /// <item>kube-proxy not wanted and present: refused unless Cilium's kube-proxy replacement is on; then the
    /// kube-proxy DaemonSet goes (foreground deletion: the command returns once its pods are gone) and, after the
    /// cluster's kubeadm configuration is uploaded with kube-proxy disabled, its ConfigMap, so kubeadm upgrades do not
    /// install it again (Cilium's "Kubernetes Without kube-proxy" guide). Each node's iptables rules are removed by
    /// <see cref="RemoveKubeProxyRules"/>.</item>
    /// </list>
    /// The caller orders it so that Services always have a proxy: before the network plugin stops replacing kube-proxy,
    /// after it has started to.
    /// </summary>
    /// <param name="kubeProxy">Whether the cluster runs kube-proxy.</param>
    public static string ReconcileServiceProxy(bool kubeProxy)
    {
        var script = new StringBuilder(ShellScript.Header(kubeProxy
            ? "make kube-proxy the cluster's Service proxy (add it when it is missing)"
            : "remove kube-proxy once Cilium's kube-proxy replacement serves Services"));
        script.Append($"export KUBECONFIG={AdminKubeconfig}\n");
        script.Append(kubeProxy ? $$"""
            if [ -z "$(kubectl -n kube-system get daemonset kube-proxy --ignore-not-found -o name)" ]; then
              # The cluster's kubeadm configuration first: it no longer says kube-proxy is disabled, so upgrades keep it current.
              kubeadm init phase upload-config kubeadm --config {{KubeadmConfigPath}}
              kubeadm init phase addon kube-proxy --config {{KubeadmConfigPath}}
            fi
            kubectl -n kube-system rollout status daemonset/kube-proxy --timeout=10m

            """ : $$"""
            if [ -n "$(kubectl -n kube-system get daemonset kube-proxy --ignore-not-found -o name)" ]; then
              replacement="$(kubectl -n kube-system get configmap cilium-config --ignore-not-found -o jsonpath='{.data.kube-proxy-replacement}')"
              if [ "$replacement" != "true" ]; then
                echo "refusing to remove kube-proxy: Cilium's kube-proxy replacement is not on (cilium-config has kube-proxy-replacement '$replacement'), so nothing else would serve Services" >&2
                exit 1
              fi
              kubectl -n kube-system delete daemonset kube-proxy --cascade=foreground --timeout=10m
            fi
            if [ -n "$(kubectl -n kube-system get configmap kube-proxy --ignore-not-found -o name)" ]; then
              # The cluster's kubeadm configuration first: it says kube-proxy is disabled, which later kubeadm upgrades respect.
              kubeadm init phase upload-config kubeadm --config {{KubeadmConfigPath}}
              kubectl -n kube-system delete configmap kube-proxy
            fi

            """);
        return script.ToString();
    }

    /// <summary>
    /// On every node, once kube-proxy is gone: removes the iptables rules kube-proxy left behind, as Cilium's
    /// "Kubernetes Without kube-proxy" guide says to on each node (<c>iptables-save | grep -v KUBE | iptables-restore</c>),
    /// for each iptables backend on the host. Only where kube-proxy's own chains are still there; kubelet re-creates its
    /// own <c>KUBE-</c> chains by itself.
    /// </summary>
    public static string RemoveKubeProxyRules() => ShellScript.Header("remove the iptables rules kube-proxy left on this node") + """
        for tool in iptables iptables-nft iptables-legacy ip6tables ip6tables-nft ip6tables-legacy; do
          command -v "$tool-save" >/dev/null 2>&1 || continue
          rules="$("$tool-save" 2>/dev/null)" || continue
          if grep -Eq '^:KUBE-(SERVICES|PROXY-CANARY) ' <<<"$rules"; then
            grep -v KUBE <<<"$rules" | "$tool-restore" --wait
            echo "removed kube-proxy's rules ($tool)"
          fi
        done

        """;

    /// <summary>The delete step of a step that leaves nothing behind to undo (an upgrade is never reverted; a token expires).</summary>
    public static string NothingToUndo(string step, string reason) => ShellScript.Header($"delete step of '{step}': {reason}") +
        "echo \"nothing to undo\"\n";

    private static string Describe(NodeOperatingSystem os) => os switch
    {
        NodeOperatingSystem.Ubuntu2204 => "Ubuntu 22.04",
        NodeOperatingSystem.Ubuntu2404 => "Ubuntu 24.04",
        NodeOperatingSystem.Flatcar => "Flatcar Container Linux",
        _ => throw new ArgumentOutOfRangeException(nameof(os), os, "unknown operating system"),
    };

    private static string CheckVersion(string version)
    {
        var parts = version.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
            throw new ArgumentException($"A Kubernetes version is MAJOR.MINOR.PATCH, got '{version}'.", nameof(version));
        return version;
    }

    private static int MinorOf(string version) => int.Parse(version.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture);

    private static void CheckName(string nodeName)
    {
        if (nodeName.Length is 0 or > 63 || !nodeName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            throw new ArgumentException($"A node name is a DNS-1123 label, got '{nodeName}'.", nameof(nodeName));
    }

    private static string KubeVipFunction(string address)
    {
        if (!System.Net.IPAddress.TryParse(address, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            throw new ArgumentException($"kube-vip needs an IPv4 address, got '{address}'.", nameof(address));
        return $$"""
            # kube-vip holds the API's virtual IP on the interface that reaches it.
            write_kube_vip() {
              # The main table's route to the address, not `ip route get`: once kube-vip holds it, the address is local (lo).
              iface="$(ip -o -4 route show table main match {{address}} | awk '$1 != "default" {for (i = 1; i < NF; i++) if ($i == "dev") {print $(i + 1); exit } }')"
              if [ -z "$iface" ]; then
                iface="$(ip -o -4 route show table main default | awk '{for (i = 1; i < NF; i++) if ($i == "dev") {print $(i + 1); exit } }')"
              fi
              [ -n "$iface" ] || { echo "no interface reaches {{address}}" >&2; exit 1; }
              install -d -m 0700 /etc/kubernetes/manifests
              tmp="$(mktemp)"
              sed -e "s|@INTERFACE@|$iface|" -e "s|@KUBECONFIG@|$1|" {{KubeVipTemplatePath}} >"$tmp"
              if cmp -s "$tmp" /etc/kubernetes/manifests/kube-vip.yaml; then
                rm -f "$tmp"
              else
                install -m 0600 "$tmp" /etc/kubernetes/manifests/kube-vip.yaml
                rm -f "$tmp"
              fi
            }

            """;
    }

    private const string KernelSettings = """
        # Kernel modules and sysctls for container networking, plus the kernel defaults that kubelet's
        # protectKernelDefaults requires.
        cat >/etc/modules-load.d/platform-kubernetes.conf <<'EOF'
        overlay
        br_netfilter
        EOF
        modprobe overlay
        modprobe br_netfilter
        cat >/etc/sysctl.d/90-platform-kubernetes.conf <<'EOF'
        net.bridge.bridge-nf-call-iptables = 1
        net.bridge.bridge-nf-call-ip6tables = 1
        net.ipv4.ip_forward = 1
        vm.overcommit_memory = 1
        vm.panic_on_oom = 0
        kernel.panic = 10
        kernel.panic_on_oops = 1
        kernel.keys.root_maxkeys = 1000000
        kernel.keys.root_maxbytes = 25000000
        EOF
        sysctl --system >/dev/null

        # kubelet refuses to run with swap on.
        swapoff -a
        if grep -Eq '^[^#].*[[:space:]]swap[[:space:]]' /etc/fstab; then
          sed -Ei '/^[^#].*[[:space:]]swap[[:space:]]/s/^/# disabled for Kubernetes: /' /etc/fstab
        fi
        systemctl mask swap.target >/dev/null 2>&1 || true

        """;

    private const string UbuntuRuntime = """
        # containerd and runc from Ubuntu, with the systemd cgroup driver (what kubelet uses).
        export DEBIAN_FRONTEND=noninteractive
        if ! dpkg -s containerd runc conntrack socat curl gpg ca-certificates >/dev/null 2>&1; then
          apt-get update -q
          apt-get install -y -q containerd runc conntrack socat curl gpg ca-certificates
        fi
        install -d -m 0755 /etc/containerd
        if ! grep -q 'SystemdCgroup = true' /etc/containerd/config.toml 2>/dev/null; then
          containerd config default >/etc/containerd/config.toml
          sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml
          systemctl restart containerd
        fi
        systemctl enable --now containerd
        apt-mark hold containerd runc >/dev/null

        """;

    private const string FlatcarRuntime = """
        # containerd is part of Flatcar; make sure it uses the systemd cgroup driver.
        if ! grep -q 'SystemdCgroup = true' /usr/share/containerd/config.toml; then
          install -d -m 0755 /etc/containerd /etc/systemd/system/containerd.service.d
          sed 's/SystemdCgroup = false/SystemdCgroup = true/' /usr/share/containerd/config.toml >/etc/containerd/config.toml
          printf '[Service]\nEnvironment=CONTAINERD_CONFIG=/etc/containerd/config.toml\n' >/etc/systemd/system/containerd.service.d/10-platform.conf
          systemctl daemon-reload
          systemctl restart containerd
        fi
        systemctl enable --now containerd

        """;

    private const string UbuntuPackageFunctions = """
        # kubeadm, kubelet and kubectl come from the Kubernetes package repository of their minor version, pinned and held.
        use_kubernetes_repository() {
          minor="v$(echo "$1" | cut -d. -f1,2)"
          install -d -m 0755 /etc/apt/keyrings
          list="deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/$minor/deb/ /"
          if [ "$(cat /etc/apt/sources.list.d/kubernetes.list 2>/dev/null)" != "$list" ]; then
            curl -fsSL "https://pkgs.k8s.io/core:/stable:/$minor/deb/Release.key" | gpg --dearmor --yes -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg
            echo "$list" >/etc/apt/sources.list.d/kubernetes.list
          fi
          apt-get update -q
        }
        upgrade_packages() {
          use_kubernetes_repository "$TARGET"
          apt-mark unhold "$@" >/dev/null
          pins=()
          for package in "$@"; do pins+=("$package=$TARGET-*"); done
          apt-get install -y -q --allow-change-held-packages "${pins[@]}"
          apt-mark hold "$@" >/dev/null
        }

        """;

    private const string UbuntuInstall = """
        if ! dpkg -s kubeadm kubelet kubectl >/dev/null 2>&1; then
          TARGET="$K8S_VERSION"
          upgrade_packages kubeadm kubelet kubectl
        fi
        systemctl enable kubelet

        """;

    private const string FlatcarSysextFunctions = """
        # Kubernetes on Flatcar is a systemd-sysext image (Flatcar's sysext-bakery), pinned by the version in its name.
        switch_kubernetes_sysext() {
          case "$(uname -m)" in
            x86_64) arch=x86-64 ;;
            aarch64) arch=arm64 ;;
            *) echo "unsupported architecture $(uname -m)" >&2; exit 1 ;;
          esac
          image="/opt/extensions/kubernetes/kubernetes-v$1-$arch.raw"
          install -d -m 0755 /opt/extensions/kubernetes /etc/extensions
          if [ ! -f "$image" ]; then
            curl -fsSL --retry 5 -o "$image.download" "https://extensions.flatcar.org/extensions/kubernetes-v$1-$arch.raw"
            mv -f "$image.download" "$image"
          fi
          if [ "$(readlink /etc/extensions/kubernetes.raw 2>/dev/null)" != "$image" ]; then
            ln -sfn "$image" /etc/extensions/kubernetes.raw
            systemd-sysext refresh
            systemctl daemon-reload
          fi
        }

        """;

    private const string FlatcarInstall = """
        if [ ! -e /etc/extensions/kubernetes.raw ]; then
          switch_kubernetes_sysext "$K8S_VERSION"
        fi
        systemctl enable kubelet

        """;

    private const string KubeletFilePermissions = """
        # CIS 4.1.1, 4.1.2, 4.1.7, 4.1.9, 4.1.10: kubelet's unit files, its configuration and the cluster CA certificate
        # readable by root only (files on a read-only /usr, as on Flatcar, are left as they are).
        for file in /lib/systemd/system/kubelet.service /usr/lib/systemd/system/kubelet.service \
          /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf /etc/systemd/system/kubelet.service.d/10-kubeadm.conf \
          /var/lib/kubelet/config.yaml /etc/kubernetes/pki/ca.crt; do
          if [ -f "$file" ] && [ -w "$file" ]; then
            chmod 600 "$file"
            chown root:root "$file"
          fi
        done

        """;

    private const string ControlPlaneCertificatePermissions = """
        # CIS 1.1.20: every certificate under the PKI folder readable by root only (all its readers run as root).
        if [ -d /etc/kubernetes/pki ]; then
          find /etc/kubernetes/pki -name '*.crt' -exec chmod 600 {} +
        fi

        """;

    private const string VersionGuard = """
        running="$(kubelet --version | awk '{print $2}')"
        if [ "$running" = "v$TARGET" ]; then
          echo "already at v$TARGET"
          exit 0
        fi
        running_minor="$(echo "${running#v}" | cut -d. -f2)"
        target_minor="$(echo "$TARGET" | cut -d. -f2)"
        if [ "$target_minor" -lt "$running_minor" ]; then
          echo "refusing to downgrade from $running to v$TARGET" >&2
          exit 1
        fi
        if [ "$target_minor" -gt $((running_minor + 1)) ]; then
          echo "kubeadm upgrades one minor version at a time: from $running go to 1.$((running_minor + 1)).x first" >&2
          exit 1
        fi

        """;
}
