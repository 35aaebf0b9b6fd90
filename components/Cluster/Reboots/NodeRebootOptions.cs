using System.Collections.ObjectModel;

namespace Platform.Components.Cluster.Reboots;

/// <summary>When the platform may reboot nodes that need it (a staged Flatcar update, an Ubuntu package that asks for a
/// reboot): kured drains and reboots one node at a time across the cluster, only inside this window. From
/// <c>platform:reboots</c>.</summary>
public sealed record NodeRebootOptions
{
    /// <summary>Every day of the week, Sunday first.</summary>
    public static IReadOnlyList<DayOfWeek> EveryDay { get; } = new ReadOnlyCollection<DayOfWeek>(Enum.GetValues<DayOfWeek>());

    /// <summary>The longest drain the platform allows by default: 15 minutes, as an upgrade's drain.</summary>
    public static TimeSpan DefaultDrainTimeout { get; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether kured runs. Default true: Flatcar nodes never reboot on their own (locksmithd is off), so
    /// without kured a staged update is never booted. When false nothing reboots nodes; an operator does, by hand.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The days a reboot may start on, in <see cref="TimeZone"/>. Default <see cref="EveryDay"/>.</summary>
    public IReadOnlyList<DayOfWeek> Days { get; init; } = EveryDay;

    /// <summary>The time of day from which a reboot may start, in <see cref="TimeZone"/>. Default 00:00.</summary>
    public TimeOnly StartTime { get; init; } = new(0, 0);

    /// <summary>The time of day until which a reboot may start, in <see cref="TimeZone"/>; earlier than
    /// <see cref="StartTime"/> means the window runs over midnight. Default 23:59:59 (the whole day).</summary>
    public TimeOnly EndTime { get; init; } = new(23, 59, 59);

    /// <summary>The IANA time zone of the window (e.g. <c>Europe/Berlin</c>). Default <c>UTC</c>.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>How long kured's drain of a node may take before it gives up, uncordons the node and tries again at its
    /// next check (it never reboots a node whose drain failed). Default <see cref="DefaultDrainTimeout"/>.</summary>
    public TimeSpan DrainTimeout { get; init; } = DefaultDrainTimeout;
}
