using System.Runtime.Versioning;
using System.Text.Json;
using Platform.Components.Cluster;
using Platform.Components.Cluster.Reboots;
using Platform.Components.Cluster.Scripts;

namespace Platform.Tests.Cluster.Scripts;

/// <summary>
/// Coordinated reboots on a <see cref="FakeHost"/>: Flatcar's locksmithd switched off by the prepare step and back by
/// the clean-up step (<c>/etc/flatcar/update.conf</c>), kured's reboot sentinel check as it runs on the host, and the
/// upgrade steps holding kured's reboot lock while they take nodes out.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class RebootRunTests : IDisposable
{
    private const string UpdateConf = "/etc/flatcar/update.conf";

    private const string Marker = "# Platform: kured reboots this node; locksmithd stays off";

    private const string Created = "2026-12-01T02:10:00Z";

    private readonly FakeHost _host = new();

    public void Dispose() => _host.Dispose();

    private void FlatcarHost()
    {
        _host.Fake("containerd", """[ "$*" = --version ] && echo "containerd github.com/containerd/containerd/v2 v2.2.0 1234abcd" """);
        _host.Fake("curl", FlatcarSysextFake.Curl);
        foreach (var folder in new[] { "/etc/modules-load.d", "/etc/sysctl.d" }) _host.CreateFolder(folder);
        _host.Write("/etc/fstab", "");
    }

    private static string Prepare() => NodeScripts.Prepare(NodeOperatingSystem.Flatcar, "1.36.2", TestRuntime.Current);

    [Fact]
    public void Preparing_flatcar_turns_locksmithd_off_once_and_a_second_run_changes_nothing()
    {
        FlatcarHost();

        var first = _host.Run(Prepare());

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(Marker + "\nREBOOT_STRATEGY=off\n", _host.Read(UpdateConf));
        Assert.Equal(["systemctl list-unit-files locksmithd.service", "systemctl stop locksmithd.service"], first.CallsOf("systemctl list-unit-files", "systemctl stop"));
        // The update engine itself is left alone: it keeps downloading and staging updates.
        Assert.DoesNotContain(first.Calls, c => c.Contains("update-engine", StringComparison.Ordinal) || c.Contains("mask locksmithd", StringComparison.Ordinal));

        var before = _host.Snapshot();
        var second = _host.Run(Prepare());

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(second.CallsOf("systemctl stop", "systemctl list-unit-files"));
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void A_strategy_the_host_had_is_kept_commented_out_and_the_clean_up_restores_the_file_as_it_was()
    {
        FlatcarHost();
        const string Original = "GROUP=stable\nREBOOT_STRATEGY=\"etcd-lock\"\nLOCKSMITHD_REBOOT_WINDOW_START=\"Thu 04:00\"\n";
        _host.Write(UpdateConf, Original);

        Assert.Equal(0, _host.Run(Prepare()).ExitCode);
        Assert.Equal("GROUP=stable\n#platform-kept: REBOOT_STRATEGY=\"etcd-lock\"\nLOCKSMITHD_REBOOT_WINDOW_START=\"Thu 04:00\"\n" + Marker + "\nREBOOT_STRATEGY=off\n",
            _host.Read(UpdateConf));
        // An operator who adds a strategy of their own later gets it turned off again by the next run, and kept.
        File.AppendAllText(_host.PathOf(UpdateConf), "REBOOT_STRATEGY=reboot\n");
        Assert.Equal(0, _host.Run(Prepare()).ExitCode);
        Assert.Equal("GROUP=stable\n#platform-kept: REBOOT_STRATEGY=\"etcd-lock\"\nLOCKSMITHD_REBOOT_WINDOW_START=\"Thu 04:00\"\n#platform-kept: REBOOT_STRATEGY=reboot\n" + Marker + "\nREBOOT_STRATEGY=off\n",
            _host.Read(UpdateConf));

        _host.Fake("systemctl", """[ "$*" = "is-enabled locksmithd.service" ] && echo enabled || true""");
        var cleanUp = _host.Run(NodeScripts.CleanUp());

        Assert.True(cleanUp.ExitCode == 0, cleanUp.ToString());
        Assert.Equal(Original + "REBOOT_STRATEGY=reboot\n", _host.Read(UpdateConf));
        Assert.Contains("systemctl restart locksmithd.service", cleanUp.Calls);

        var before = _host.Snapshot();
        var again = _host.Run(NodeScripts.CleanUp());
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("systemctl restart locksmithd.service", again.Calls);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void The_clean_up_removes_an_update_conf_only_the_prepare_step_wrote_and_leaves_a_masked_locksmithd_masked()
    {
        FlatcarHost();
        Assert.Equal(0, _host.Run(Prepare()).ExitCode);
        _host.Fake("systemctl", """[ "$*" = "is-enabled locksmithd.service" ] && echo masked || true""");

        var cleanUp = _host.Run(NodeScripts.CleanUp());

        Assert.True(cleanUp.ExitCode == 0, cleanUp.ToString());
        Assert.False(_host.Exists(UpdateConf));
        Assert.DoesNotContain("systemctl restart locksmithd.service", cleanUp.Calls);
    }

    [Fact]
    public void The_clean_up_of_a_host_the_platform_did_not_touch_leaves_its_update_conf_alone()
    {
        _host.Write(UpdateConf, "REBOOT_STRATEGY=reboot\n");

        var cleanUp = _host.Run(NodeScripts.CleanUp());

        Assert.True(cleanUp.ExitCode == 0, cleanUp.ToString());
        Assert.Equal("REBOOT_STRATEGY=reboot\n", _host.Read(UpdateConf));
        Assert.DoesNotContain(cleanUp.Calls, c => c.Contains("locksmithd", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, null, 1)]
    [InlineData(true, null, 0)]
    [InlineData(false, "UPDATE_STATUS_IDLE", 1)]
    [InlineData(false, "UPDATE_STATUS_UPDATED_NEED_REBOOT", 0)]
    [InlineData(true, "UPDATE_STATUS_IDLE", 0)]
    public void The_sentinel_check_says_reboot_for_ubuntus_file_or_flatcars_staged_update_and_no_otherwise(bool rebootRequired, string? updateEngine, int exitCode)
    {
        if (rebootRequired) _host.Write("/run/reboot-required", "*** System restart required ***\n");
        if (updateEngine is not null)
        {
            // update_engine_client -status as on Flatcar.
            _host.Fake("update_engine_client", $"""
                [ "$*" = -status ] || exit 2
                printf 'LAST_CHECKED_TIME=1764552000\nPROGRESS=0.000000\nCURRENT_OP={updateEngine}\nNEW_VERSION=4459.2.1\nNEW_SIZE=0\n'
                """);
        }

        var run = _host.Run(KuredValues.SentinelCheck + "\n");

        // kured: 0 means "reboot", 1 "no reboot", anything else is logged as a misconfigured check.
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Kureds_sentinel_command_is_the_check_as_one_argument_of_the_hosts_shell()
    {
        // kured splits the command like a POSIX shell (google/shlex): inside double quotes only \, " and $ are special.
        Assert.Equal("/bin/sh -c \"" + KuredValues.SentinelCheck + "\"", KuredValues.SentinelCommand);
        Assert.DoesNotContain(KuredValues.SentinelCheck, c => c is '"' or '\\' or '$' or '`');
        // The chart writes it unquoted into a YAML list item: no ": " or " #" may end the plain scalar early.
        Assert.DoesNotContain(": ", KuredValues.SentinelCommand, StringComparison.Ordinal);
        Assert.DoesNotContain(" #", KuredValues.SentinelCommand, StringComparison.Ordinal);
    }

    /// <summary>kubectl for worker w-1 and kured's DaemonSet: the node's cordon and annotation, and the DaemonSet's
    /// resourceVersion (<c>$FAKE/rv</c>) and lock annotation (<c>$FAKE/lock</c>), written only at the version read, as the
    /// API server does.</summary>
    private const string LockKubectl = """
        lock_path='jsonpath={.metadata.resourceVersion} {.metadata.annotations.weave\.works/kured-node-lock}'
        bump() { echo $(($(cat "$FAKE/rv") + 1)) >"$FAKE/rv"; }
        case "$*" in
          "get node w-1 -o jsonpath={.spec.unschedulable}") [ -f "$FAKE/cordoned" ] && printf true || true ;;
          "get node w-1 -o jsonpath={.metadata.annotations.platform/cordoned-for-upgrade}") cat "$FAKE/annotation" 2>/dev/null || true ;;
          "get nodes -o jsonpath={.items[*].metadata.annotations.platform/cordoned-for-upgrade}") cat "$FAKE/annotation" "$FAKE/other-annotation" 2>/dev/null || true ;;
          "annotate node w-1 --overwrite platform/cordoned-for-upgrade="*) args="$*"; echo "${args##*=}" >"$FAKE/annotation" ;;
          "annotate node w-1 platform/cordoned-for-upgrade-") rm -f "$FAKE/annotation" ;;
          "drain w-1 "*) [ -n "$(cat "$FAKE/lock" 2>/dev/null)" ] || { echo "drained without the lock" >&2; exit 3; }; touch "$FAKE/cordoned" ;;
          "get node w-1") ;;
          "uncordon w-1") rm -f "$FAKE/cordoned" ;;
          "get node w-1 -o jsonpath={.status.nodeInfo.kubeletVersion}") echo v1.35.4 ;;
          "-n kured get daemonset kured --ignore-not-found -o name") echo daemonset.apps/kured ;;
          "-n kured get daemonset kured -o $lock_path"|"-n kured get daemonset kured --ignore-not-found -o $lock_path")
            printf '%s %s' "$(cat "$FAKE/rv")" "$(cat "$FAKE/lock" 2>/dev/null || true)" ;;
          "-n kured annotate daemonset kured --overwrite --resource-version="*)
            if [ -f "$FAKE/conflicts" ] && [ "$(cat "$FAKE/conflicts")" -gt 0 ]; then
              echo $(($(cat "$FAKE/conflicts") - 1)) >"$FAKE/conflicts"; bump
            fi
            [ "$7" = "--resource-version=$(cat "$FAKE/rv")" ] || { echo "Operation cannot be fulfilled: the object has been modified" >&2; exit 1; }
            printf '%s' "${8#weave.works/kured-node-lock=}" >"$FAKE/lock"; bump ;;
          "-n kured annotate daemonset kured --resource-version="*" weave.works/kured-node-lock-")
            [ "$6" = "--resource-version=$(cat "$FAKE/rv")" ] || { echo "Operation cannot be fulfilled" >&2; exit 1; }
            rm -f "$FAKE/lock"; bump ;;
          *) echo "unexpected: kubectl $*" >&2; exit 2 ;;
        esac
        """;

    private void KuredCluster(string? lockHolder = null)
    {
        _host.Fake("kubectl", LockKubectl);
        _host.Fake("date", $"""[ "$*" = "-u +%Y-%m-%dT%H:%M:%SZ" ] && echo {Created}""");
        File.WriteAllText(Path.Combine(_host.State, "rv"), "41\n");
        if (lockHolder is not null)
            File.WriteAllText(Path.Combine(_host.State, "lock"), $$"""{"nodeID":"{{lockHolder}}","metadata":{"unschedulable":false},"created":"2026-12-01T02:00:00Z","TTL":0}""");
    }

    private string? Lock() => File.Exists(Path.Combine(_host.State, "lock")) ? File.ReadAllText(Path.Combine(_host.State, "lock")) : null;

    [Fact]
    public void An_upgrade_holds_kureds_reboot_lock_from_its_drain_until_the_node_is_uncordoned()
    {
        KuredCluster();

        var drain = _host.Run(NodeScripts.DrainForUpgrade("w-1", "1.36.2"));

        Assert.True(drain.ExitCode == 0, drain.ToString());
        // The lock as kured's daemonsetlock reads it: JSON with the holder, the time taken and a TTL in nanoseconds.
        using (var value = JsonDocument.Parse(Lock()!))
        {
            var root = value.RootElement;
            Assert.Equal(NodeScripts.RebootLockHolder, root.GetProperty("nodeID").GetString());
            Assert.False(root.GetProperty("metadata").GetProperty("unschedulable").GetBoolean());
            Assert.Equal(DateTimeOffset.Parse(Created, System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("created").GetDateTimeOffset());
            Assert.Equal(TimeSpan.FromHours(1).Ticks * 100, root.GetProperty("TTL").GetInt64());
        }
        var annotate = drain.Calls.ToList().FindIndex(c => c.StartsWith("kubectl -n kured annotate daemonset kured --overwrite --resource-version=41 ", StringComparison.Ordinal));
        Assert.True(annotate >= 0 && annotate < drain.Calls.ToList().FindIndex(c => c.StartsWith("kubectl drain w-1", StringComparison.Ordinal)), drain.ToString());

        var uncordon = _host.Run(NodeScripts.Uncordon("w-1", "1.36.2"));

        Assert.True(uncordon.ExitCode == 0, uncordon.ToString());
        Assert.Null(Lock());
        Assert.Contains("kubectl -n kured annotate daemonset kured --resource-version=42 weave.works/kured-node-lock-", uncordon.Calls);
    }

    [Fact]
    public void The_lock_stays_while_another_node_of_the_wave_is_still_cordoned_for_its_upgrade()
    {
        KuredCluster();
        File.WriteAllText(Path.Combine(_host.State, "other-annotation"), "1.36.2");
        Assert.Equal(0, _host.Run(NodeScripts.DrainForUpgrade("w-1", "1.36.2")).ExitCode);

        var uncordon = _host.Run(NodeScripts.Uncordon("w-1", "1.36.2"));

        Assert.True(uncordon.ExitCode == 0, uncordon.ToString());
        Assert.Contains(NodeScripts.RebootLockHolder, Lock(), StringComparison.Ordinal);
        Assert.DoesNotContain(uncordon.Calls, c => c.Contains("kured-node-lock-", StringComparison.Ordinal));
    }

    [Fact]
    public void An_upgrade_waits_for_a_reboot_in_progress_and_takes_the_lock_once_kured_releases_it()
    {
        KuredCluster(lockHolder: "w-2");
        // kured's pod on w-2 releases the lock once w-2 is back, during the upgrade's first wait.
        _host.Fake("sleep", """[ "$*" = 30 ] && rm -f "$FAKE/lock" """);

        var drain = _host.Run(NodeScripts.DrainForUpgrade("w-1", "1.36.2"));

        Assert.True(drain.ExitCode == 0, drain.ToString());
        Assert.Equal(["sleep 30"], drain.CallsOf("sleep"));
        Assert.Contains($"\"nodeID\":\"{NodeScripts.RebootLockHolder}\"", Lock(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_upgrade_that_kured_keeps_waiting_for_half_an_hour_stops_before_it_drains_with_the_holder_and_the_way_out()
    {
        KuredCluster(lockHolder: "cp-2");

        var drain = _host.Run(NodeScripts.DrainForUpgrade("w-1", "1.36.2"));

        Assert.Equal(1, drain.ExitCode);
        Assert.Equal(60, drain.CallsOf("sleep").Count);
        Assert.StartsWith("kured holds its reboot lock for node cp-2 (annotation weave.works/kured-node-lock on daemonset kured/kured) and has not released it in 30 minutes", drain.Errors, StringComparison.Ordinal);
        Assert.Contains("kubectl -n kured annotate daemonset kured weave.works/kured-node-lock-", drain.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(drain.Calls, c => c.StartsWith("kubectl drain", StringComparison.Ordinal) || c.StartsWith("kubectl annotate node", StringComparison.Ordinal));
        Assert.Contains("\"nodeID\":\"cp-2\"", Lock(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lock_written_between_the_read_and_the_write_is_read_again_not_overwritten()
    {
        KuredCluster();
        // The DaemonSet changes once after it is read (its status, say): the first write is refused.
        File.WriteAllText(Path.Combine(_host.State, "conflicts"), "1");

        var drain = _host.Run(NodeScripts.DrainForUpgrade("w-1", "1.36.2"));

        Assert.True(drain.ExitCode == 0, drain.ToString());
        Assert.Equal(2, drain.Calls.Count(c => c.StartsWith("kubectl -n kured annotate daemonset kured --overwrite", StringComparison.Ordinal)));
        Assert.Contains(NodeScripts.RebootLockHolder, Lock(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wave_whose_drains_refresh_the_same_lock_at_once_goes_on_with_the_lock_held()
    {
        // Another drain of the wave refreshes the upgrade's lock between each read and write: the lock is the
        // upgrade's either way, so the write that loses the race is not retried until it gives up.
        KuredCluster(lockHolder: NodeScripts.RebootLockHolder);
        File.WriteAllText(Path.Combine(_host.State, "conflicts"), "20");

        var drain = _host.Run(NodeScripts.DrainForUpgrade("w-1", "1.36.2"));

        Assert.True(drain.ExitCode == 0, drain.ToString());
        Assert.Equal(1, drain.Calls.Count(c => c.StartsWith("kubectl -n kured annotate daemonset kured --overwrite", StringComparison.Ordinal)));
        Assert.Contains("kubectl drain w-1 --ignore-daemonsets --delete-emptydir-data --timeout=15m", drain.Calls);
    }

    [Fact]
    public void A_node_leaving_the_inventory_is_drained_holding_the_lock_and_releases_it_after()
    {
        KuredCluster();

        var leave = _host.Run(NodeScripts.Leave("w-1", "10.0.1.11", controlPlane: false, dead: false));

        Assert.True(leave.ExitCode == 0, leave.ToString());
        var calls = leave.Calls.ToList();
        var take = calls.FindIndex(c => c.StartsWith("kubectl -n kured annotate daemonset kured --overwrite", StringComparison.Ordinal));
        var drain = calls.FindIndex(c => c.StartsWith("kubectl drain w-1 ", StringComparison.Ordinal));
        Assert.True(take >= 0 && take < drain, leave.ToString());
        Assert.Null(Lock());
    }

    [Fact]
    public void A_control_plane_upgrade_takes_the_lock_before_kubeadm_changes_anything()
    {
        var script = NodeScripts.UpgradeControlPlane(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current, "cp-1", first: true);
        var lines = script.Split('\n').ToList();

        var hold = lines.IndexOf("hold_reboot_lock");
        Assert.True(hold > 0, "the control-plane upgrade takes kured's lock");
        Assert.True(hold < lines.FindIndex(l => l.StartsWith("kubeadm upgrade apply", StringComparison.Ordinal) || l.Contains("etcdctl", StringComparison.Ordinal)), script);
        Assert.True(hold > lines.FindIndex(l => l.Contains("already at v", StringComparison.Ordinal)), "a node at the target takes no lock");
    }
}
