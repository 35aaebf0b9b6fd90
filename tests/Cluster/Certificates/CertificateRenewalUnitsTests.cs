using System.Globalization;
using System.Runtime.Versioning;
using Platform.Components.Cluster.Certificates;
using Platform.Components.Cluster.Scripts;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Validation;

namespace Platform.Tests.Cluster.Certificates;

/// <summary>
/// The renewal service and timer, decoded by systemd's unit syntax and verified by <c>systemd-analyze verify</c>; the
/// timers of a cluster's control-plane nodes never let two renewals overlap (1, 3, 5 and the most control-plane nodes
/// there can be), and an inventory with more is a configuration error.
/// </summary>
[UnsupportedOSPlatform("windows")]
public class CertificateRenewalUnitsTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public void The_service_is_a_oneshot_run_of_the_renewal_script_with_a_timeout_and_its_own_journal_name()
    {
        var service = SystemdUnit.Parse(CertificateRenewalUnits.Service());

        Assert.Equal(["Service", "Unit"], service.Sections.Order(StringComparer.Ordinal));
        Assert.Equal("oneshot", service.Single("Service", "Type"));
        Assert.Equal(NodeScripts.CertificateRenewalScript, service.Single("Service", "ExecStart"));
        Assert.Equal(TimeSpan.FromMinutes(75), SystemdUnit.TimeSpanOf(service.Single("Service", "TimeoutStartSec")));
        Assert.Equal(CertificateRenewalUnits.Name, service.Single("Service", "SyslogIdentifier"));
        Assert.Contains("kubelet.service", service.Single("Unit", "After").Split(' '));
        // No [Install]: only the timer starts it.
        Assert.DoesNotContain("Install", service.Sections);
    }

    [Theory]
    [InlineData(0, 1, "02:00")]
    [InlineData(0, 3, "02:00")]
    [InlineData(1, 3, "10:00")]
    [InlineData(2, 3, "18:00")]
    [InlineData(4, 5, "21:12")]
    public void The_timer_fires_daily_in_the_node_slot_persistently_with_a_random_delay(int position, int count, string at)
    {
        var timer = SystemdUnit.Parse(CertificateRenewalUnits.Timer(CertificateRenewalSchedule.For(position, count)));

        Assert.Equal($"*-*-* {at}:00 UTC", timer.Single("Timer", "OnCalendar"));
        Assert.Equal("true", timer.Single("Timer", "Persistent"));
        Assert.Equal(TimeSpan.FromMinutes(15), SystemdUnit.TimeSpanOf(timer.Single("Timer", "RandomizedDelaySec")));
        Assert.Equal(TimeSpan.FromMinutes(1), SystemdUnit.TimeSpanOf(timer.Single("Timer", "AccuracySec")));
        Assert.Equal("timers.target", timer.Single("Install", "WantedBy"));
        // The timer starts the service of its own name.
        Assert.Empty(timer.All("Timer", "Unit"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(15)]
    public void No_two_control_planes_can_renew_at_the_same_time(int count)
    {
        Assert.Equal(15, CertificateRenewalSchedule.MaxControlPlanes);
        var service = SystemdUnit.Parse(CertificateRenewalUnits.Service());
        var timeout = SystemdUnit.TimeSpanOf(service.Single("Service", "TimeoutStartSec"));
        // Each node's renewal runs from its timer's time, plus the random delay and the accuracy, for up to the timeout.
        var windows = Enumerable.Range(0, count).Select(position =>
        {
            var timer = SystemdUnit.Parse(CertificateRenewalUnits.Timer(CertificateRenewalSchedule.For(position, count)));
            var start = StartOf(timer.Single("Timer", "OnCalendar"));
            var length = SystemdUnit.TimeSpanOf(timer.Single("Timer", "RandomizedDelaySec")) + SystemdUnit.TimeSpanOf(timer.Single("Timer", "AccuracySec")) + timeout;
            return (Start: start, Length: length);
        }).OrderBy(w => w.Start).ToList();

        Assert.Equal(count, windows.Select(w => w.Start).Distinct().Count());
        for (var i = 0; i < windows.Count; i++)
        {
            // The next window on the day's circle (the first one again, tomorrow, after the last).
            var next = i + 1 < windows.Count ? windows[i + 1].Start : windows[0].Start + Day;
            Assert.True(windows[i].Start + windows[i].Length < next,
                $"the renewal window from {windows[i].Start} ({windows[i].Length}) reaches the next one at {next} ({count} control planes)");
        }
    }

    [Fact]
    public void A_schedule_outside_the_day_slots_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CertificateRenewalSchedule.For(0, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => CertificateRenewalSchedule.For(3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => CertificateRenewalSchedule.For(0, 0));
    }

    [Fact]
    public void More_control_planes_than_the_day_has_renewal_slots_is_a_configuration_error()
    {
        var nodes = string.Join(", ", Enumerable.Range(1, 17).Select(i => $$"""{"name": "cp-{{i}}", "address": "10.0.0.{{10 + i}}", "role": "control-plane"}"""));
        var exception = ValidConfig.Problems(values =>
        {
            values["nodes"] = $"[{nodes}]";
            values["apiEndpoint"] = "10.0.0.10";
        });

        var problem = Assert.Single(exception.Problems);
        Assert.Equal("platform:nodes", problem.Key);
        Assert.Contains("has 17 control-plane nodes. Each renews its certificates in a slot of the day of its own", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Use at most 15 control-plane nodes", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 3)]
    [InlineData(14, 15)]
    public void Systemd_verifies_the_units(int position, int count)
    {
        var units = new Dictionary<string, string>
        {
            [CertificateRenewalUnits.Name + ".service"] = CertificateRenewalUnits.Service(),
            [CertificateRenewalUnits.Name + ".timer"] = CertificateRenewalUnits.Timer(CertificateRenewalSchedule.For(position, count)),
        };
        var script = new Dictionary<string, string> { [NodeScripts.CertificateRenewalScript] = NodeScripts.RenewCertificates("cp-1") };

        Assert.Equal("", SystemdAnalyze.Findings(units, script));
    }

    [Fact]
    public void Systemd_analyze_finds_a_bad_unit()
    {
        var units = new Dictionary<string, string>
        {
            [CertificateRenewalUnits.Name + ".service"] = CertificateRenewalUnits.Service(),
            [CertificateRenewalUnits.Name + ".timer"] = CertificateRenewalUnits.Timer(CertificateRenewalSchedule.For(0, 1)).Replace("02:00:00", "26:00:00", StringComparison.Ordinal),
        };

        Assert.Contains("Failed to parse calendar specification", SystemdAnalyze.Findings(units, new Dictionary<string, string> { [NodeScripts.CertificateRenewalScript] = "#!/bin/sh\n" }), StringComparison.Ordinal);
    }

    [Fact]
    public void The_parser_reads_systemd_syntax_and_refuses_what_is_not()
    {
        var unit = SystemdUnit.Parse("# comment\n[Service]\n; also a comment\nExecStartPre=/bin/a \\\n  --flag\nExecStartPre=/bin/b\n Environment = A=1 \nExecStartPre=\nExecStartPre=/bin/c\n");

        Assert.Equal(["/bin/c"], unit.All("Service", "ExecStartPre"));
        Assert.Equal("A=1", unit.Single("Service", "Environment"));
        Assert.Throws<FormatException>(() => SystemdUnit.Parse("Type=oneshot\n"));
        Assert.Throws<FormatException>(() => SystemdUnit.Parse("[Service]\nnot an assignment\n"));
        Assert.Throws<FormatException>(() => SystemdUnit.Parse("[Service]\n[Service]\n"));
        Assert.Equal(TimeSpan.FromMinutes(90), SystemdUnit.TimeSpanOf("1h 30min"));
        Assert.Equal(TimeSpan.FromSeconds(20), SystemdUnit.TimeSpanOf("20"));
        Assert.Throws<FormatException>(() => SystemdUnit.TimeSpanOf("soon"));
        Assert.Equal("/bin/a    --flag", SystemdUnit.Parse("[S]\nX=/bin/a \\\n  --flag\n").Single("S", "X"));
    }

    private static TimeSpan StartOf(string onCalendar)
    {
        var fields = onCalendar.Split(' ');
        Assert.Equal(["*-*-*", "UTC"], new[] { fields[0], fields[2] });
        return TimeSpan.ParseExact(fields[1], @"hh\:mm\:ss", CultureInfo.InvariantCulture);
    }
}
