using Platform.Components.Cluster.Kubeadm;

namespace Platform.Components.GitOps;

/// <summary>What Argo CD's notifications controller sends and where (<c>argocd-notifications-cm</c>): a failed sync and
/// a degraded application, of every Application, as alerts to the monitoring layer's Alertmanager through Argo CD's
/// <c>alertmanager</c> service (its API v2). Alertmanager routes them by their <c>severity</c> label to the receivers
/// of <c>platform:monitoring.alertmanager.receivers</c>, with their secrets from <c>platform:monitoringSecrets</c>, so
/// the receivers and their secrets stay in one place, and its grouping, silences and inhibition apply to them too. An
/// alert carries no end time: Alertmanager resolves it after its <c>resolve_timeout</c> (5 minutes).
/// Source: <c>https://argo-cd.readthedocs.io/en/stable/operator-manual/notifications/services/alertmanager/</c>.</summary>
public static class ArgoCdNotifications
{
    /// <summary>The service (and the recipient of the default subscription).</summary>
    public const string Service = "alertmanager";

    /// <summary>The trigger of a sync that ended in Error or Failed.</summary>
    public const string SyncFailedTrigger = "on-sync-failed";

    /// <summary>The trigger of an application whose health is Degraded.</summary>
    public const string HealthDegradedTrigger = "on-health-degraded";

    /// <summary>The alerts' names (their <c>alertname</c> label), by trigger.</summary>
    public static IReadOnlyDictionary<string, string> AlertNames { get; } = new Dictionary<string, string>
    {
        [SyncFailedTrigger] = "ArgoCdSyncFailed",
        [HealthDegradedTrigger] = "ArgoCdApplicationDegraded",
    }.AsReadOnly();

    /// <summary>The severity every alert carries (Alertmanager's routing label).</summary>
    public const string Severity = "warning";

    /// <summary>The chart's <c>notifications.notifiers</c>: the <c>service.alertmanager</c> entry for Alertmanager at
    /// <paramref name="alertmanagerHostPort"/> (<c>host:port</c>, plain HTTP inside the cluster).</summary>
    public static IReadOnlyDictionary<string, object> Notifiers(string alertmanagerHostPort)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alertmanagerHostPort);
        return new Dictionary<string, object>
        {
            [$"service.{Service}"] = KubeadmYaml.Serialize(KubeadmYaml.Map(
                ("targets", new List<string> { alertmanagerHostPort }),
                ("scheme", "http"),
                ("apiPath", "/api/v2/alerts"))),
        };
    }

    /// <summary>The chart's <c>notifications.triggers</c>: <c>trigger.&lt;name&gt;</c> entries, each a list of
    /// conditions in Argo CD's expression language.</summary>
    public static IReadOnlyDictionary<string, object> Triggers() => new Dictionary<string, object>
    {
        [$"trigger.{SyncFailedTrigger}"] = Trigger("An Application's sync has failed.", SyncFailedTrigger,
            "app.status.operationState != nil and app.status.operationState.phase in ['Error', 'Failed']"),
        [$"trigger.{HealthDegradedTrigger}"] = Trigger("An Application has degraded.", HealthDegradedTrigger,
            "app.status.health.status == 'Degraded'"),
    };

    /// <summary>The chart's <c>notifications.templates</c>: one <c>template.&lt;trigger&gt;</c> per trigger, the alert's
    /// labels, annotations and a link to the Application in Argo CD.</summary>
    public static IReadOnlyDictionary<string, object> Templates() => new Dictionary<string, object>
    {
        [$"template.{SyncFailedTrigger}"] = Template(SyncFailedTrigger,
            "Argo CD could not sync {{.app.metadata.name}}",
            "The sync of {{.app.metadata.name}} (project {{.app.spec.project}}) ended in {{.app.status.operationState.phase}}: {{.app.status.operationState.message}}"),
        [$"template.{HealthDegradedTrigger}"] = Template(HealthDegradedTrigger,
            "{{.app.metadata.name}} is degraded",
            "Argo CD reports {{.app.metadata.name}} (project {{.app.spec.project}}) as Degraded: {{.app.status.health.message}}"),
    };

    /// <summary>The chart's <c>notifications.subscriptions</c>: every Application, both triggers, to Alertmanager.</summary>
    public static object[] Subscriptions() =>
    [
        new Dictionary<string, object>
        {
            ["recipients"] = new object[] { Service },
            ["triggers"] = new object[] { SyncFailedTrigger, HealthDegradedTrigger },
        },
    ];

    private static string Trigger(string description, string template, string when) => KubeadmYaml.Serialize(new List<object>
    {
        KubeadmYaml.Map(("description", description), ("send", new List<string> { template }), ("when", when)),
    });

    private static string Template(string trigger, string summary, string description) => KubeadmYaml.Serialize(KubeadmYaml.Map(
        ("message", summary),
        (Service, KubeadmYaml.Map(
            ("labels", KubeadmYaml.Map(
                ("alertname", AlertNames[trigger]),
                ("severity", Severity),
                ("namespace", "{{.app.metadata.namespace}}"),
                ("application", "{{.app.metadata.name}}"),
                ("project", "{{.app.spec.project}}"))),
            ("annotations", KubeadmYaml.Map(("summary", summary), ("description", description))),
            ("generatorURL", "{{.context.argocdUrl}}/applications/{{.app.metadata.namespace}}/{{.app.metadata.name}}")))));
}
