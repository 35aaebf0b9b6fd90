namespace Platform.Components.Observability.Monitoring.Dashboards;

/// <summary>One panel of a <see cref="GrafanaDashboard"/>: a title, how it shows, the unit of its values (a Grafana unit
/// id: <c>reqps</c>, <c>percentunit</c>, <c>bytes</c>, <c>s</c>, <c>ms</c>, <c>short</c>) and its queries.</summary>
public sealed record DashboardPanel
{
    /// <summary>The panel's title. Required.</summary>
    public required string Title { get; init; }

    /// <summary>How the panel shows. Default <see cref="PanelKind.TimeSeries"/>.</summary>
    public PanelKind Kind { get; init; } = PanelKind.TimeSeries;

    /// <summary>The unit of the values. Default <c>short</c>.</summary>
    public string Unit { get; init; } = "short";

    /// <summary>What the panel is for, shown on hover. Default none.</summary>
    public string Description { get; init; } = "";

    /// <summary>The queries, at least one. Required.</summary>
    public required IReadOnlyList<DashboardQuery> Queries { get; init; }
}
