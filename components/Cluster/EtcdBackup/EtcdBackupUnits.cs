using System.Globalization;
using Platform.Components.Cluster.Scripts;

namespace Platform.Components.Cluster.EtcdBackup;

/// <summary>
/// The systemd units of a control-plane node's scheduled etcd backup (<see cref="EtcdBackupScripts.BackupEtcd"/>): a
/// oneshot service that runs the backup script, its output in the journal (<c>journalctl -u platform-etcd-backup</c>),
/// and a timer, hourly or daily (<see cref="EtcdBackupFrequency"/>), with a random delay so the control-plane nodes do
/// not snapshot and upload at the same moment, and persistent, so a period the node was down is caught up at boot.
/// </summary>
public static class EtcdBackupUnits
{
    /// <summary>The units' name, without the <c>.service</c> or <c>.timer</c> suffix.</summary>
    public const string Name = "platform-etcd-backup";

    /// <summary>The service unit's path.</summary>
    public const string ServicePath = Certificates.CertificateRenewalUnits.Folder + "/" + Name + ".service";

    /// <summary>The timer unit's path.</summary>
    public const string TimerPath = Certificates.CertificateRenewalUnits.Folder + "/" + Name + ".timer";

    /// <summary>How long the service may run before systemd stops it (<c>TimeoutStartSec</c>): the kubeadm lock (15
    /// minutes at most), the snapshot, its encryption and the upload.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(50);

    /// <summary>Up to how long after the timer's time systemd starts the service (<c>RandomizedDelaySec</c>).</summary>
    public static TimeSpan RandomizedDelay(EtcdBackupFrequency frequency) =>
        frequency == EtcdBackupFrequency.Hourly ? TimeSpan.FromMinutes(5) : TimeSpan.FromMinutes(30);

    /// <summary>The timer's <c>OnCalendar=</c>: every hour on the hour, or every day at 01:00, UTC.</summary>
    public static string OnCalendar(EtcdBackupFrequency frequency) => frequency switch
    {
        EtcdBackupFrequency.Hourly => "*-*-* *:00:00 UTC",
        EtcdBackupFrequency.Daily => "*-*-* 01:00:00 UTC",
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "unknown backup frequency"),
    };

    /// <summary>The service unit.</summary>
    public static string Service() => string.Create(CultureInfo.InvariantCulture, $"""
        [Unit]
        Description=Platform: snapshot etcd on this control-plane node, encrypt the snapshot and upload it to the backup target
        Documentation=https://etcd.io/docs/v3.5/op-guide/recovery/
        After=network-online.target containerd.service kubelet.service
        Wants=network-online.target

        [Service]
        Type=oneshot
        ExecStart={EtcdBackupScripts.BackupScriptPath}
        TimeoutStartSec={(int)Timeout.TotalMinutes}min
        SyslogIdentifier={Name}
        Nice=10
        IOSchedulingClass=best-effort
        IOSchedulingPriority=7

        """);

    /// <summary>The timer unit.</summary>
    public static string Timer(EtcdBackupFrequency frequency) => string.Create(CultureInfo.InvariantCulture, $"""
        [Unit]
        Description=Platform: {(frequency == EtcdBackupFrequency.Hourly ? "hourly" : "daily")} etcd backup of this control-plane node

        [Timer]
        OnCalendar={OnCalendar(frequency)}
        RandomizedDelaySec={(int)RandomizedDelay(frequency).TotalMinutes}min
        AccuracySec=1min
        Persistent=true

        [Install]
        WantedBy=timers.target

        """);
}
