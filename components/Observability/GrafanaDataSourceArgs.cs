using Pulumi;

namespace Platform.Components.Observability;

/// <summary>One Grafana data source that <see cref="GrafanaDataSource"/> provisions.</summary>
public sealed record GrafanaDataSourceArgs
{
    /// <summary>The data source's short name, a DNS-1123 label (e.g. <c>jaeger</c>): the Secret is
    /// <c>grafana-datasource-&lt;name&gt;</c>, its key <c>&lt;name&gt;.yaml</c>. Required.</summary>
    public required string Name { get; init; }

    /// <summary>The provisioning file (<see cref="Monitoring.GrafanaDataSourceDocuments"/>); kept a secret. Required.</summary>
    public required Input<string> Document { get; init; }

    /// <summary>Grafana's namespace (<see cref="MetricsScraping.Namespace"/>). Default <c>monitoring</c>.</summary>
    public string Namespace { get; init; } = "monitoring";

    /// <summary>What the Secret waits for (the monitoring namespace). Default none.</summary>
    public IReadOnlyList<Resource> After { get; init; } = [];
}
