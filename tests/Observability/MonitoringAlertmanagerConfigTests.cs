using Platform.Components.Observability.Monitoring;
using Platform.Tests.Validation;

namespace Platform.Tests.Observability;

/// <summary>Alertmanager's configuration file, decoded strictly: the receivers with their secrets, the Watchdog route
/// first, the severities, and secrets that are missing, misplaced or not URLs refused without being quoted.</summary>
public class MonitoringAlertmanagerConfigTests
{
    private static readonly AlertReceiver Mail = new()
    {
        Name = "ops-mail", Kind = AlertReceiverKind.Email, To = "ops@example.com", From = "am@example.com",
        Smarthost = "smtp.example.com:587", Username = "am",
    };

    private static readonly AlertReceiver Relay = new()
    {
        Name = "relay", Kind = AlertReceiverKind.Email, To = "a@example.com, b@example.com", From = "am@example.com",
        Smarthost = "relay.example.com:25", Severities = ["critical"],
    };

    private static readonly AlertReceiver Slack = new() { Name = "ops-slack", Kind = AlertReceiverKind.Slack, Channel = "#alerts" };
    private static readonly AlertReceiver Teams = new() { Name = "ops-teams", Kind = AlertReceiverKind.Teams };
    private static readonly AlertReceiver PagerDuty = new() { Name = "on-call", Kind = AlertReceiverKind.PagerDuty, Severities = ["critical"] };
    private static readonly AlertReceiver Heartbeat = new() { Name = "heartbeat", Kind = AlertReceiverKind.Watchdog };

    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["ops-mail"] = "smtp-password-1",
        ["ops-slack"] = "https://hooks.slack.com/services/T0/B0/secret-2",
        ["ops-teams"] = "https://example.webhook.office.com/workflows/secret-3",
        ["on-call"] = "routing-key-4",
        ["heartbeat"] = "https://hc.example.com/ping/secret-5",
    };

    private static AlertmanagerFile Decode(IReadOnlyList<AlertReceiver> receivers, IReadOnlyDictionary<string, string> secrets)
    {
        var yaml = AlertmanagerConfiguration.Render(receivers, secrets);
        Assert.False(KubeYaml.HasAnchorsOrAliases(yaml));
        return StrictJson.DecodeYaml<AlertmanagerFile>(yaml);
    }

    [Fact]
    public void Every_receiver_gets_its_secret_in_its_own_notifier()
    {
        var file = Decode([Mail, Relay, Slack, Teams, PagerDuty, Heartbeat], Secrets);

        Assert.Equal(["null", "ops-mail", "relay", "ops-slack", "ops-teams", "on-call", "heartbeat"], file.Receivers.Select(r => r.Name));
        var mail = Assert.Single(file.Receivers.Single(r => r.Name == "ops-mail").EmailConfigs!);
        Assert.Equal(("ops@example.com", "am@example.com", "smtp.example.com:587", "am", "smtp-password-1"),
            (mail.To, mail.From, mail.Smarthost, mail.AuthUsername, mail.AuthPassword));
        Assert.True(mail.RequireTls);
        var relay = Assert.Single(file.Receivers.Single(r => r.Name == "relay").EmailConfigs!);
        Assert.Null(relay.AuthUsername);
        Assert.Null(relay.AuthPassword);
        var slack = Assert.Single(file.Receivers.Single(r => r.Name == "ops-slack").SlackConfigs!);
        Assert.Equal((Secrets["ops-slack"], "#alerts", true), (slack.ApiUrl, slack.Channel, slack.SendResolved));
        Assert.Equal(Secrets["ops-teams"], Assert.Single(file.Receivers.Single(r => r.Name == "ops-teams").TeamsConfigs!).WebhookUrl);
        Assert.Equal(Secrets["on-call"], Assert.Single(file.Receivers.Single(r => r.Name == "on-call").PagerDutyConfigs!).RoutingKey);
        var hook = Assert.Single(file.Receivers.Single(r => r.Name == "heartbeat").WebhookConfigs!);
        Assert.Equal((Secrets["heartbeat"], false), (hook.Url, hook.SendResolved));
        // Each receiver has exactly one notifier.
        Assert.All(file.Receivers.Skip(1), r => Assert.Equal(1,
            (r.EmailConfigs?.Count ?? 0) + (r.SlackConfigs?.Count ?? 0) + (r.TeamsConfigs?.Count ?? 0) + (r.PagerDutyConfigs?.Count ?? 0) + (r.WebhookConfigs?.Count ?? 0)));
    }

    [Fact]
    public void The_watchdog_goes_first_to_the_heartbeat_every_minute_and_stops_there()
    {
        var file = Decode([Mail, Heartbeat], Secrets.Where(kv => kv.Key is "ops-mail" or "heartbeat").ToDictionary());

        var first = file.Route.Routes![0];
        Assert.Equal("heartbeat", first.Receiver);
        Assert.Equal(["alertname = \"Watchdog\""], first.Matchers);
        Assert.Null(first.Continue);
        Assert.Equal(("0s", "1m", "1m"), (first.GroupWait, first.GroupInterval, first.RepeatInterval));
        Assert.Equal("null", file.Route.Receiver);
        // The heartbeat gets nothing else: no other route names it.
        Assert.Single(file.Route.Routes, r => r.Receiver == "heartbeat");

        // Without a watchdog receiver the Watchdog is dropped, still before any receiver's route.
        var quiet = Decode([Mail], Secrets.Where(kv => kv.Key == "ops-mail").ToDictionary());
        Assert.Equal("null", quiet.Route.Routes![0].Receiver);
        Assert.Equal(["alertname = \"Watchdog\""], quiet.Route.Routes[0].Matchers);
    }

    [Fact]
    public void Each_receiver_gets_its_severities_and_the_next_receivers_too()
    {
        var file = Decode([Mail, Relay, PagerDuty], Secrets.Where(kv => kv.Key is "ops-mail" or "on-call").ToDictionary());

        var routes = file.Route.Routes!.Skip(2).ToList();
        Assert.Equal(["ops-mail", "relay", "on-call"], routes.Select(r => r.Receiver));
        Assert.Equal(["severity =~ \"critical|warning\""], routes[0].Matchers);
        Assert.Equal(["severity =~ \"critical\""], routes[1].Matchers);
        Assert.All(routes, r => Assert.True(r.Continue));
        Assert.Equal("null", file.Route.Routes![1].Receiver);
        Assert.Equal(["alertname = \"InfoInhibitor\""], file.Route.Routes[1].Matchers);
        // kube-prometheus-stack's inhibit rules: a critical alert silences the warnings of the same alert.
        Assert.Equal(["severity = critical"], file.InhibitRules[0].SourceMatchers);
        Assert.Equal(4, file.InhibitRules.Count);
    }

    [Fact]
    public void No_receivers_give_a_valid_file_that_drops_everything()
    {
        var file = Decode([], new Dictionary<string, string>());

        Assert.Equal(["null"], file.Receivers.Select(r => r.Name));
        Assert.Equal(["null", "null"], file.Route.Routes!.Select(r => r.Receiver));
    }

    [Fact]
    public void Missing_unknown_and_non_https_secrets_are_refused_without_quoting_them()
    {
        var missing = AlertmanagerConfiguration.Problems([Slack, PagerDuty], new Dictionary<string, string> { ["ops-slack"] = Secrets["ops-slack"] });
        Assert.Equal("receiver 'on-call' needs the PagerDuty routing key under \"on-call\" in platform:monitoringSecrets.", Assert.Single(missing));

        var plain = AlertmanagerConfiguration.Problems([Slack, Heartbeat], new Dictionary<string, string>
        {
            ["ops-slack"] = "http://hooks.example.com/secret-x",
            ["heartbeat"] = "https://hc.example.com:8443/secret-y",
            ["stale"] = "secret-z",
        });
        Assert.Equal(3, plain.Count);
        Assert.Contains(plain, p => p.StartsWith("receiver 'ops-slack': its secret in platform:monitoringSecrets is not an https URL", StringComparison.Ordinal));
        Assert.Contains(plain, p => p.StartsWith("receiver 'heartbeat': its secret", StringComparison.Ordinal));
        Assert.Contains(plain, p => p.StartsWith("platform:monitoringSecrets has \"stale\"", StringComparison.Ordinal));
        Assert.All(plain, p => Assert.DoesNotContain("secret-", p, StringComparison.Ordinal));

        var unused = AlertmanagerConfiguration.Problems([Relay], new Dictionary<string, string> { ["relay"] = "secret-w" });
        Assert.Contains("e-mail without a username", Assert.Single(unused), StringComparison.Ordinal);

        var error = Assert.Throws<ArgumentException>(() => AlertmanagerConfiguration.Render([Slack], new Dictionary<string, string> { ["ops-slack"] = "ftp://secret-v" }));
        Assert.DoesNotContain("secret-v", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ops_Mail", "name must be a DNS-1123 label")]
    [InlineData("null", "the name null is Alertmanager's receiver that drops alerts")]
    [InlineData("to", "to must be one or more e-mail addresses")]
    [InlineData("from", "from must be the sender's e-mail address")]
    [InlineData("smarthost", "smarthost must be the SMTP server as host:port")]
    [InlineData("severities", "'page' is not a severity of the default rules")]
    public void A_bad_email_receiver_names_the_field(string field, string expected)
    {
        var receiver = field switch
        {
            "to" => Mail with { To = "ops" },
            "from" => Mail with { From = "" },
            "smarthost" => Mail with { Smarthost = "smtp.example.com" },
            "severities" => Mail with { Severities = ["page"] },
            _ => Mail with { Name = field },
        };

        Assert.Contains(receiver.Validate(), p => p.Contains(expected, StringComparison.Ordinal));
        Assert.Empty(Mail.Validate());
    }

    [Fact]
    public void Fields_of_another_kind_are_refused()
    {
        Assert.Contains((Slack with { To = "x@example.com" }).Validate(), p => p.Contains("for e-mail receivers only", StringComparison.Ordinal));
        Assert.Contains((Teams with { Channel = "#x" }).Validate(), p => p.Contains("channel is for Slack receivers only", StringComparison.Ordinal));
        Assert.Contains((Heartbeat with { Severities = ["critical"] }).Validate(), p => p.Contains("gets only the Watchdog", StringComparison.Ordinal));
        Assert.Equal(587, Mail.Port);
        Assert.Equal(443, Slack.Port);
    }
}
