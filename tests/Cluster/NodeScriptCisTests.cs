using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Platform.Components.Cluster;
using Platform.Components.Cluster.Kubeadm;
using Platform.Components.Cluster.Scripts;
using Platform.Stacks.Configuration;
using Platform.Tests.Cluster.Scripts;
using static Platform.Tests.Cluster.Kubeadm.KubeadmDocuments;

namespace Platform.Tests.Cluster;

/// <summary>
/// One check per control in the node tables of components/Cluster/Kubeadm/CIS.md ("Satisfied by the node scripts" and
/// "Left to kubeadm: files"). Each check reads what kube-bench's cis-1.12 audit of the control reads, off a
/// <see cref="FakeHost"/> on which the rendered scripts have run a node's life: preparation, <c>kubeadm init</c> or
/// <c>join</c>, an upgrade to the next minor; for Ubuntu and Flatcar, a worker, the first and another control-plane
/// node. The stand-in kubeadm leaves its files with the modes kubeadm gives them (the kubelet configuration written
/// anew, 0644, by every run), so the second table's checks show that no script loosens what kubeadm gets right.
/// Ownership is what the scripts' <c>chown</c> calls made it; everything else is root's (kubeadm and the scripts run as
/// root).
/// </summary>
[UnsupportedOSPlatform("windows")]
public class NodeScriptCisTests
{
    private static readonly string[] Sections = ["## Satisfied by the node scripts", "## Left to kubeadm: files"];

    /// <summary>kube-bench's kubelet service files, in its order (cfg/config.yaml, node.kubelet.svc): it audits the first
    /// that exists, else the first of the list (<c>defaultsvc</c>).</summary>
    private static readonly string[] KubeletServiceFiles =
    [
        "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf", "/etc/systemd/system/kubelet.service",
        "/lib/systemd/system/kubelet.service", "/etc/systemd/system/snap.kubelet.daemon.service",
        "/etc/systemd/system/snap.microk8s.daemon-kubelet.service", "/etc/systemd/system/atomic-openshift-node.service",
        "/etc/systemd/system/origin-node.service",
    ];

    private const string SysextDropIn = "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf";
    private const string EtcdDataDir = "/var/lib/etcd";
    private const string Pki = "/etc/kubernetes/pki";
    private const string KubeletConfig = "/var/lib/kubelet/config.yaml";
    private const string ClusterCa = "/etc/kubernetes/pki/ca.crt";

    private static readonly Lazy<IReadOnlyList<Audit>> Lives = new(NodeLife.All);

    private static IEnumerable<Audit> AfterKubeadm => Lives.Value.Where(a => a.Step != "prepare");

    private static IEnumerable<Audit> ControlPlanes => AfterKubeadm.Where(a => a.ControlPlane);

    private static readonly Dictionary<string, Action> Checks = new()
    {
        // Satisfied by the node scripts.
        ["1.1.12"] = () =>
        {
            // The folder the scripts give etcd is the one kubeadm's etcd uses: the ClusterConfiguration leaves
            // etcd.local.dataDir at kubeadm's default.
            foreach (var version in SupportedVersions())
                Assert.Null(Find(Init(version)[1], "etcd"));
            Assert.All(ControlPlanes, a =>
            {
                Assert.Equal("etcd:etcd", a.Owner(EtcdDataDir));
                Assert.True(a.Resolves("passwd", "etcd") && a.Resolves("group", "etcd"), $"{a}: no etcd account");
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, a.Files[EtcdDataDir].Mode);
            });
            // Flatcar has the account; Ubuntu gets it once, on its first control-plane step.
            Assert.All(Lives.Value.Where(a => a.Os == NodeOperatingSystem.Flatcar || a.Step == "upgrade"),
                a => Assert.DoesNotContain(a.Calls, c => c.StartsWith("useradd", StringComparison.Ordinal) || c.StartsWith("groupadd", StringComparison.Ordinal)));
            Assert.All(AfterKubeadm.Where(a => !a.ControlPlane), a => Assert.False(a.Files.ContainsKey(EtcdDataDir)));
            Assert.All(AfterKubeadm.Where(a => !a.ControlPlane), a => Assert.DoesNotContain(a.Calls, c => c.Contains("etcd", StringComparison.Ordinal)));
        },
        ["1.1.20"] = () => Assert.All(ControlPlanes, a =>
            Assert.All(a.Under(Pki).Where(p => p.EndsWith(".crt", StringComparison.Ordinal)), p => AssertAtMost(a, p, "644"))),
        ["4.1.1"] = () => Assert.All(Lives.Value, a =>
        {
            AssertAtMost(a, a.KubeletService, "600");
            if (a.Os == NodeOperatingSystem.Flatcar)
            {
                // /usr is read-only on Flatcar (not in the fake): the file kube-bench reads must be one under /etc,
                // and kubelet must still run as the sysext says.
                Assert.Equal(KubeletServiceFiles[0], a.KubeletService);
                Assert.Equal(a.Files[SysextDropIn].Content, a.Files[KubeletServiceFiles[0]].Content);
            }
        }),
        ["4.1.2"] = () => Assert.All(Lives.Value, a => Assert.Equal("root:root", a.Owner(a.KubeletService))),
        ["4.1.7"] = () => Assert.All(AfterKubeadm, a => AssertAtMost(a, ClusterCa, "644")),
        ["4.1.9"] = () => Assert.All(AfterKubeadm, a => AssertAtMost(a, KubeletConfig, "600")),
        ["4.1.10"] = () => Assert.All(AfterKubeadm, a => Assert.Equal("root:root", a.Owner(KubeletConfig))),

        // Left to kubeadm: files.
        ["1.1.1"] = () => Assert.All(ControlPlanes, a => AssertAtMost(a, "/etc/kubernetes/manifests/kube-apiserver.yaml", "600")),
        ["1.1.2"] = () => Assert.All(ControlPlanes, a => Assert.Equal("root:root", a.Owner("/etc/kubernetes/manifests/kube-apiserver.yaml"))),
        ["1.1.3"] = () => Assert.All(ControlPlanes, a => AssertAtMost(a, "/etc/kubernetes/manifests/kube-controller-manager.yaml", "600")),
        ["1.1.4"] = () => Assert.All(ControlPlanes, a => Assert.Equal("root:root", a.Owner("/etc/kubernetes/manifests/kube-controller-manager.yaml"))),
        ["1.1.5"] = () => Assert.All(ControlPlanes, a => AssertAtMost(a, "/etc/kubernetes/manifests/kube-scheduler.yaml", "600")),
        ["1.1.6"] = () => Assert.All(ControlPlanes, a => Assert.Equal("root:root", a.Owner("/etc/kubernetes/manifests/kube-scheduler.yaml"))),
        ["1.1.7"] = () => Assert.All(ControlPlanes, a => AssertAtMost(a, "/etc/kubernetes/manifests/etcd.yaml", "600")),
        ["1.1.8"] = () => Assert.All(ControlPlanes, a => Assert.Equal("root:root", a.Owner("/etc/kubernetes/manifests/etcd.yaml"))),
        ["1.1.11"] = () => Assert.All(ControlPlanes, a => AssertAtMost(a, EtcdDataDir, "700")),
        ["1.1.13"] = () => Assert.All(ControlPlanes, a =>
        {
            AssertAtMost(a, "/etc/kubernetes/admin.conf", "600");
            if (a.Files.ContainsKey("/etc/kubernetes/super-admin.conf")) AssertAtMost(a, "/etc/kubernetes/super-admin.conf", "600");
        }),
        ["1.1.14"] = () => Assert.All(ControlPlanes, a =>
        {
            Assert.Equal("root:root", a.Owner("/etc/kubernetes/admin.conf"));
            Assert.Equal("root:root", a.Owner("/etc/kubernetes/super-admin.conf"));
        }),
        ["1.1.15"] = () => Assert.All(ControlPlanes, a => AssertAtMost(a, "/etc/kubernetes/scheduler.conf", "600")),
        ["1.1.16"] = () => Assert.All(ControlPlanes, a => Assert.Equal("root:root", a.Owner("/etc/kubernetes/scheduler.conf"))),
        ["1.1.17"] = () => Assert.All(ControlPlanes, a => AssertAtMost(a, "/etc/kubernetes/controller-manager.conf", "600")),
        ["1.1.18"] = () => Assert.All(ControlPlanes, a => Assert.Equal("root:root", a.Owner("/etc/kubernetes/controller-manager.conf"))),
        ["1.1.19"] = () => Assert.All(ControlPlanes, a =>
        {
            Assert.Contains(Pki, a.Files.Keys);
            Assert.All(a.Under(Pki).Append(Pki), p => Assert.Equal("root:root", a.Owner(p)));
        }),
        ["1.1.21"] = () => Assert.All(ControlPlanes, a =>
        {
            var keys = a.Under(Pki).Where(p => p.EndsWith(".key", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(keys);
            Assert.All(keys, p => AssertAtMost(a, p, "600"));
        }),
        ["4.1.5"] = () => Assert.All(AfterKubeadm, a => AssertAtMost(a, "/etc/kubernetes/kubelet.conf", "600")),
        ["4.1.6"] = () => Assert.All(AfterKubeadm, a => Assert.Equal("root:root", a.Owner("/etc/kubernetes/kubelet.conf"))),
        ["4.1.8"] = () => Assert.All(AfterKubeadm, a => Assert.Equal("root:root", a.Owner(ClusterCa))),
    };

    private static IReadOnlyList<string> DocumentedIds()
    {
        var ids = new List<string>();
        var inSection = false;
        foreach (var line in File.ReadLines(Path.Combine(Harness.RepoRoot.Path, "components", "Cluster", "Kubeadm", "CIS.md")))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
                inSection = Sections.Contains(line.Trim());
            else if (inSection && Regex.Match(line, @"^\| `([0-9.]+)` \|") is { Success: true } row)
                ids.Add(row.Groups[1].Value);
        }
        return ids;
    }

    public static TheoryData<string> Controls() => new(DocumentedIds());

    [Fact]
    public void Every_control_the_page_assigns_to_the_node_scripts_has_a_check()
    {
        var documented = DocumentedIds();
        Assert.Equal(documented.Count, documented.Distinct().Count());
        Assert.Equal(documented.Order(StringComparer.Ordinal), Checks.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public void The_node_scripts_satisfy_the_control(string id) => Checks[id]();

    [Fact]
    public void Every_life_ran_each_of_its_steps()
    {
        // Six lives of three steps: the checks above are not vacuous.
        Assert.Equal(18, Lives.Value.Count);
        Assert.Equal(8, ControlPlanes.Count());
        Assert.Equal(4, AfterKubeadm.Count(a => !a.ControlPlane));
    }

    [Fact]
    public void On_flatcar_the_drop_in_follows_the_sysext_before_the_upgrade_restarts_kubelet()
    {
        var upgrades = Lives.Value.Where(a => a.Os == NodeOperatingSystem.Flatcar && a.Step == "upgrade").ToList();
        Assert.Equal(3, upgrades.Count);
        Assert.All(upgrades, a =>
        {
            Assert.Contains($"kubernetes-v{NodeLife.To}", a.Files[KubeletServiceFiles[0]].Content, StringComparison.Ordinal);
            // Copied right after the sysext switch: the upgrade's own restart is the only one, after the copy.
            var systemctl = a.Calls.Where(c => c.StartsWith("systemctl ", StringComparison.Ordinal)).ToList();
            Assert.Equal(["systemctl restart kubelet"], systemctl.Where(c => c.Contains("kubelet", StringComparison.Ordinal) && c.Contains("restart", StringComparison.Ordinal)));
        });
        // On Ubuntu kube-bench reads the package's own unit, which the scripts make root's only: nothing is copied.
        Assert.All(Lives.Value.Where(a => a.Os != NodeOperatingSystem.Flatcar), a =>
        {
            Assert.Equal("/lib/systemd/system/kubelet.service", a.KubeletService);
            Assert.False(a.Files.ContainsKey(KubeletServiceFiles[0]));
        });
    }

    [Fact]
    public void A_second_flatcar_preparation_copies_nothing_and_changes_nothing()
    {
        using var host = new FakeHost();
        var life = new NodeLife(host, NodeOperatingSystem.Flatcar, controlPlane: false).Setup();
        var prepare = NodeScripts.Prepare(NodeOperatingSystem.Flatcar, NodeLife.From, TestRuntime.Current);
        var first = life.Run(prepare);
        // Copied and reloaded, never restarted: the copy says what kubelet runs with already.
        Assert.Equal(["systemctl enable kubelet", "systemctl daemon-reload"], first.CallsOf("systemctl").TakeLast(2));
        Assert.Empty(first.CallsOf("systemctl try-restart", "systemctl restart kubelet"));
        var before = host.Snapshot();

        var again = host.Run(prepare);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(again.CallsOf("systemctl daemon-reload", "systemctl try-restart", "systemd-sysext"));
        Assert.Equal(before, host.Snapshot());
    }

    [Fact]
    public void A_second_init_makes_no_second_etcd_account_and_changes_nothing()
    {
        using var host = new FakeHost();
        var life = new NodeLife(host, NodeOperatingSystem.Ubuntu2404, controlPlane: true).Setup();
        life.WriteInitFiles();
        var init = NodeScripts.InitFirstControlPlane(null);
        var first = life.Run(init);
        Assert.Equal(
            ["groupadd --system etcd", "useradd --system --gid etcd --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin etcd", "chown -R etcd:etcd /var/lib/etcd"],
            first.CallsOf("groupadd", "useradd", "chown -R"));
        Assert.Equal("etcd:x:999:999::/nonexistent:/usr/sbin/nologin\n", host.Read("/etc/passwd"));
        var before = host.Snapshot();

        var again = host.Run(init);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(again.CallsOf("useradd", "groupadd", "kubeadm"));
        Assert.Equal(["chown -R etcd:etcd /var/lib/etcd"], again.CallsOf("chown -R"));
        Assert.Equal(before, host.Snapshot());
    }

    /// <summary>kube-bench's <c>bitmask</c> comparison: the file's permission bits are all among <paramref name="octal"/>'s.</summary>
    private static void AssertAtMost(Audit audit, string path, string octal)
    {
        Assert.True(audit.Files.TryGetValue(path, out var entry), $"{audit}: no {path}");
        var allowed = (UnixFileMode)Convert.ToInt32(octal, 8);
        Assert.True((entry.Mode & ~allowed) == 0, $"{audit}: {path} is {Convert.ToString((int)entry.Mode, 8)}, more than {octal}");
    }

    private static IEnumerable<string> SupportedVersions() => KubernetesVersions.Minors.Select(m => m.NewestPatch.ToString());

    /// <summary>A file or folder on the node.</summary>
    private sealed record Entry(UnixFileMode Mode, string? Content);

    /// <summary>What kube-bench's file audits see on a node after one step of its life.</summary>
    private sealed record Audit(
        NodeOperatingSystem Os, string Role, string Step, bool ControlPlane, IReadOnlyDictionary<string, Entry> Files,
        IReadOnlyDictionary<string, string> Owners, string KubeletService, IReadOnlyList<string> Calls, IReadOnlySet<string> Accounts)
    {
        public string Owner(string path) => Owners.GetValueOrDefault(path, "root:root");

        public IEnumerable<string> Under(string folder) => Files.Keys.Where(p => p.StartsWith(folder + "/", StringComparison.Ordinal));

        /// <summary>Whether <c>getent</c> finds <paramref name="name"/> in <paramref name="database"/>.</summary>
        public bool Resolves(string database, string name) => Accounts.Contains($"{database}:{name}");

        public override string ToString() => $"{Os} {Role}, after {Step}";
    }

    /// <summary>A node's life on a fake host: the scripts of each step, run in order, with stand-ins for the
    /// operating system's packages or sysext and for kubeadm.</summary>
    private sealed class NodeLife(FakeHost host, NodeOperatingSystem os, bool controlPlane)
    {
        public static readonly string From = KubernetesVersions.Minors[^2].NewestPatch.ToString();
        public static readonly string To = KubernetesVersions.Minors[^1].NewestPatch.ToString();

        private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);

        /// <summary>What kubeadm leaves: control-plane manifests, kubeconfigs, certificates (0644), keys and the etcd
        /// data folder on control-plane nodes; the kubelet's kubeconfig and configuration and the CA certificate on
        /// every node. An upgrade writes the manifests and the kubelet configuration again, and etcd goes on writing.</summary>
        private const string Kubeadm = """
            k="$ROOT/etc/kubernetes"
            put() { mode="$1"; shift; for f in "$@"; do install -d "$(dirname "$f")"; echo "by kubeadm $*" >"$f"; chmod "$mode" "$f"; done; }
            control_plane() {
              put 600 "$k"/manifests/{kube-apiserver,kube-controller-manager,kube-scheduler,etcd}.yaml "$k"/{admin,controller-manager,scheduler}.conf
              put 644 "$k"/pki/{apiserver,apiserver-kubelet-client,apiserver-etcd-client,front-proxy-client}.crt "$k"/pki/etcd/{server,peer,healthcheck-client}.crt
              put 600 "$k"/pki/{apiserver,apiserver-kubelet-client,apiserver-etcd-client,front-proxy-client}.key "$k"/pki/etcd/{server,peer,healthcheck-client}.key
              install -d -m 0700 "$ROOT/var/lib/etcd" "$ROOT/var/lib/etcd/member" "$ROOT/var/lib/etcd/member/snap"
              put 600 "$ROOT/var/lib/etcd/member/snap/db"
            }
            kubelet() {
              put 600 "$k/kubelet.conf"
              put 644 "$ROOT/var/lib/kubelet/config.yaml"
              if [ ! -f "$k/pki/ca.crt" ]; then put 644 "$k/pki/ca.crt"; fi
            }
            case "$1" in
              init) control_plane; put 600 "$k/super-admin.conf"; kubelet ;;
              join) if grep -q '^controlPlane:' "$k/platform/kubeadm.yaml"; then control_plane; fi; kubelet ;;
              upgrade)
                put 644 "$ROOT/var/lib/kubelet/config.yaml"
                if [ -d "$k/manifests" ]; then put 600 "$k"/manifests/{kube-apiserver,kube-controller-manager,kube-scheduler,etcd}.yaml; fi
                if [ -d "$ROOT/var/lib/etcd/member" ]; then install -d -m 0700 "$ROOT/var/lib/etcd/member/wal"; put 600 "$ROOT/var/lib/etcd/member/wal/1.wal"; fi ;;
              *) echo "unexpected: kubeadm $*" >&2; exit 2 ;;
            esac
            """;

        /// <summary>Ubuntu's packages: dpkg knows what apt-get installed; the kubelet package brings its unit and the
        /// kubeadm package the kubeadm drop-in, both 0644 as dpkg unpacks them (on every upgrade too).</summary>
        private const string AptGet = """
            while [ "${1:-}" = -o ]; do shift 2; done
            if [ "$1" = install ]; then
              for arg in "$@"; do
                case "$arg" in
                  -*|install) ;;
                  *) package="${arg%%=*}"; echo "$package" >>"$FAKE/installed"
                     case "$package" in
                       containerd) version="${arg#containerd=}"; echo "${version%%-*}" >"$FAKE/containerd-version" ;;
                       kubelet) version="${arg#kubelet=}"; echo "${version%-\*}" >"$FAKE/kubelet-version"
                                install -d "$ROOT/usr/lib/systemd/system"; echo "[Service] $arg" >"$ROOT/usr/lib/systemd/system/kubelet.service"
                                chmod 644 "$ROOT/usr/lib/systemd/system/kubelet.service" ;;
                       kubeadm) install -d "$ROOT/usr/lib/systemd/system/kubelet.service.d"; echo "[Service] $arg" >"$ROOT/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf"
                                chmod 644 "$ROOT/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf" ;;
                     esac ;;
                esac
              done
            fi
            """;

        /// <summary>Flatcar's systemd-sysext: a refresh merges the linked Kubernetes image, whose kubelet unit and
        /// kubeadm drop-in (naming its version) appear under /usr, 0644; the image's kubelet reports that version.</summary>
        private const string Sysext = """
            [ "$1" = refresh ] || exit 0
            image="$(readlink "$ROOT/etc/extensions/kubernetes.raw")"
            version="${image##*kubernetes-v}"; version="${version%-x86-64.raw}"
            echo "$version" >"$FAKE/kubelet-version"
            units="$ROOT/usr/lib/systemd/system"
            install -d "$units/kubelet.service.d"
            printf '[Service]\nExecStart=/usr/bin/kubelet\n' >"$units/kubelet.service"
            printf '# sysext kubernetes-v%s\n[Service]\nExecStart=\nExecStart=/usr/bin/kubelet $KUBELET_KUBEADM_ARGS\n' "$version" >"$units/kubelet.service.d/10-kubeadm.conf"
            chmod 644 "$units/kubelet.service" "$units/kubelet.service.d/10-kubeadm.conf"
            """;

        /// <summary>Every life, each on a host of its own (in parallel: they share nothing), in a stable order.</summary>
        public static IReadOnlyList<Audit> All() =>
            new[] { NodeOperatingSystem.Ubuntu2404, NodeOperatingSystem.Flatcar }
                .SelectMany(os => new[] { KubernetesNodeRole.Worker, KubernetesNodeRole.FirstControlPlane, KubernetesNodeRole.ControlPlane }.Select(role => (os, role)))
                .AsParallel().AsOrdered()
                .SelectMany(life =>
                {
                    using var host = new FakeHost();
                    return new NodeLife(host, life.os, life.role != KubernetesNodeRole.Worker).Setup().Live(life.role);
                })
                .ToList();

        /// <summary>Prepares the node, brings it into the cluster and upgrades it, auditing after each step.</summary>
        private IReadOnlyList<Audit> Live(KubernetesNodeRole role)
        {
            var audits = new List<Audit>();
            audits.Add(Audit(role, "prepare", Run(NodeScripts.Prepare(os, From, TestRuntime.Current))));
            string kubeadm;
            if (role == KubernetesNodeRole.FirstControlPlane)
            {
                WriteInitFiles();
                kubeadm = NodeScripts.InitFirstControlPlane(null);
            }
            else
            {
                WritePlatformPki();
                var node = controlPlane ? ControlPlane() with { Name = "cp-2" } : Worker();
                host.Write(NodeScripts.KubeadmConfigPath, KubeadmConfigRenderer.RenderJoin(ClusterSpec(From), node, Discovery()), UnixFileMode.UserRead | UnixFileMode.UserWrite);
                kubeadm = NodeScripts.Join(controlPlane, null);
            }
            audits.Add(Audit(role, role == KubernetesNodeRole.FirstControlPlane ? "init" : "join", Run(kubeadm)));
            if (controlPlane) EtcdSnapshotRunTests.WithRunningEtcd(host);
            var upgrade = controlPlane
                ? NodeScripts.UpgradeControlPlane(os, To, TestRuntime.Current, role == KubernetesNodeRole.FirstControlPlane ? "cp-1" : "cp-2", role == KubernetesNodeRole.FirstControlPlane)
                : NodeScripts.UpgradeWorker(os, To, TestRuntime.Current, "w-1");
            audits.Add(Audit(role, "upgrade", Run(upgrade)));
            return audits;
        }

        public NodeLife Setup()
        {
            host.Fake("kubeadm", Kubeadm);
            host.Fake("kubelet", """[ "$*" = --version ] && echo "Kubernetes v$(cat "$FAKE/kubelet-version")" """);
            // The version the node's kubelet reports to the API: the one installed, in these lives.
            host.Fake("kubectl", """
            case "$*" in
              *"get node "*" -o jsonpath={.status.nodeInfo.kubeletVersion}") echo "v$(cat "$FAKE/kubelet-version")" ;;
            esac
            """);
            foreach (var folder in new[] { "/etc/modules-load.d", "/etc/sysctl.d" }) host.CreateFolder(folder);
            host.Write("/etc/fstab", "");
            // Both systems have a merged /usr: /lib is /usr/lib.
            host.CreateFolder("/usr/lib");
            File.CreateSymbolicLink(host.PathOf("/lib"), "usr/lib");
            if (os == NodeOperatingSystem.Flatcar)
            {
                host.Fake("systemd-sysext", Sysext);
                // The sysext image and its release's SHA256SUMS (with the image's checksum).
                host.Fake("curl", Scripts.FlatcarSysextFake.Curl);
                host.Fake("containerd", """[ "$*" = --version ] && echo "containerd github.com/containerd/containerd/v2 v2.2.0 1234abcd" """);
                // Flatcar's system accounts (flatcar/baselayout), found through nss usrfiles.
                host.Write("/usr/share/baselayout/passwd", "root:x:0:0:root:/root:/bin/bash\netcd:x:232:232::/dev/null:/sbin/nologin\n");
                host.Write("/usr/share/baselayout/group", "root:x:0:\netcd:x:232:\n");
                host.Fake("getent", """
                    { cat "$ROOT/etc/$1" "$ROOT/usr/share/baselayout/$1" 2>/dev/null || true; } | grep "^$2:" || exit 2
                    """);
            }
            else
            {
                host.Fake("apt-get", AptGet);
                host.Fake("dpkg", """
                    [ "$1" = -s ] || exit 2
                    shift
                    for package in "$@"; do grep -qx "$package" "$FAKE/installed" 2>/dev/null || exit 1; done
                    """);
                host.Fake("containerd", """[ "$*" = --version ] && echo "containerd github.com/containerd/containerd/v2 v$(cat "$FAKE/containerd-version") 1234abcd" """);
                host.Fake("apt-cache", """printf 'containerd:\n  Candidate: 2.2.1-0ubuntu1~24.04.3\n'""");
                host.CreateFolder("/etc/apt/sources.list.d");
            }
            return this;
        }

        /// <summary>The first control-plane node's files before <c>kubeadm init</c> (InstallFiles): its kubeadm
        /// configuration and the platform's PKI.</summary>
        public void WriteInitFiles()
        {
            WritePlatformPki();
            host.Write(NodeScripts.KubeadmConfigPath, KubeadmConfigRenderer.RenderInit(ClusterSpec(From), ControlPlane(), Token), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        /// <summary>Runs <paramref name="script"/>, which must succeed, and follows its <c>chown</c> calls.</summary>
        public ScriptRun Run(string script)
        {
            var run = host.Run(script);
            Assert.True(run.ExitCode == 0, run.ToString());
            var entries = Entries();
            foreach (var call in run.CallsOf("chown"))
            {
                var words = call.Split(' ').Skip(1).ToList();
                var recursive = words[0] == "-R";
                if (recursive) words.RemoveAt(0);
                foreach (var target in words.Skip(1))
                    foreach (var path in entries.Keys.Where(p => p == target || (recursive && p.StartsWith(target + "/", StringComparison.Ordinal))).Append(target))
                        _owners[path] = words[0];
            }
            return run;
        }

        /// <summary>The platform's PKI as InstallFiles leaves it on control-plane nodes: every file 0600.</summary>
        private void WritePlatformPki()
        {
            if (!controlPlane) return;
            foreach (var file in new[] { "ca.crt", "ca.key", "front-proxy-ca.crt", "front-proxy-ca.key", "etcd/ca.crt", "etcd/ca.key", "sa.key", "sa.pub" })
                host.Write($"{Pki}/{file}", "by the platform\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        private Audit Audit(KubernetesNodeRole role, string step, ScriptRun run)
        {
            var service = KubeletServiceFiles.FirstOrDefault(f => File.Exists(host.PathOf(f))) ?? KubeletServiceFiles[0];
            var files = new Dictionary<string, Entry>(Entries(), StringComparer.Ordinal);
            if (File.Exists(host.PathOf(service))) files[service] = new Entry(File.GetUnixFileMode(host.PathOf(service)), File.ReadAllText(host.PathOf(service)));
            var accounts = new HashSet<string>(StringComparer.Ordinal);
            foreach (var database in new[] { "passwd", "group" })
                foreach (var file in new[] { $"/etc/{database}", $"/usr/share/baselayout/{database}" })
                    if (host.Exists(file))
                        foreach (var line in File.ReadAllLines(host.PathOf(file)))
                            accounts.Add($"{database}:{line.Split(':')[0]}");
            return new Audit(os, role.ToString(), step, controlPlane, files, new Dictionary<string, string>(_owners, StringComparer.Ordinal), service, run.Calls, accounts);
        }

        /// <summary>Every file and folder on the node but /tmp, by the path the node sees (/lib only as /usr/lib).</summary>
        private Dictionary<string, Entry> Entries()
        {
            var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
            foreach (var path in Directory.EnumerateFileSystemEntries(host.Root, "*", options))
            {
                var node = path[host.Root.Length..];
                if (node.StartsWith("/tmp/", StringComparison.Ordinal)) continue;
                var isFile = File.Exists(path);
                entries[node] = new Entry(File.GetUnixFileMode(path), isFile ? File.ReadAllText(path) : null);
            }
            return entries;
        }
    }
}
