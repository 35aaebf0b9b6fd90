using System.Globalization;
using Platform.Components.Cluster.Scripts;

namespace Platform.Components.Cluster.Certificates;

/// <summary>
/// The systemd units of a control-plane node's certificate renewal (see <see cref="NodeScripts.RenewCertificates"/>):
/// a oneshot service that runs the renewal script, its output in the journal
/// (<c>journalctl -u platform-certificate-renewal</c>), and a daily timer in the node's own slot
/// (<see cref="CertificateRenewalSchedule"/>), persistent, so a day the node was down is caught up when it boots.
/// </summary>
public static class CertificateRenewalUnits
{
    /// <summary>The units' name, without the <c>.service</c> or <c>.timer</c> suffix.</summary>
    public const string Name = "platform-certificate-renewal";

    /// <summary>Where the units are: systemd's folder for the administrator's units, writable on Flatcar too.</summary>
    public const string Folder = "/etc/systemd/system";

    /// <summary>The service unit's path.</summary>
    public const string ServicePath = Folder + "/" + Name + ".service";

    /// <summary>The timer unit's path.</summary>
    public const string TimerPath = Folder + "/" + Name + ".timer";

    /// <summary>The service unit.</summary>
    public static string Service() => string.Create(CultureInfo.InvariantCulture, $"""
        [Unit]
        Description=Platform: renew kubeadm's certificates on this control-plane node when one expires within {NodeScripts.CertificateRenewalDays} days
        Documentation=https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/
        After=network-online.target containerd.service kubelet.service
        Wants=network-online.target

        [Service]
        Type=oneshot
        ExecStart={NodeScripts.CertificateRenewalScript}
        TimeoutStartSec={(int)CertificateRenewalSchedule.Timeout.TotalMinutes}min
        SyslogIdentifier={Name}

        """);

    /// <summary>The timer unit for the node whose slot is <paramref name="schedule"/>.</summary>
    public static string Timer(CertificateRenewalSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return string.Create(CultureInfo.InvariantCulture, $"""
            [Unit]
            Description=Platform: daily certificate check of control-plane node {schedule.Position + 1} of {schedule.Count}, in its own slot of the day

            [Timer]
            OnCalendar={schedule.OnCalendar}
            RandomizedDelaySec={(int)CertificateRenewalSchedule.RandomizedDelay.TotalMinutes}min
            AccuracySec={(int)CertificateRenewalSchedule.Accuracy.TotalMinutes}min
            Persistent=true

            [Install]
            WantedBy=timers.target

            """);
    }
}
