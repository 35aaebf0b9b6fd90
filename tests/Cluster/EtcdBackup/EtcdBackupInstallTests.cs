using System.Runtime.Versioning;
using Platform.Components.Backup;
using Platform.Components.Cluster.EtcdBackup;
using Platform.Components.Cluster.Scripts;
using Platform.Tests.Harness;
using Platform.Tests.Validation;

namespace Platform.Tests.Cluster.EtcdBackup;

/// <summary>
/// The etcd-backup step on a <see cref="EtcdBackupHost"/> whose systemctl keeps the units' states: what it writes (the
/// credentials root only, from standard input), that a second run changes nothing, the in-cluster target's run, the
/// backup switched off (units and credentials removed, the restore script kept), and the reset and clean-up.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EtcdBackupInstallTests : IDisposable
{
    private const string Timer = EtcdBackupUnits.Name + ".timer";

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

    private static readonly EtcdMember[] Members = [new("cp-1", "10.0.0.11"), new("cp-2", "10.0.0.12")];

    private static readonly UnixFileMode RootOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly EtcdBackupHost _node = new();

    public EtcdBackupInstallTests() => _node.Host.Fake("systemctl", Systemctl);

    public void Dispose() => _node.Dispose();

    private bool Enabled => File.Exists(Path.Combine(_node.Host.State, "enabled-" + Timer)) && File.Exists(Path.Combine(_node.Host.State, "active-" + Timer));

    private static string Credentials => EtcdBackupScripts.CredentialsFile(EtcdBackupHost.AccessKeyId, EtcdBackupHost.SecretAccessKey);

    private static string Step(EtcdBackupArgs? backup) => EtcdBackupScripts.Install("cp-1", Members, backup, TestBackupKey.CertificatePem);

    [Fact]
    public void The_step_writes_the_scripts_certificate_credentials_and_units_starts_the_timer_and_a_second_run_changes_nothing()
    {
        var backup = EtcdBackupRunTests.External() with { Frequency = EtcdBackupFrequency.Hourly };
        backup = backup with { Target = backup.Target! with { CaBundlePem = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n" } };

        var run = _node.Host.Run(Step(backup), Credentials);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(EtcdBackupScripts.BackupEtcd("cp-1", backup), _node.Host.Read(EtcdBackupScripts.BackupScriptPath));
        Assert.Equal(EtcdBackupScripts.RestoreEtcd("cp-1", Members, backup), _node.Host.Read(EtcdBackupScripts.RestoreScriptPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, _node.Host.Mode(EtcdBackupScripts.BackupScriptPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, _node.Host.Mode(EtcdBackupScripts.RestoreScriptPath));
        Assert.Equal(TestBackupKey.CertificatePem, _node.Host.Read(EtcdBackupScripts.RecipientPath));
        Assert.Equal(backup.Target!.CaBundlePem, _node.Host.Read(EtcdBackupScripts.CaPath));
        Assert.Equal(Credentials.TrimEnd('\n'), _node.Host.Read(EtcdBackupScripts.CredentialsPath));
        Assert.Equal(RootOnly, _node.Host.Mode(EtcdBackupScripts.CredentialsPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, _node.Host.Mode(EtcdBackupScripts.ConfigDir));
        Assert.Equal("*-*-* *:00:00 UTC", SystemdUnit.Parse(_node.Host.Read(EtcdBackupUnits.TimerPath)).Single("Timer", "OnCalendar"));
        Assert.Equal(EtcdBackupScripts.BackupScriptPath, SystemdUnit.Parse(_node.Host.Read(EtcdBackupUnits.ServicePath)).Single("Service", "ExecStart"));
        Assert.Equal(Readable, _node.Host.Mode(EtcdBackupUnits.TimerPath));
        Assert.Equal(["systemctl daemon-reload", $"systemctl restart {Timer}", $"systemctl enable --now {Timer}"],
            run.CallsOf("systemctl").Where(c => !c.Contains(" is-", StringComparison.Ordinal) && !c.Contains("list-timers", StringComparison.Ordinal)));
        Assert.True(Enabled);
        // Nothing secret in the step's script, its calls or its output.
        Assert.DoesNotContain(EtcdBackupHost.SecretAccessKey, Step(backup), StringComparison.Ordinal);
        Assert.All(run.Calls, c => Assert.DoesNotContain(EtcdBackupHost.SecretAccessKey, c, StringComparison.Ordinal));
        Assert.DoesNotContain(EtcdBackupHost.SecretAccessKey, run.Output + run.Errors, StringComparison.Ordinal);

        var snapshot = _node.Host.Snapshot();
        var again = _node.Host.Run(Step(backup), Credentials);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(snapshot, _node.Host.Snapshot());
        Assert.DoesNotContain(again.CallsOf("systemctl"), c => c is "systemctl daemon-reload" || c.StartsWith("systemctl restart", StringComparison.Ordinal) || c.StartsWith("systemctl enable", StringComparison.Ordinal));
    }

    [Fact]
    public void New_credentials_are_written_and_the_in_cluster_target_has_none_on_the_node()
    {
        Assert.Equal(0, _node.Host.Run(Step(EtcdBackupRunTests.External()), Credentials).ExitCode);

        var rotated = EtcdBackupScripts.CredentialsFile(EtcdBackupHost.AccessKeyId, "a-new-secret");
        Assert.Equal(0, _node.Host.Run(Step(EtcdBackupRunTests.External()), rotated).ExitCode);
        Assert.Equal(rotated.TrimEnd('\n'), _node.Host.Read(EtcdBackupScripts.CredentialsPath));

        var inCluster = EtcdBackupRunTests.External() with { Target = EtcdBackupRunTests.External().Target! with { InCluster = true } };
        var run = _node.Host.Run(Step(inCluster));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(_node.Host.Exists(EtcdBackupScripts.CredentialsPath));
        Assert.True(Enabled);
    }

    [Fact]
    public void Switched_off_the_backup_units_script_and_credentials_go_the_restore_script_stays_and_a_second_run_changes_nothing()
    {
        Assert.Equal(0, _node.Host.Run(Step(EtcdBackupRunTests.External()), Credentials).ExitCode);
        _node.Host.Write($"{NodeScripts.EtcdSnapshotDir}/{EtcdBackupHost.Now}-scheduled.db", "kept\n");

        var run = _node.Host.Run(Step(new EtcdBackupArgs()));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(_node.Host.Exists(EtcdBackupUnits.TimerPath));
        Assert.False(_node.Host.Exists(EtcdBackupUnits.ServicePath));
        Assert.False(_node.Host.Exists(EtcdBackupScripts.BackupScriptPath));
        Assert.False(_node.Host.Exists(EtcdBackupScripts.CredentialsPath));
        Assert.False(_node.Host.Exists(EtcdBackupScripts.ConfigDir));
        Assert.False(Enabled);
        Assert.Equal([$"systemctl disable --now {Timer}", "systemctl daemon-reload"], run.CallsOf("systemctl"));
        Assert.Equal(EtcdBackupScripts.RestoreEtcd("cp-1", Members, null), _node.Host.Read(EtcdBackupScripts.RestoreScriptPath));
        Assert.True(_node.Host.Exists($"{NodeScripts.EtcdSnapshotDir}/{EtcdBackupHost.Now}-scheduled.db"));

        var snapshot = _node.Host.Snapshot();
        var again = _node.Host.Run(Step(new EtcdBackupArgs()));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(again.CallsOf("systemctl"));
        Assert.Equal(snapshot, _node.Host.Snapshot());
    }

    [Theory]
    [InlineData("reset")]
    [InlineData("clean-up")]
    public void The_node_reset_and_clean_up_remove_the_backup(string step)
    {
        Assert.Equal(0, _node.Host.Run(Step(EtcdBackupRunTests.External()), Credentials).ExitCode);

        var run = _node.Host.Run(step == "reset" ? NodeScripts.Reset() : NodeScripts.CleanUp());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(_node.Host.Exists(EtcdBackupUnits.TimerPath));
        Assert.False(_node.Host.Exists(EtcdBackupUnits.ServicePath));
        Assert.False(_node.Host.Exists(EtcdBackupScripts.CredentialsPath));
        Assert.False(_node.Host.Exists(EtcdBackupScripts.RestoreScriptPath));
        Assert.Contains($"systemctl disable --now {Timer}", run.Calls);
        Assert.False(Enabled);
    }

    [Fact]
    public void Every_variant_of_the_step_and_its_scripts_passes_shellcheck()
    {
        var external = EtcdBackupRunTests.External();
        var inCluster = external with { Target = external.Target! with { InCluster = true } };
        foreach (var backup in new EtcdBackupArgs?[] { null, external, inCluster })
        {
            var step = ShellCheck.Findings(Step(backup));
            Assert.True(step == "", step);
            var restore = ShellCheck.Findings(EtcdBackupScripts.RestoreEtcd("cp-1", Members, backup));
            Assert.True(restore == "", restore);
            var script = backup == null ? "" : ShellCheck.Findings(EtcdBackupScripts.BackupEtcd("cp-1", backup));
            Assert.True(script == "", script);
        }
    }

    [Fact]
    public void Target_settings_that_do_not_make_a_safe_s3_request_are_refused()
    {
        var target = EtcdBackupRunTests.External().Target!;
        Assert.Equal("https://platform-backups.s3.example.internal:9000", EtcdBackupScripts.S3Url(target with { ForcePathStyle = false }));
        Assert.Equal("https://s3.example.internal:9000/platform-backups", EtcdBackupScripts.S3Url(target));
        Assert.Equal("etcd-snapshots/", EtcdBackupScripts.KeyPrefix(target with { Prefix = "" }));
        Assert.Equal("a/b/etcd-snapshots/", EtcdBackupScripts.KeyPrefix(target with { Prefix = "/a/b/" }));
        Assert.Throws<ArgumentException>(() => EtcdBackupScripts.KeyPrefix(target with { Prefix = "a b" }));
        Assert.Throws<ArgumentException>(() => EtcdBackupScripts.S3Url(target with { Endpoint = new Uri("ftp://s3.example.internal") }));
        Assert.Throws<ArgumentException>(() => EtcdBackupScripts.S3Url(target with { Bucket = "Upper_Case" }));
        Assert.Throws<ArgumentException>(() => EtcdBackupScripts.BackupEtcd("cp-1", EtcdBackupRunTests.External() with { Target = target with { Region = "eu central" } }));
        Assert.Throws<ArgumentException>(() => EtcdBackupScripts.BackupEtcd("cp-1", EtcdBackupRunTests.External(retentionDays: 0)));
        Assert.Throws<ArgumentException>(() => EtcdBackupScripts.CredentialsFile("AKIA:X", "secret"));
        Assert.Equal("user = \"id:se\\\"c\\\\ret\"\n", EtcdBackupScripts.CredentialsFile("id", "se\"c\\ret"));
    }
}
