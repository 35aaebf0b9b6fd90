namespace Platform.Components.Observability.Monitoring.Dashboards;

/// <summary>A small Grafana dashboard of Prometheus panels (<see cref="DashboardJson"/> renders it): the monitoring
/// layer provisions it as a ConfigMap labelled <c>grafana_dashboard: "1"</c>.</summary>
public sealed record GrafanaDashboard
{
    /// <summary>The dashboard's uid, a DNS-1123 label (its ConfigMap is <c>grafana-dashboard-&lt;uid&gt;</c>). Required.</summary>
    public required string Uid { get; init; }

    /// <summary>The dashboard's title. Required.</summary>
    public required string Title { get; init; }

    /// <summary>The panels, in reading order (two per row). Required.</summary>
    public required IReadOnlyList<DashboardPanel> Panels { get; init; }

    /// <summary>The tags Grafana lists it under. Default <c>platform</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = ["platform"];
}
