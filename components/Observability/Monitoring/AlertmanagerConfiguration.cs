using Platform.Components.Cluster.Kubeadm;

namespace Platform.Components.Observability.Monitoring;

/// <summary>Alertmanager's configuration file (<c>alertmanager.yaml</c>, the Prometheus project's
/// <c>https://prometheus.io/docs/alerting/latest/configuration/</c>) for the receivers of <c>platform:monitoring</c>,
/// with their secrets filled in. The monitoring layer puts it into a Kubernetes Secret whose content is a Pulumi secret
/// (<c>alertmanager.alertmanagerSpec.configSecret</c>), never into the release's values.</summary>
/// <remarks>The route tree: the always-firing <c>Watchdog</c> first, to the watchdog receiver every minute (or nowhere
/// without one), stopping there; <c>InfoInhibitor</c> (kube-prometheus-stack's helper alert) nowhere; then every other
/// receiver, each with its severities and <c>continue</c>, so an alert reaches every receiver that takes its severity.
/// Anything else goes to the <c>null</c> receiver. The inhibit rules are kube-prometheus-stack's defaults (a critical
/// alert silences the warning and info alerts of the same name and namespace).</remarks>
public static class AlertmanagerConfiguration
{
    /// <summary>The key of the Secret that holds the file: the Prometheus Operator reads <c>alertmanager.yaml</c>.</summary>
    public const string SecretKey = "alertmanager.yaml";

    /// <summary>The receiver that drops what it gets: the root route's, and the Watchdog's without a watchdog receiver.</summary>
    public const string NullReceiver = "null";

    /// <summary>The problems with <paramref name="secrets"/> (receiver name to secret) for <paramref name="receivers"/>:
    /// a receiver without its secret, a secret of no receiver, a webhook URL that is not https. The messages name the
    /// receivers and never contain a secret.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<AlertReceiver> receivers, IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(receivers);
        ArgumentNullException.ThrowIfNull(secrets);
        var problems = new List<string>();
        foreach (var receiver in receivers)
        {
            var has = secrets.TryGetValue(receiver.Name, out var secret) && !string.IsNullOrWhiteSpace(secret);
            if (receiver.NeedsSecret && !has)
                problems.Add($"receiver '{receiver.Name}' needs {receiver.SecretDescription} under \"{receiver.Name}\" in platform:monitoringSecrets.");
            else if (!receiver.NeedsSecret && secrets.ContainsKey(receiver.Name))
                problems.Add($"receiver '{receiver.Name}' is e-mail without a username, so its secret in platform:monitoringSecrets would be ignored. Add the username, or remove the secret.");
            else if (has && receiver.Kind is AlertReceiverKind.Slack or AlertReceiverKind.Teams or AlertReceiverKind.Watchdog && !IsHttpsUrl(secret!))
                problems.Add($"receiver '{receiver.Name}': its secret in platform:monitoringSecrets is not an https URL (https://host/path, port 443); Alertmanager reaches webhooks over HTTPS only.");
        }
        foreach (var name in secrets.Keys.Where(k => !receivers.Any(r => r.Name == k)))
            problems.Add($"platform:monitoringSecrets has \"{name}\", which is not a receiver of platform:monitoring.alertmanager.receivers. Remove it, or add the receiver.");
        return problems;
    }

    /// <summary>The configuration file.</summary>
    /// <exception cref="ArgumentException">A receiver is not valid, or <see cref="Problems"/> reports something; the
    /// message names the receivers, never a secret.</exception>
    public static string Render(IReadOnlyList<AlertReceiver> receivers, IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(receivers);
        ArgumentNullException.ThrowIfNull(secrets);
        var problems = receivers.SelectMany(r => r.Validate()).Concat(Problems(receivers, secrets)).ToList();
        if (problems.Count > 0)
            throw new ArgumentException($"Alertmanager receivers: {string.Join(" ", problems)}", nameof(secrets));

        var watchdog = receivers.SingleOrDefault(r => r.Kind == AlertReceiverKind.Watchdog);
        var routes = new List<object>
        {
            // Always firing: a heartbeat service alarms when it stops arriving. Without group_wait, every minute.
            KubeadmYaml.Map(
                ("receiver", watchdog?.Name ?? NullReceiver),
                ("matchers", new object[] { "alertname = \"Watchdog\"" }),
                ("group_wait", "0s"),
                ("group_interval", "1m"),
                ("repeat_interval", "1m")),
            KubeadmYaml.Map(("receiver", NullReceiver), ("matchers", new object[] { "alertname = \"InfoInhibitor\"" })),
        };
        foreach (var receiver in receivers.Where(r => r.Kind != AlertReceiverKind.Watchdog))
        {
            routes.Add(KubeadmYaml.Map(
                ("receiver", receiver.Name),
                ("matchers", new object[] { $"severity =~ \"{string.Join("|", receiver.EffectiveSeverities)}\"" }),
                ("continue", true)));
        }

        var receiverList = new List<object> { KubeadmYaml.Map(("name", NullReceiver)) };
        receiverList.AddRange(receivers.Select(r => Receiver(r, secrets.GetValueOrDefault(r.Name))));
        var document = KubeadmYaml.Map(
            ("global", KubeadmYaml.Map(("resolve_timeout", "5m"))),
            ("route", KubeadmYaml.Map(
                ("receiver", NullReceiver),
                ("group_by", new object[] { "namespace", "alertname" }),
                ("group_wait", "30s"),
                ("group_interval", "5m"),
                ("repeat_interval", "12h"),
                ("routes", routes))),
            ("inhibit_rules", InhibitRules()),
            ("receivers", receiverList));
        return KubeadmYaml.Serialize(document);
    }

    private static bool IsHttpsUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Port == 443 && uri.Host.Length > 0;

    private static Dictionary<string, object?> Receiver(AlertReceiver receiver, string? secret) => receiver.Kind switch
    {
        AlertReceiverKind.Email => KubeadmYaml.Map(("name", receiver.Name), ("email_configs", new object[]
        {
            KubeadmYaml.Map(
                ("to", receiver.To), ("from", receiver.From), ("smarthost", receiver.Smarthost),
                ("auth_username", receiver.Username), ("auth_password", receiver.Username is null ? null : secret),
                ("require_tls", true), ("send_resolved", true)),
        })),
        AlertReceiverKind.Slack => KubeadmYaml.Map(("name", receiver.Name), ("slack_configs", new object[]
        {
            KubeadmYaml.Map(("api_url", secret), ("channel", receiver.Channel), ("send_resolved", true)),
        })),
        AlertReceiverKind.Teams => KubeadmYaml.Map(("name", receiver.Name), ("msteamsv2_configs", new object[]
        {
            KubeadmYaml.Map(("webhook_url", secret), ("send_resolved", true)),
        })),
        AlertReceiverKind.PagerDuty => KubeadmYaml.Map(("name", receiver.Name), ("pagerduty_configs", new object[]
        {
            KubeadmYaml.Map(("routing_key", secret), ("send_resolved", true)),
        })),
        _ => KubeadmYaml.Map(("name", receiver.Name), ("webhook_configs", new object[]
        {
            KubeadmYaml.Map(("url", secret), ("send_resolved", false)),
        })),
    };

    // kube-prometheus-stack 88.5.3's default inhibit rules (values.yaml alertmanager.config.inhibit_rules).
    private static object[] InhibitRules() =>
    [
        KubeadmYaml.Map(
            ("source_matchers", new object[] { "severity = critical" }),
            ("target_matchers", new object[] { "severity =~ warning|info" }),
            ("equal", new object[] { "namespace", "alertname" })),
        KubeadmYaml.Map(
            ("source_matchers", new object[] { "severity = warning" }),
            ("target_matchers", new object[] { "severity = info" }),
            ("equal", new object[] { "namespace", "alertname" })),
        KubeadmYaml.Map(
            ("source_matchers", new object[] { "alertname = InfoInhibitor" }),
            ("target_matchers", new object[] { "severity = info" }),
            ("equal", new object[] { "namespace" })),
        KubeadmYaml.Map(("target_matchers", new object[] { "alertname = InfoInhibitor" })),
    ];
}
