namespace Platform.Components.Observability.Monitoring.Dashboards;

/// <summary>One PromQL query of a panel, with the legend of its series (Grafana's <c>legendFormat</c>, e.g.
/// <c>{{schedule}}</c>).</summary>
/// <param name="Expr">The PromQL expression.</param>
/// <param name="Legend">The series' legend; empty for Grafana's default.</param>
public sealed record DashboardQuery(string Expr, string Legend = "");
