using Platform.Components.Identity;
using Platform.Components.Networking;
using Platform.Components.Observability.Monitoring;
using Pulumi;

namespace Platform.Components.Observability;

/// <summary>What <see cref="MonitoringLayer"/> installs, and the facts of the stack it needs.</summary>
public sealed record MonitoringLayerArgs
{
    /// <summary>Sizing, storage, receivers and Grafana's hostname. Required.</summary>
    public required MonitoringOptions Options { get; init; }

    /// <summary>The release holding the Prometheus Operator's CRDs (<see cref="MonitoringCrds.Release"/>), which the stack's
    /// release waits for. Required.</summary>
    public required Resource Crds { get; init; }

    /// <summary>The StorageClass of Prometheus's and Alertmanager's volumes (the platform's, from the storage capability);
    /// null with <see cref="MonitoringOptions.Ephemeral"/>. Default null.</summary>
    public string? StorageClass { get; init; }

    /// <summary>What the volumes wait for: the storage layer's release holding the StorageClass, when the platform
    /// deploys it. Default none.</summary>
    public IReadOnlyList<Resource> StorageReady { get; init; } = [];

    /// <summary>Whether the stack runs its own kube-state-metrics, because the cluster metrics layer is off. Default
    /// false.</summary>
    public bool KubeStateMetrics { get; init; }

    /// <summary>The default IngressClass Grafana is exposed through (with <see cref="MonitoringOptions.GrafanaHost"/>),
    /// and the namespace of its controller, which may reach Grafana's port; null without the ingress capability.
    /// Default null.</summary>
    public (string ClassName, string ControllerNamespace)? Ingress { get; init; }

    /// <summary>The cert-manager ClusterIssuer of Grafana's certificate; null without the certificates capability.
    /// Default null.</summary>
    public string? ClusterIssuer { get; init; }

    /// <summary>The receivers' secrets: a JSON object of receiver name to its secret (<c>platform:monitoringSecrets</c>),
    /// a Pulumi secret; null when no receiver needs one. Default null.</summary>
    public Input<string>? ReceiverSecrets { get; init; }

    /// <summary>Grafana plugins installed when Grafana starts (<c>grafana.plugins</c>, each <c>id@version</c>, downloaded
    /// from grafana.com: Grafana's namespace then reaches HTTPS anywhere), e.g. the OpenSearch data source's when the
    /// logging capability is on. Default none.</summary>
    public IReadOnlyList<string> GrafanaPlugins { get; init; } = [];

    /// <summary>The platform's dashboards (<see cref="Monitoring.Dashboards.PlatformDashboards"/>), each provisioned as a
    /// ConfigMap labelled <c>grafana_dashboard: "1"</c>. Default none.</summary>
    public IReadOnlyList<Monitoring.Dashboards.GrafanaDashboard> Dashboards { get; init; } = [];

    /// <summary>Values merged over kube-prometheus-stack's (<see cref="KubePrometheusStackInputs.ControlPlaneScrapeValues"/>):
    /// the control-plane scrape settings. Default none (the control-plane targets stay off).</summary>
    public IReadOnlyDictionary<string, object> ControlPlaneScrapeValues { get; init; } = new Dictionary<string, object>();

    /// <summary>The platform's identity provider, when the authentication capability is on: Grafana (served over https)
    /// then signs its users in through it with its client (<see cref="OidcClients.Grafana"/>), beside the local
    /// admin login. Default null.</summary>
    public IdentityProvider? Identity { get; init; }

    /// <summary>How Grafana reaches the identity provider's public issuer URL (its egress allowance); required with
    /// <see cref="Identity"/>. Default null.</summary>
    public IssuerRoute? IssuerRoute { get; init; }

    /// <summary>More traffic the monitoring namespace allows (e.g. Prometheus reaching control-plane metrics ports on the
    /// nodes), beside the layer's own allowances. Default none.</summary>
    public IReadOnlyList<NetworkAllowance> ExtraAllowances { get; init; } = [];
}
