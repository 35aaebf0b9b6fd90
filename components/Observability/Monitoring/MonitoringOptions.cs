using System.Text.RegularExpressions;

namespace Platform.Components.Observability.Monitoring;

/// <summary>How the monitoring capability runs (<c>platform:monitoring</c>): the sizing of Prometheus and Alertmanager
/// (the stacks apply the tier's defaults, <c>MonitoringTierSizing</c>), whether their data lives in persistent volumes,
/// where Alertmanager notifies, and Grafana's hostname behind the default IngressClass.</summary>
public sealed partial record MonitoringOptions
{
    /// <summary>Prometheus: replicas (each scrapes everything: two are a highly available pair), retention, volume size,
    /// requests and memory limit. Required.</summary>
    public required ComponentSizing Prometheus { get; init; }

    /// <summary>Alertmanager: replicas (clustered: they deduplicate notifications among themselves), volume size (silences
    /// and the notification log), requests and memory limit, retention of that state. Required.</summary>
    public required ComponentSizing Alertmanager { get; init; }

    /// <summary>Whether Prometheus and Alertmanager keep their data in <c>emptyDir</c> volumes instead of persistent
    /// volumes of the platform's StorageClass: then metrics, silences and the notification log are lost whenever a pod
    /// moves or restarts. Default false: a stack without storage is refused.</summary>
    public bool Ephemeral { get; init; }

    /// <summary>Where Alertmanager sends alerts, in order. Default none: alerts show in Alertmanager's and Grafana's UIs
    /// only.</summary>
    public IReadOnlyList<AlertReceiver> Receivers { get; init; } = [];

    /// <summary>Grafana's hostname on the default IngressClass (e.g. <c>grafana.example.com</c>). Default none: no Ingress
    /// (reach Grafana with <c>kubectl port-forward</c>).</summary>
    public string? GrafanaHost { get; init; }

    /// <summary>The problems with these options, each a sentence naming the field and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        problems.AddRange(Prometheus.Validate("prometheus"));
        problems.AddRange(Alertmanager.Validate("alertmanager"));
        foreach (var receiver in Receivers)
            problems.AddRange(receiver.Validate().Select(p => "alertmanager.receivers: " + p));
        foreach (var name in Receivers.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            problems.Add($"alertmanager.receivers: the name '{name}' appears more than once; every receiver needs a name of its own (its key in platform:monitoringSecrets).");
        if (Receivers.Count(r => r.Kind == AlertReceiverKind.Watchdog) > 1)
            problems.Add("alertmanager.receivers: more than one watchdog receiver; the Watchdog alert goes to one heartbeat URL.");
        if (GrafanaHost is { } host && !Hostname().IsMatch(host))
            problems.Add($"grafana.host '{host}' is not a DNS name (dot-separated lowercase labels with at least one dot), e.g. grafana.example.com.");
        return problems;
    }

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$")]
    private static partial Regex Hostname();
}
