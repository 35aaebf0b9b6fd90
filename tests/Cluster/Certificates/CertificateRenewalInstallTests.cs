using System.Runtime.Versioning;
using Platform.Components.Cluster.Certificates;
using Platform.Components.Cluster.Scripts;
using Platform.Tests.Cluster.Scripts;
using Platform.Tests.Validation;

namespace Platform.Tests.Cluster.Certificates;

/// <summary>
/// The step that installs a control-plane node's renewal script, service and timer, on a <see cref="FakeHost"/> whose
/// systemctl keeps the units' enabled and active states: what it writes and starts, that a second run changes nothing,
/// that a new slot is written and takes effect, and that the node's reset and clean-up remove the units.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class CertificateRenewalInstallTests : IDisposable
{
    private const string Timer = CertificateRenewalUnits.Name + ".timer";

    /// <summary>systemctl with the enabled and active states of units as files in <c>$FAKE</c>.</summary>
    private const string Systemctl = """
        unit="${*: -1}"
        case "$1" in
          is-enabled) [ -f "$FAKE/enabled-$unit" ] ;;
          is-active) [ -f "$FAKE/active-$unit" ] ;;
          enable) touch "$FAKE/enabled-$unit"; [ "$2" != --now ] || touch "$FAKE/active-$unit" ;;
          disable) rm -f "$FAKE/enabled-$unit"; [ "$2" != --now ] || rm -f "$FAKE/active-$unit" ;;
          restart) touch "$FAKE/active-$unit" ;;
          daemon-reload|list-timers|list-unit-files) ;;
          *) echo "unexpected: systemctl $*" >&2; exit 2 ;;
        esac
        """;

    private readonly FakeHost _host = new();

    public CertificateRenewalInstallTests() => _host.Fake("systemctl", Systemctl);

    public void Dispose() => _host.Dispose();

    private bool Enabled => File.Exists(Path.Combine(_host.State, "enabled-" + Timer));

    private bool Active => File.Exists(Path.Combine(_host.State, "active-" + Timer));

    [Fact]
    public void The_step_writes_the_script_and_units_starts_the_timer_and_a_second_run_changes_nothing()
    {
        var schedule = CertificateRenewalSchedule.For(1, 3);

        var run = _host.Run(NodeScripts.InstallCertificateRenewal("cp-2", schedule));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(NodeScripts.RenewCertificates("cp-2"), _host.Read(NodeScripts.CertificateRenewalScript));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, _host.Mode(NodeScripts.CertificateRenewalScript));
        var service = SystemdUnit.Parse(_host.Read(CertificateRenewalUnits.ServicePath));
        Assert.Equal(NodeScripts.CertificateRenewalScript, service.Single("Service", "ExecStart"));
        var timer = SystemdUnit.Parse(_host.Read(CertificateRenewalUnits.TimerPath));
        Assert.Equal("*-*-* 10:00:00 UTC", timer.Single("Timer", "OnCalendar"));
        var readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        Assert.Equal(readable, _host.Mode(CertificateRenewalUnits.ServicePath));
        Assert.Equal(readable, _host.Mode(CertificateRenewalUnits.TimerPath));
        Assert.Equal(["systemctl daemon-reload", $"systemctl restart {Timer}", $"systemctl enable --now {Timer}"],
            run.CallsOf("systemctl").Where(c => !c.Contains("is-", StringComparison.Ordinal) && !c.Contains("list-timers", StringComparison.Ordinal)));
        Assert.True(Enabled && Active);

        var snapshot = _host.Snapshot();
        var again = _host.Run(NodeScripts.InstallCertificateRenewal("cp-2", schedule));

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(snapshot, _host.Snapshot());
        Assert.DoesNotContain(again.CallsOf("systemctl"), c => c is "systemctl daemon-reload" || c.StartsWith("systemctl restart", StringComparison.Ordinal) || c.StartsWith("systemctl enable", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_slot_is_written_and_the_timer_restarted_into_it()
    {
        Assert.True(_host.Run(NodeScripts.InstallCertificateRenewal("cp-2", CertificateRenewalSchedule.For(1, 3))).ExitCode == 0);

        var run = _host.Run(NodeScripts.InstallCertificateRenewal("cp-2", CertificateRenewalSchedule.For(1, 5)));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("*-*-* 06:48:00 UTC", SystemdUnit.Parse(_host.Read(CertificateRenewalUnits.TimerPath)).Single("Timer", "OnCalendar"));
        Assert.Equal(["systemctl daemon-reload", $"systemctl restart {Timer}"],
            run.CallsOf("systemctl").Where(c => c is "systemctl daemon-reload" || c.StartsWith("systemctl restart", StringComparison.Ordinal) || c.StartsWith("systemctl enable", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_timer_someone_disabled_is_enabled_again()
    {
        Assert.True(_host.Run(NodeScripts.InstallCertificateRenewal("cp-1", CertificateRenewalSchedule.For(0, 1))).ExitCode == 0);
        File.Delete(Path.Combine(_host.State, "enabled-" + Timer));

        var run = _host.Run(NodeScripts.InstallCertificateRenewal("cp-1", CertificateRenewalSchedule.For(0, 1)));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"systemctl enable --now {Timer}", run.Calls);
        Assert.True(Enabled);
    }

    [Fact]
    public void The_node_reset_removes_the_units_and_the_script_and_finds_nothing_to_do_the_second_time()
    {
        Assert.True(_host.Run(NodeScripts.InstallCertificateRenewal("cp-1", CertificateRenewalSchedule.For(0, 1))).ExitCode == 0);

        var run = _host.Run(NodeScripts.Reset());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(_host.Exists(CertificateRenewalUnits.TimerPath));
        Assert.False(_host.Exists(CertificateRenewalUnits.ServicePath));
        Assert.False(_host.Exists(NodeScripts.CertificateRenewalScript));
        Assert.False(Enabled || Active);
        Assert.Equal([$"systemctl disable --now {Timer}", "systemctl daemon-reload"], run.CallsOf("systemctl"));

        var again = _host.Run(NodeScripts.Reset());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(again.CallsOf("systemctl"));
    }

    [Fact]
    public void The_clean_up_of_a_node_removes_the_units_too()
    {
        Assert.True(_host.Run(NodeScripts.InstallCertificateRenewal("cp-1", CertificateRenewalSchedule.For(0, 1))).ExitCode == 0);

        var run = _host.Run(NodeScripts.CleanUp());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(_host.Exists(CertificateRenewalUnits.TimerPath));
        Assert.False(_host.Exists(CertificateRenewalUnits.ServicePath));
        Assert.False(_host.Exists(NodeScripts.CertificateRenewalScript));
        Assert.Contains($"systemctl disable --now {Timer}", run.Calls);
        Assert.False(Enabled || Active);
    }
}
