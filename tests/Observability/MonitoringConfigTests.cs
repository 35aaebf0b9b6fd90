using Platform.Components.Observability.Monitoring;
using Platform.Stacks.Configuration;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;

namespace Platform.Tests.Observability;

/// <summary><c>platform:monitoring</c> and <c>platform:monitoringSecrets</c>: the tier's defaults, overrides, and every
/// bad input refused with its key before anything is registered.</summary>
public class MonitoringConfigTests
{
    [Theory]
    [InlineData("small", 1, "7d", "20Gi", 1)]
    [InlineData("medium", 2, "15d", "50Gi", 2)]
    [InlineData("enterprise", 2, "30d", "150Gi", 3)]
    public void Each_tier_has_its_sizing_and_the_configuration_overrides_single_fields(string tier, int replicas, string retention, string size, int alertmanagers)
    {
        var defaults = ValidConfig.Load(v => v["tier"] = tier).Monitoring;
        Assert.Equal((replicas, retention, size), (defaults.Prometheus.Replicas, defaults.Prometheus.Retention, defaults.Prometheus.StorageSize));
        Assert.Equal(alertmanagers, defaults.Alertmanager.Replicas);

        var custom = ValidConfig.Load(v =>
        {
            v["tier"] = tier;
            v["monitoring"] = """{"prometheus": {"retention": "3w", "storageSize": "80Gi"}, "alertmanager": {"replicas": 1}, "grafana": {"host": "grafana.example.com"}}""";
        }).Monitoring;
        Assert.Equal(("3w", "80Gi", replicas), (custom.Prometheus.Retention, custom.Prometheus.StorageSize, custom.Prometheus.Replicas));
        Assert.Equal(MonitoringTierSizing.Prometheus(PlatformTierText.TryParse(tier, out var t) ? t : default).MemoryLimit, custom.Prometheus.MemoryLimit);
        Assert.Equal(1, custom.Alertmanager.Replicas);
        Assert.False(custom.Ephemeral);
        Assert.Equal("grafana.example.com", custom.GrafanaHost);
    }

    [Fact]
    public void Receivers_are_read_with_their_kinds()
    {
        var options = ValidConfig.Load(v => v["monitoring"] = """
            {"ephemeral": true, "alertmanager": {"receivers": [
              {"name": "ops-mail", "type": "email", "to": "ops@example.com", "from": "am@example.com", "smarthost": "smtp.example.com:587", "username": "am"},
              {"name": "ops-slack", "type": "slack", "channel": "#alerts", "severities": ["critical"]},
              {"name": "ops-teams", "type": "teams"}, {"name": "on-call", "type": "pagerduty"}, {"name": "heartbeat", "type": "watchdog"}]}}
            """).Monitoring;

        Assert.Equal([AlertReceiverKind.Email, AlertReceiverKind.Slack, AlertReceiverKind.Teams, AlertReceiverKind.PagerDuty, AlertReceiverKind.Watchdog],
            options.Receivers.Select(r => r.Kind));
        Assert.Equal(["critical"], options.Receivers[1].EffectiveSeverities);
        Assert.Equal(AlertReceiver.DefaultSeverities, options.Receivers[0].EffectiveSeverities);
        Assert.True(options.Ephemeral);
    }

    [Theory]
    [InlineData("""{"prometheus": {"retention": "15d", "retension": "1d"}}""", "platform:monitoring.prometheus.retension", "")]
    [InlineData("""{"grafana": {"hostname": "g.example.com"}}""", "platform:monitoring.grafana.hostname", "")]
    [InlineData("""{"prometheus": {"replicas": "two"}}""", "platform:monitoring.prometheus.replicas", "")]
    [InlineData("""{"prometheus": {"replicas": 9}}""", "platform:monitoring", "prometheus.replicas must be 1 to 5, not 9.")]
    [InlineData("""{"alertmanager": {"storageSize": "5G"}}""", "platform:monitoring", "alertmanager.storageSize '5G' is not a volume size")]
    [InlineData("""{"prometheus": {"retention": "forever"}}""", "platform:monitoring", "prometheus.retention 'forever' is not a duration")]
    [InlineData("""{"alertmanager": {"receivers": [{"name": "x", "type": "sms"}]}}""", "platform:monitoring.alertmanager.receivers[0].type", "'sms' is not a receiver type")]
    [InlineData("""{"alertmanager": {"receivers": [{"type": "slack"}]}}""", "platform:monitoring.alertmanager.receivers[0].name", "is missing")]
    [InlineData("""{"alertmanager": {"receivers": [{"name": "a", "type": "slack"}, {"name": "a", "type": "teams"}]}}""", "platform:monitoring", "the name 'a' appears more than once")]
    [InlineData("""{"alertmanager": {"receivers": [{"name": "m", "type": "email", "to": "ops"}]}}""", "platform:monitoring", "to must be one or more e-mail addresses")]
    [InlineData("""{"alertmanager": {"receivers": [{"name": "s", "type": "slack", "port": 1}]}}""", "platform:monitoring.alertmanager.receivers[0].port", "")]
    [InlineData("""[1]""", "platform:monitoring", "")]
    public void Bad_monitoring_configuration_names_the_key(string value, string key, string expected)
    {
        var error = ValidConfig.Problems(v => v["monitoring"] = value);

        Assert.Contains(error.Problems, p => p.Key == key && p.Message.Contains(expected, StringComparison.Ordinal));
    }

    private static Dictionary<string, string> With(Action<Dictionary<string, string>> edit)
    {
        var config = ValidConfig.Values();
        edit(config);
        return config;
    }

    [Fact]
    public async Task Persistent_monitoring_without_storage_is_refused_before_anything_is_registered()
    {
        var mocks = new PlatformMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(
            With(v => v["monitoring"] = """{"grafana": {"host": "grafana.example.com"}}"""), mocks: mocks));

        Assert.Contains("platform:monitoring: monitoring keeps its data in persistent volumes, but the storage capability is off", error.Message, StringComparison.Ordinal);
        Assert.Contains("platform:monitoring.ephemeral true", error.Message, StringComparison.Ordinal);
        Assert.Empty(mocks.Registrations);

        // Switched off, it needs neither.
        var off = await StackRunner.RunAsync(With(v => { v.Remove("monitoring"); v["capabilities"] = """{"monitoring": false}"""; }));
        Assert.Empty(off.All<Platform.Components.Observability.MonitoringLayer>());
        Assert.Empty(off.All<Platform.Components.Observability.MonitoringCrds>());
    }

    [Fact]
    public async Task Grafana_needs_a_hostname_with_ingress_and_receivers_need_their_secrets()
    {
        var mocks = new PlatformMocks();
        var noHost = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(With(v => v["monitoring"] = """{"ephemeral": true}"""), mocks: mocks));
        Assert.Contains("platform:monitoring.grafana.host: is required when the monitoring and ingress capabilities are on", noHost.Message, StringComparison.Ordinal);
        Assert.Empty(mocks.Registrations);
        // Without ingress there is no Ingress, and no hostname is needed.
        var noIngress = await StackRunner.RunAsync(With(v => { v["monitoring"] = """{"ephemeral": true}"""; v["capabilities"] = """{"ingress": false}"""; }));
        Assert.Single(noIngress.All<Platform.Components.Observability.MonitoringLayer>());

        var receivers = """{"ephemeral": true, "grafana": {"host": "g.example.com"}, "alertmanager": {"receivers": [{"name": "ops-slack", "type": "slack"}]}}""";
        var noSecrets = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(With(v => v["monitoring"] = receivers)));
        Assert.Contains("platform:monitoringSecrets: is required for the receivers ops-slack (the https webhook URL)", noSecrets.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_that_is_wrong_stops_the_update_without_being_shown()
    {
        var receivers = """{"ephemeral": true, "grafana": {"host": "g.example.com"}, "alertmanager": {"receivers": [{"name": "ops-slack", "type": "slack"}]}}""";
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StackRunner.RunAsync(With(v =>
        {
            v["monitoring"] = receivers;
            v["monitoringSecrets"] = """{"ops-slack": "http://hooks.example.com/very-secret"}""";
        })));

        Assert.Contains("not an https URL", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", error.ToString(), StringComparison.Ordinal);
    }
}
