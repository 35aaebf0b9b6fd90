using System.Text.RegularExpressions;
using Platform.Components.Cluster;
using Platform.Components.Cluster.Scripts;
using Platform.Tests.Harness;

namespace Platform.Tests.Cluster;

/// <summary>One check per control in the "Satisfied by the node scripts" table of components/Cluster/Kubeadm/CIS.md.</summary>
public class NodeScriptCisTests
{
    private const string Section = "## Satisfied by the node scripts";

    private static readonly string[] KubeletFiles =
    [
        "/lib/systemd/system/kubelet.service", "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf",
        "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf",
    ];

    /// <summary>Scripts after which the files exist and must have their modes: preparation, init, joins and upgrades.</summary>
    private static IEnumerable<string> EveryNodeScript() =>
    [
        NodeScripts.Prepare(NodeOperatingSystem.Ubuntu2404, "1.33.5", TestRuntime.Current), NodeScripts.InitFirstControlPlane(null),
        NodeScripts.Join(controlPlane: false, null), NodeScripts.Join(controlPlane: true, null),
        NodeScripts.UpgradeWorker(NodeOperatingSystem.Ubuntu2404, "1.34.1", TestRuntime.Current),
        NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Ubuntu2404, "1.34.1", TestRuntime.Current, "cp-1", first: true),
    ];

    private static IEnumerable<string> ControlPlaneScripts() =>
    [
        NodeScripts.InitFirstControlPlane("10.0.0.10"), NodeScripts.Join(controlPlane: true, null),
        NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Flatcar, "1.34.1", TestRuntime.Current, "cp-2", first: false),
    ];

    private static readonly Dictionary<string, Action> Checks = new()
    {
        ["4.1.1"] = () => Assert.All(EveryNodeScript(), s => Assert.All(KubeletFiles, f => Assert.Contains(f, s, StringComparison.Ordinal))),
        ["4.1.2"] = () => Assert.All(EveryNodeScript(), s => Assert.Contains("chown root:root \"$file\"", s, StringComparison.Ordinal)),
        ["4.1.7"] = () => Assert.All(EveryNodeScript(), s => Assert.Contains("/etc/kubernetes/pki/ca.crt; do", s, StringComparison.Ordinal)),
        ["4.1.9"] = () => Assert.All(EveryNodeScript(), s =>
        {
            Assert.Contains("/var/lib/kubelet/config.yaml", s, StringComparison.Ordinal);
            Assert.Contains("chmod 600 \"$file\"", s, StringComparison.Ordinal);
        }),
        ["4.1.10"] = () => Assert.All(EveryNodeScript(), s => Assert.Contains("chown root:root \"$file\"", s, StringComparison.Ordinal)),
        ["1.1.20"] = () =>
        {
            Assert.All(ControlPlaneScripts(), s => Assert.Contains("find /etc/kubernetes/pki -name '*.crt' -exec chmod 600 {} +", s, StringComparison.Ordinal));
            Assert.DoesNotContain("find /etc/kubernetes/pki", NodeScripts.Join(controlPlane: false, null), StringComparison.Ordinal);
        },
    };

    private static IReadOnlyList<string> DocumentedIds()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot.Path, "components", "Cluster", "Kubeadm", "CIS.md"));
        return lines.SkipWhile(l => l != Section).Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => Regex.Match(l, @"^\| `([0-9.]+)` \|")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
    }

    public static TheoryData<string> Controls() => new(DocumentedIds());

    [Fact]
    public void Every_control_the_page_assigns_to_the_node_scripts_has_a_check()
        => Assert.Equal(DocumentedIds().Order(), Checks.Keys.Order());

    [Theory]
    [MemberData(nameof(Controls))]
    public void The_node_scripts_satisfy_the_control(string id) => Checks[id]();
}
