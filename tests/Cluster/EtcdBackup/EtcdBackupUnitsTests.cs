using System.Runtime.Versioning;
using Platform.Components.Backup;
using Platform.Components.Cluster.EtcdBackup;
using Platform.Tests.Harness;
using Platform.Tests.Validation;

namespace Platform.Tests.Cluster.EtcdBackup;

/// <summary>The backup service and timer, decoded by systemd's unit syntax and verified by <c>systemd-analyze verify</c>.</summary>
[UnsupportedOSPlatform("windows")]
public class EtcdBackupUnitsTests
{
    [Fact]
    public void The_service_is_a_oneshot_run_of_the_backup_script_with_a_timeout_and_its_own_journal_name()
    {
        var service = SystemdUnit.Parse(EtcdBackupUnits.Service());

        Assert.Equal(["Service", "Unit"], service.Sections.Order(StringComparer.Ordinal));
        Assert.Equal("oneshot", service.Single("Service", "Type"));
        Assert.Equal(EtcdBackupScripts.BackupScriptPath, service.Single("Service", "ExecStart"));
        Assert.Equal(TimeSpan.FromMinutes(50), SystemdUnit.TimeSpanOf(service.Single("Service", "TimeoutStartSec")));
        Assert.Equal(EtcdBackupUnits.Name, service.Single("Service", "SyslogIdentifier"));
        Assert.Contains("containerd.service", service.Single("Unit", "After").Split(' '));
        Assert.DoesNotContain("Install", service.Sections);
    }

    [Theory]
    [InlineData(EtcdBackupFrequency.Hourly, "*-*-* *:00:00 UTC", 5)]
    [InlineData(EtcdBackupFrequency.Daily, "*-*-* 01:00:00 UTC", 30)]
    public void The_timer_fires_hourly_or_daily_persistently_with_a_random_delay_shorter_than_its_period(EtcdBackupFrequency frequency, string onCalendar, int delayMinutes)
    {
        var timer = SystemdUnit.Parse(EtcdBackupUnits.Timer(frequency));

        Assert.Equal(onCalendar, timer.Single("Timer", "OnCalendar"));
        Assert.Equal("true", timer.Single("Timer", "Persistent"));
        var delay = SystemdUnit.TimeSpanOf(timer.Single("Timer", "RandomizedDelaySec"));
        Assert.Equal(TimeSpan.FromMinutes(delayMinutes), delay);
        var period = frequency == EtcdBackupFrequency.Hourly ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        Assert.True(delay + SystemdUnit.TimeSpanOf(timer.Single("Timer", "AccuracySec")) < period);
        Assert.Equal("timers.target", timer.Single("Install", "WantedBy"));
        Assert.Empty(timer.All("Timer", "Unit"));
    }

    [Theory]
    [InlineData(EtcdBackupFrequency.Hourly)]
    [InlineData(EtcdBackupFrequency.Daily)]
    public void Systemd_verifies_the_units(EtcdBackupFrequency frequency)
    {
        var backup = new EtcdBackupArgs
        {
            Target = new BackupTarget { Endpoint = new Uri("https://s3.example.internal"), Bucket = "backups", Region = "us-east-1" },
            Frequency = frequency,
        };
        var units = new Dictionary<string, string>
        {
            [EtcdBackupUnits.Name + ".service"] = EtcdBackupUnits.Service(),
            [EtcdBackupUnits.Name + ".timer"] = EtcdBackupUnits.Timer(frequency),
        };
        var script = new Dictionary<string, string> { [EtcdBackupScripts.BackupScriptPath] = EtcdBackupScripts.BackupEtcd("cp-1", backup) };

        Assert.Equal("", SystemdAnalyze.Findings(units, script));
    }
}
