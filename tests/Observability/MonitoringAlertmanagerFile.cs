using System.Text.Json.Serialization;

namespace Platform.Tests.Observability;

// Alertmanager's configuration file as Alertmanager v0.34.0 (kube-prometheus-stack 88.5.3's image) reads it:
// prometheus/alertmanager config/config.go (Config, Route, InhibitRule, Receiver) and config/notifiers.go (EmailConfig,
// SlackConfig, MSTeamsV2Config, PagerdutyConfig, WebhookConfig), yaml tags. Only the fields the platform writes are
// modelled; strict decoding refuses any other, so a misspelt or misplaced field fails.

internal sealed record AlertmanagerFile(
    [property: JsonPropertyName("global")] AlertmanagerGlobal Global,
    [property: JsonPropertyName("route")] AlertmanagerRoute Route,
    [property: JsonPropertyName("inhibit_rules")] IReadOnlyList<AlertmanagerInhibitRule> InhibitRules,
    [property: JsonPropertyName("receivers")] IReadOnlyList<AlertmanagerReceiver> Receivers);

internal sealed record AlertmanagerGlobal([property: JsonPropertyName("resolve_timeout")] string ResolveTimeout);

internal sealed record AlertmanagerRoute(
    [property: JsonPropertyName("receiver")] string Receiver,
    [property: JsonPropertyName("group_by")] IReadOnlyList<string>? GroupBy = null,
    [property: JsonPropertyName("matchers")] IReadOnlyList<string>? Matchers = null,
    [property: JsonPropertyName("continue")] bool? Continue = null,
    [property: JsonPropertyName("group_wait")] string? GroupWait = null,
    [property: JsonPropertyName("group_interval")] string? GroupInterval = null,
    [property: JsonPropertyName("repeat_interval")] string? RepeatInterval = null,
    [property: JsonPropertyName("routes")] IReadOnlyList<AlertmanagerRoute>? Routes = null);

internal sealed record AlertmanagerInhibitRule(
    [property: JsonPropertyName("target_matchers")] IReadOnlyList<string> TargetMatchers,
    [property: JsonPropertyName("source_matchers")] IReadOnlyList<string>? SourceMatchers = null,
    [property: JsonPropertyName("equal")] IReadOnlyList<string>? Equal = null);

internal sealed record AlertmanagerReceiver(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("email_configs")] IReadOnlyList<AlertmanagerEmail>? EmailConfigs = null,
    [property: JsonPropertyName("slack_configs")] IReadOnlyList<AlertmanagerSlack>? SlackConfigs = null,
    [property: JsonPropertyName("msteamsv2_configs")] IReadOnlyList<AlertmanagerTeams>? TeamsConfigs = null,
    [property: JsonPropertyName("pagerduty_configs")] IReadOnlyList<AlertmanagerPagerDuty>? PagerDutyConfigs = null,
    [property: JsonPropertyName("webhook_configs")] IReadOnlyList<AlertmanagerWebhook>? WebhookConfigs = null);

internal sealed record AlertmanagerEmail(
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("smarthost")] string Smarthost,
    [property: JsonPropertyName("require_tls")] bool RequireTls,
    [property: JsonPropertyName("send_resolved")] bool SendResolved,
    [property: JsonPropertyName("auth_username")] string? AuthUsername = null,
    [property: JsonPropertyName("auth_password")] string? AuthPassword = null);

internal sealed record AlertmanagerSlack(
    [property: JsonPropertyName("api_url")] string ApiUrl,
    [property: JsonPropertyName("send_resolved")] bool SendResolved,
    [property: JsonPropertyName("channel")] string? Channel = null);

internal sealed record AlertmanagerTeams(
    [property: JsonPropertyName("webhook_url")] string WebhookUrl,
    [property: JsonPropertyName("send_resolved")] bool SendResolved);

internal sealed record AlertmanagerPagerDuty(
    [property: JsonPropertyName("routing_key")] string RoutingKey,
    [property: JsonPropertyName("send_resolved")] bool SendResolved);

internal sealed record AlertmanagerWebhook(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("send_resolved")] bool SendResolved);
