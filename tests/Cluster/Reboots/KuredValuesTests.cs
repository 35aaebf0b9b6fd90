using Platform.Components.Cluster.Reboots;

namespace Platform.Tests.Cluster.Reboots;

/// <summary>kured's values: one node at a time, the window and drain timeout from the options, the host-run sentinel,
/// every taint tolerated; and the options it refuses.</summary>
public class KuredValuesTests
{
    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    [Fact]
    public void By_default_one_node_reboots_at_a_time_any_day_any_hour_utc_with_a_bounded_drain_and_never_undrained()
    {
        var configuration = Map(KuredValues.Render(new NodeRebootOptions())["configuration"]);

        Assert.Equal(1, configuration["concurrency"]);
        Assert.Equal(false, configuration["forceReboot"]);
        Assert.Equal(0, configuration["lockTtl"]);
        Assert.Equal("weave.works/kured-node-lock", configuration["lockAnnotation"]);
        Assert.Equal("15m", configuration["drainTimeout"]);
        Assert.Equal(new object[] { "su", "mo", "tu", "we", "th", "fr", "sa" }, (object[])configuration["rebootDays"]);
        Assert.Equal("00:00", configuration["startTime"]);
        Assert.Equal("23:59:59", configuration["endTime"]);
        Assert.Equal("UTC", configuration["timeZone"]);
        Assert.Equal(8080, configuration["metricsPort"]);
    }

    [Fact]
    public void The_window_and_drain_timeout_are_written_the_way_kured_reads_them()
    {
        var configuration = Map(KuredValues.Render(new NodeRebootOptions
        {
            Days = [DayOfWeek.Saturday, DayOfWeek.Sunday],
            StartTime = new TimeOnly(22, 30),
            EndTime = new TimeOnly(4, 0),
            TimeZone = "Europe/Berlin",
            DrainTimeout = TimeSpan.FromMinutes(90),
        })["configuration"]);

        Assert.Equal(new object[] { "sa", "su" }, (object[])configuration["rebootDays"]);
        Assert.Equal("22:30", configuration["startTime"]);
        Assert.Equal("04:00", configuration["endTime"]);
        Assert.Equal("Europe/Berlin", configuration["timeZone"]);
        Assert.Equal("1h30m", configuration["drainTimeout"]);
    }

    [Theory]
    [InlineData(60, "1m")]
    [InlineData(90, "1m30s")]
    [InlineData(3600, "1h")]
    [InlineData(86400, "24h")]
    [InlineData(3661, "1h1m1s")]
    public void Durations_are_go_durations(int seconds, string expected)
    {
        Assert.Equal(expected, KuredValues.GoDuration(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void The_sentinel_is_the_host_command_not_a_mounted_file_and_the_pod_may_enter_the_hosts_mount_namespace()
    {
        var values = KuredValues.Render(new NodeRebootOptions());
        var configuration = Map(values["configuration"]);

        // The chart passes rebootSentinelCommand only when useRebootSentinelHostPath is false.
        Assert.Equal(false, configuration["useRebootSentinelHostPath"]);
        Assert.Equal(KuredValues.SentinelCommand, configuration["rebootSentinelCommand"]);
        Assert.Equal("", configuration["rebootSentinel"]);
        Assert.Equal(true, Map(values["containerSecurityContext"])["privileged"]);
        Assert.Equal(true, Map(values["containerSecurityContext"])["readOnlyRootFilesystem"]);
    }

    [Fact]
    public void Every_node_runs_kured_whatever_its_taints()
    {
        var toleration = Map(Assert.Single((object[])KuredValues.Render(new NodeRebootOptions())["tolerations"]));

        Assert.Equal("Exists", toleration["operator"]);
        Assert.False(toleration.ContainsKey("key"));
        Assert.False(toleration.ContainsKey("effect"));
    }

    [Fact]
    public void Bad_options_are_refused_with_every_problem()
    {
        var error = Assert.Throws<ArgumentException>(() => KuredValues.Render(new NodeRebootOptions
        {
            Days = [],
            StartTime = new TimeOnly(3, 0),
            EndTime = new TimeOnly(3, 0),
            TimeZone = "Europe/ Berlin",
            DrainTimeout = TimeSpan.Zero,
        }));

        Assert.StartsWith("kured: at least one day is required. the window is empty (start and end time are the same). " +
            "the time zone must be an IANA zone name such as UTC or Europe/Berlin. the drain timeout must be whole seconds from 1 minute to 24 hours.",
            error.Message, StringComparison.Ordinal);
    }
}
