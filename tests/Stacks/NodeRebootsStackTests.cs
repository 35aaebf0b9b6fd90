using System.Collections.Immutable;
using Platform.Components.Catalog;
using Platform.Components.Cluster;
using Platform.Components.Cluster.Reboots;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Render;

namespace Platform.Tests.Stacks;

/// <summary>kured is part of the core on every tier unless <c>platform:reboots.enabled</c> is false: its pinned chart
/// with the configured window, in a privileged namespace that reaches only the API server, after the CNI and every
/// node, and nothing in the bring-up waits for it.</summary>
public class NodeRebootsStackTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string Release = "platform-prod-reboots-kured";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static Dictionary<string, string> Config(params (string Key, string Value)[] extra)
    {
        var config = ValidConfig.Values();
        foreach (var (key, value) in extra) config[key] = value;
        // Backups are mandatory for the enterprise tier, and without Rook-Ceph they go to an external endpoint.
        if (config["tier"] == "enterprise") Backup.BackupConfigTests.WithExternalTarget(config);
        return config;
    }

    [Theory]
    [InlineData("small")]
    [InlineData("medium")]
    [InlineData("enterprise")]
    public async Task Every_tier_gets_kured_from_the_pinned_chart_one_node_at_a_time(string tier)
    {
        var run = await StackRunner.RunAsync(Config(("tier", tier)));

        Assert.IsType<NodeReboots>(run.Single<NodeReboots>());
        var release = run.Registration(ReleaseType, Release);
        Assert.Equal(HelmCharts.Kured.Name, release.Inputs["chart"]);
        Assert.Equal(HelmCharts.Kured.Name, release.Inputs["name"]);
        Assert.Equal(HelmCharts.Kured.Version, release.Inputs["version"]);
        Assert.Equal(HelmCharts.Kured.Repository, Map(release.Inputs["repositoryOpts"])["repo"]);
        Assert.Equal(KuredValues.Namespace, release.Inputs["namespace"]);
        var configuration = Map(Map(release.Inputs["values"])["configuration"]);
        Assert.Equal(1, Convert.ToInt32(configuration["concurrency"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(false, configuration["forceReboot"]);
        Assert.Equal(KuredValues.SentinelCommand, configuration["rebootSentinelCommand"]);
    }

    [Fact]
    public async Task The_configured_window_reaches_kured()
    {
        var run = await StackRunner.RunAsync(Config(("reboots",
            """{"days": ["sat", "sun"], "startTime": "02:00", "endTime": "06:00", "timeZone": "Europe/Berlin", "drainTimeout": "30m"}""")));

        var configuration = Map(Map(run.Registration(ReleaseType, Release).Inputs["values"])["configuration"]);
        Assert.Equal(["su", "sa"], ((ImmutableArray<object>)configuration["rebootDays"]).Cast<string>());
        Assert.Equal("02:00", configuration["startTime"]);
        Assert.Equal("06:00", configuration["endTime"]);
        Assert.Equal("Europe/Berlin", configuration["timeZone"]);
        Assert.Equal("30m", configuration["drainTimeout"]);
    }

    [Fact]
    public async Task Its_namespace_is_privileged_and_allows_only_the_api_server_and_metrics_scrapes()
    {
        var run = await StackRunner.RunAsync(Config());

        var ns = run.Registration("kubernetes:core/v1:Namespace", "platform-prod-reboots-namespace");
        Assert.Equal(KuredValues.Namespace, Map(ns.Inputs["metadata"])["name"]);
        // hostPID and a privileged container (nsenter into the host's mount namespace) pass only "privileged".
        Assert.Equal("privileged", Map(Map(ns.Inputs["metadata"])["labels"])["pod-security.kubernetes.io/enforce"]);
        var policies = run.RegistrationsOf("kubernetes:networking.k8s.io/v1:NetworkPolicy")
            .Where(p => (string)Map(p.Inputs["metadata"])["namespace"] == KuredValues.Namespace).ToList();
        Assert.Equal(["allow-api-server", "allow-metrics-from-monitoring", "default-deny"],
            policies.Select(p => (string)Map(p.Inputs["metadata"])["name"]).Order(StringComparer.Ordinal));
        var metrics = Map(policies.Single(p => (string)Map(p.Inputs["metadata"])["name"] == "allow-metrics-from-monitoring").Inputs["spec"]);
        var rule = Map(((ImmutableArray<object>)metrics["ingress"]).Single());
        var port = Map(((ImmutableArray<object>)rule["ports"]).Single());
        Assert.Equal(KuredValues.MetricsPort, Convert.ToInt32(port["port"], System.Globalization.CultureInfo.InvariantCulture));
        var from = Map(((ImmutableArray<object>)rule["from"]).Single());
        Assert.Equal("monitoring", Map(Map(from["namespaceSelector"])["matchLabels"])["kubernetes.io/metadata.name"]);
    }

    [Fact]
    public async Task The_release_waits_for_the_cni_and_every_node_and_nothing_waits_for_it()
    {
        var run = await StackRunner.RunAsync(Config());
        var graph = await DependencyGraph.OfAsync(run);

        var direct = graph.Direct(Release);
        Assert.Contains("platform-prod-cni-cilium", direct);
        foreach (var node in new[] { "cp-1", "cp-2", "cp-3", "worker-1" })
            Assert.Contains($"platform-prod-{node}-register", direct);
        Assert.DoesNotContain(run.Registrations, r => graph.Direct(r.Name!).Contains(Release));
    }

    [Fact]
    public async Task Switched_off_there_is_no_kured()
    {
        var run = await StackRunner.RunAsync(Config(("reboots", """{"enabled": false}""")));

        Assert.Empty(run.All<NodeReboots>());
        Assert.DoesNotContain(run.RegistrationsOf(ReleaseType), r => (string)r.Inputs["chart"] == HelmCharts.Kured.Name);
        Assert.DoesNotContain(run.RegistrationsOf("kubernetes:core/v1:Namespace"), r => (string)Map(r.Inputs["metadata"])["name"] == KuredValues.Namespace);
    }

    [Fact]
    public async Task A_bad_window_stops_the_program_before_any_resource_is_registered()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StackRunner.RunAsync(Config(("reboots", """{"timeZone": "Mars/Olympus"}"""))));

        Assert.Contains("platform:reboots.timeZone: \"Mars/Olympus\" is not an IANA time zone", error.Message, StringComparison.Ordinal);
    }
}
