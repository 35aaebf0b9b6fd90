namespace Platform.Components.Observability.Monitoring.Dashboards;

/// <summary>How a dashboard panel shows its queries.</summary>
public enum PanelKind
{
    /// <summary>A graph over the dashboard's time range (Grafana's <c>timeseries</c>).</summary>
    TimeSeries,

    /// <summary>The latest value, large (Grafana's <c>stat</c>).</summary>
    Stat,
}
