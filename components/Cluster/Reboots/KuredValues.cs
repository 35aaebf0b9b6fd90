using System.Globalization;
using System.Text;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Cluster.Reboots;

/// <summary>Helm values for the <c>kured</c> chart (<see cref="Catalog.HelmCharts.Kured"/>): one node at a time across
/// the whole cluster, inside the configured window, drained with PodDisruptionBudgets respected, on every node whatever
/// its taints. Every key is one the chart's values.yaml of the pinned version has. The tree holds only string, bool,
/// int, nested <see cref="Dictionary{TKey, TValue}"/> and <c>object[]</c>, never null.</summary>
/// <remarks>What kured 1.23.0 does with them (kubereboot/kured at tag 1.23.0, <c>cmd/kured/main.go</c>,
/// <c>pkg/daemonsetlock</c>, <c>pkg/checkers</c>, <c>pkg/timewindow</c>; chart kured-6.1.0
/// <c>templates/daemonset.yaml</c>):
/// <list type="bullet">
/// <item>Every pod checks its node once per period (1h, jittered), only inside the window
/// (<c>--reboot-days</c>, <c>--start-time</c>, <c>--end-time</c>, <c>--time-zone</c>, Go's tz database).</item>
/// <item>A node that needs a reboot takes the lock, an annotation (<see cref="LockAnnotation"/>) on kured's own
/// DaemonSet, written with the DaemonSet's resourceVersion so two nodes never both take it. With
/// <c>concurrency: 1</c> the lock has one holder, so at most one node of the cluster is drained or rebooting at any
/// time: two control-plane nodes never reboot together and etcd keeps its quorum. <c>lockTtl: 0</c> (no expiry): a
/// node that does not come back keeps the lock, and no other node reboots until an operator looks.</item>
/// <item>Then it cordons and drains its node with kubectl's drain (evictions, so PodDisruptionBudgets hold; DaemonSet
/// pods stay; pods without a controller and emptyDir data are deleted), for <c>drainTimeout</c> at most. A drain that
/// fails or times out releases the lock and uncordons the node (<c>forceReboot: false</c>): it is tried again at the
/// next check, and never rebooted undrained.</item>
/// <item>The reboot sentinel is a command (<see cref="SentinelCommand"/>) that kured runs on the host: it prefixes it with
/// <c>nsenter -m/proc/1/ns/mnt --</c>, the host's mount namespace, which needs the chart's <c>hostPID: true</c> and a
/// privileged container. So the namespace enforces the Pod Security level privileged. The reboot command
/// (<c>/bin/systemctl reboot</c>, the chart's default) runs the same way.</item>
/// <item>After the reboot the node's kured pod uncordons it and releases the lock.</item>
/// </list></remarks>
public static class KuredValues
{
    /// <summary>The namespace kured runs in, and where its lock lives.</summary>
    public const string Namespace = "kured";

    /// <summary>kured's DaemonSet, which carries the lock: the chart's full name, the release's name (the chart's,
    /// <c>HelmInstall</c>), which contains the chart's name.</summary>
    public const string DaemonSetName = "kured";

    /// <summary>The annotation on <see cref="DaemonSetName"/> that holds the reboot lock (kured's default, written out so
    /// that the upgrade steps, which hold the same lock, and kured agree by construction).</summary>
    public const string LockAnnotation = "weave.works/kured-node-lock";

    /// <summary>The port kured serves Prometheus metrics on (<c>kured_reboot_required</c>, per node).</summary>
    public const int MetricsPort = 8080;

    /// <summary>The check run on the host, as shell text: succeeds when the node needs a reboot. Ubuntu's
    /// unattended-upgrades and Flatcar's update-engine (releases after 3067.0.0, Flatcar's "Update and reboot strategies")
    /// both create <c>/run/reboot-required</c> (Ubuntu's <c>/var/run</c> is <c>/run</c>); on Flatcar the update engine's
    /// own status, <c>UPDATE_STATUS_UPDATED_NEED_REBOOT</c> once an update is staged on the passive partition, says the
    /// same. Where there is no <c>update_engine_client</c> (Ubuntu) grep reads nothing and the check fails, meaning
    /// "no reboot". kured takes exit status 0 as "reboot", 1 as "no reboot" and logs any other.</summary>
    public const string SentinelCheck =
        "test -e /run/reboot-required || update_engine_client -status 2>/dev/null | grep -q UPDATE_STATUS_UPDATED_NEED_REBOOT";

    /// <summary>kured's <c>rebootSentinelCommand</c>: <see cref="SentinelCheck"/> under the host's <c>/bin/sh</c>. kured
    /// splits it like a POSIX shell (google/shlex), so the double quotes keep the check one argument.</summary>
    public const string SentinelCommand = "/bin/sh -c \"" + SentinelCheck + "\"";

    /// <summary>The values for <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options are not valid; the message lists every problem.</exception>
    public static IReadOnlyDictionary<string, object> Render(NodeRebootOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options);
        if (problems.Count > 0)
            throw new ArgumentException($"kured: {string.Join(" ", problems)}", nameof(options));

        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["configuration"] = Map(
                ("concurrency", 1),
                ("lockAnnotation", LockAnnotation),
                ("lockTtl", 0),
                ("forceReboot", false),
                ("drainTimeout", GoDuration(options.DrainTimeout)),
                ("rebootDays", options.Days.Select(Day).Cast<object>().ToArray()),
                ("startTime", Time(options.StartTime)),
                ("endTime", Time(options.EndTime)),
                ("timeZone", options.TimeZone),
                // The chart passes the command only when the sentinel is not a host path it mounts.
                ("useRebootSentinelHostPath", false),
                ("rebootSentinel", ""),
                ("rebootSentinelCommand", SentinelCommand),
                ("metricsPort", MetricsPort)),
            // Privileged to nsenter the host's mount namespace (the chart's default, written out); read-only root.
            ["containerSecurityContext"] = Map(("privileged", true), ("readOnlyRootFilesystem", true)),
            // Every node reboots through its own pod, control-plane and dedicated (tainted) nodes included.
            ["tolerations"] = new object[] { Map(("operator", "Exists")) },
            ["priorityClassName"] = "system-node-critical",
            ["resources"] = Map(("requests", Map(("cpu", "10m"), ("memory", "32Mi"))), ("limits", Map(("memory", "128Mi")))),
        };
    }

    /// <summary>The overlay that has kured's metrics scraped (monitoring on): the chart's ServiceMonitor, and the Service
    /// on kured's metrics port it selects.</summary>
    public static IReadOnlyDictionary<string, object> Monitoring() => Map(
        ("metrics", Map(("create", true))),
        // The ServiceMonitor selects kured's Service, which the chart creates only when asked.
        ("service", Map(("create", true), ("port", MetricsPort))));

    /// <summary>Every problem of <paramref name="options"/>; empty when they are valid.</summary>
    public static IReadOnlyList<string> Problems(NodeRebootOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.Days.Count == 0)
            problems.Add("at least one day is required.");
        if (options.Days.Distinct().Count() != options.Days.Count)
            problems.Add("a day is listed more than once.");
        if (options.StartTime == options.EndTime)
            problems.Add("the window is empty (start and end time are the same).");
        if (options.StartTime.Millisecond != 0 || options.EndTime.Millisecond != 0)
            problems.Add("window times are whole seconds.");
        if (string.IsNullOrWhiteSpace(options.TimeZone) || options.TimeZone.Any(char.IsWhiteSpace))
            problems.Add("the time zone must be an IANA zone name such as UTC or Europe/Berlin.");
        if (options.DrainTimeout < TimeSpan.FromMinutes(1) || options.DrainTimeout > TimeSpan.FromHours(24) || options.DrainTimeout.Milliseconds != 0)
            problems.Add("the drain timeout must be whole seconds from 1 minute to 24 hours.");
        return problems;
    }

    /// <summary>A duration as Go's <c>time.ParseDuration</c> reads it, e.g. <c>1h30m</c>, <c>15m</c>, <c>90s</c>.</summary>
    public static string GoDuration(TimeSpan duration)
    {
        var text = new StringBuilder();
        var hours = (long)duration.TotalHours;
        if (hours > 0) text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        if (duration.Minutes > 0) text.Append(duration.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        if (duration.Seconds > 0 || text.Length == 0) text.Append(duration.Seconds.ToString(CultureInfo.InvariantCulture)).Append('s');
        return text.ToString();
    }

    // kured's own day names (pkg/timewindow/days.go: su, mo, tu, we, th, fr, sa).
    private static string Day(DayOfWeek day) => day.ToString()[..2].ToLowerInvariant();

    // kured reads "15:04" and "15:04:05" (pkg/timewindow/timewindow.go).
    private static string Time(TimeOnly time) =>
        time.ToString(time.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
}
