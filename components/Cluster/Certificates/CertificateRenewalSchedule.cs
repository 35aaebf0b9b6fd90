using System.Globalization;

namespace Platform.Components.Cluster.Certificates;

/// <summary>
/// When one control-plane node's certificate renewal timer fires: once a day, in a slot of its own. The day is cut into
/// as many equal slots as there are control-plane nodes, from <see cref="FirstSlotStart"/> (UTC) on, and the node at
/// position <c>i</c> (inventory order) fires at the start of slot <c>i</c> plus up to <see cref="RandomizedDelay"/>.
/// A renewal restarts the node's etcd and control-plane components; <see cref="Window"/> (the random delay, the timer's
/// accuracy and the service's timeout) is shorter than every slot, so no two control-plane nodes ever renew at once
/// and etcd never loses more than one member to a restart.
/// </summary>
public sealed record CertificateRenewalSchedule
{
    /// <summary>The start of the first slot, minutes after midnight UTC: 02:00.</summary>
    public const int FirstSlotStart = 120;

    /// <summary>Up to how long after its slot's start systemd fires the timer (<c>RandomizedDelaySec</c>).</summary>
    public static readonly TimeSpan RandomizedDelay = TimeSpan.FromMinutes(15);

    /// <summary>How late systemd may fire the timer beyond that (<c>AccuracySec</c>).</summary>
    public static readonly TimeSpan Accuracy = TimeSpan.FromMinutes(1);

    /// <summary>How long the renewal service may run before systemd stops it (<c>TimeoutStartSec</c>): the shared
    /// kubeadm lock (10 minutes at most), the renewal, and four restarts waited for (12 minutes at most each).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(75);

    /// <summary>From its slot's start to the latest a node's renewal can end.</summary>
    public static TimeSpan Window => RandomizedDelay + Accuracy + Timeout;

    /// <summary>The most control-plane nodes whose slots are each longer than <see cref="Window"/>.</summary>
    public static int MaxControlPlanes => (int)(TimeSpan.FromDays(1) / Window);

    private CertificateRenewalSchedule(int position, int count)
    {
        Position = position;
        Count = count;
    }

    /// <summary>The node's position among the control-plane nodes, from 0.</summary>
    public int Position { get; }

    /// <summary>How many control-plane nodes share the day.</summary>
    public int Count { get; }

    /// <summary>How long each node's slot is.</summary>
    public TimeSpan Slot => TimeSpan.FromMinutes(24 * 60 / Count);

    /// <summary>The slot's start, after midnight UTC.</summary>
    public TimeSpan Start => TimeSpan.FromMinutes((FirstSlotStart + (Position * (24 * 60 / Count))) % (24 * 60));

    /// <summary>The timer's <c>OnCalendar=</c> value: every day at <see cref="Start"/>, UTC.</summary>
    public string OnCalendar => string.Create(CultureInfo.InvariantCulture, $"*-*-* {Start.Hours:00}:{Start.Minutes:00}:00 UTC");

    /// <summary>The schedule of the control-plane node at <paramref name="position"/> of <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is outside the count, or there are more than
    /// <see cref="MaxControlPlanes"/> control-plane nodes.</exception>
    public static CertificateRenewalSchedule For(int position, int count)
    {
        if (count < 1 || count > MaxControlPlanes)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Certificate renewal gives each of 1 to {MaxControlPlanes} control-plane nodes a slot of the day.");
        if (position < 0 || position >= count)
            throw new ArgumentOutOfRangeException(nameof(position), position, $"A control-plane node's position is 0 to {count - 1}.");
        return new CertificateRenewalSchedule(position, count);
    }
}
