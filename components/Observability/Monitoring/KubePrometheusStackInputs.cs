using Platform.Components.Identity;

namespace Platform.Components.Observability.Monitoring;

/// <summary>What <see cref="KubePrometheusStackValues"/> needs beyond <see cref="MonitoringOptions"/>: facts of the stack
/// the monitoring layer is composed into.</summary>
public sealed record KubePrometheusStackInputs
{
    /// <summary>The StorageClass of Prometheus's and Alertmanager's volumes; null with
    /// <see cref="MonitoringOptions.Ephemeral"/> (emptyDir). Default null.</summary>
    public string? StorageClass { get; init; }

    /// <summary>Whether the stack runs its own kube-state-metrics (the subchart), because the cluster metrics layer,
    /// which otherwise runs the one kube-state-metrics, is off. Default false.</summary>
    public bool KubeStateMetrics { get; init; }

    /// <summary>The default IngressClass Grafana is exposed through, when <see cref="MonitoringOptions.GrafanaHost"/> is
    /// set; null without the ingress capability (then no Ingress). Default null.</summary>
    public string? IngressClass { get; init; }

    /// <summary>The cert-manager ClusterIssuer of Grafana's TLS certificate; null without the certificates capability
    /// (the Ingress serves plain HTTP then). Default null.</summary>
    public string? ClusterIssuer { get; init; }

    /// <summary>Grafana plugins installed at start (<c>grafana.plugins</c>, <c>id@version</c>); Grafana downloads them
    /// from grafana.com. Default none.</summary>
    public IReadOnlyList<string> GrafanaPlugins { get; init; } = [];

    /// <summary>Values merged over the rendered ones (maps key by key, anything else replaced): the control-plane scrape
    /// settings (<c>kubeControllerManager</c>, <c>kubeScheduler</c>, <c>kubeEtcd</c>, <c>kubeProxy</c>, <c>kubelet</c>),
    /// which the base values leave disabled. Default none.</summary>
    public IReadOnlyDictionary<string, object> ControlPlaneScrapeValues { get; init; } = new Dictionary<string, object>();

    /// <summary>Grafana's single sign-on through the platform's identity provider (generic OAuth), when Grafana is served
    /// over https and the authentication capability is on; null keeps the local admin login alone. Default null.</summary>
    public OidcLogin? SingleSignOn { get; init; }
}
