using Platform.Components.Observability.Tracing;
using Pulumi;

namespace Platform.Components.Observability;

/// <summary>What <see cref="TracingLayer"/> installs, and the facts of the stack it needs.</summary>
public sealed record TracingLayerArgs
{
    /// <summary>Sampling, replicas, resources, retention and the UI's hostname. Required.</summary>
    public required TracingOptions Options { get; init; }

    /// <summary>The logging layer's OpenSearch, where traces are kept (as the <see cref="LoggingClients.Jaeger"/> user);
    /// null without the logging capability: the memory storage then, lost when the pod restarts. Default null.</summary>
    public LoggingBackend? Logging { get; init; }

    /// <summary>Replicas of each trace index's shard in OpenSearch (0 for a one-node OpenSearch). Default 1.</summary>
    public int IndexReplicas { get; init; } = 1;

    /// <summary>Prometheus's namespace and the Prometheus Operator's CRDs when monitoring is on: the layer then adds a
    /// ServiceMonitor for Jaeger's metrics and Grafana's Jaeger data source. Default null.</summary>
    public MetricsScraping? Metrics { get; init; }

    /// <summary>What Grafana's data source Secret waits for: the monitoring namespace
    /// (<see cref="MonitoringLayer.NamespaceResource"/>). Default none.</summary>
    public IReadOnlyList<Resource> GrafanaReady { get; init; } = [];

    /// <summary>The default IngressClass the UI is exposed through (with <see cref="TracingOptions.Host"/>), and the
    /// namespace of its controller, which may reach the UI's port; null without the ingress capability. Default null.</summary>
    public (string ClassName, string ControllerNamespace)? Ingress { get; init; }

    /// <summary>The cert-manager ClusterIssuer of the UI's certificate; null without the certificates capability.
    /// Default null.</summary>
    public string? ClusterIssuer { get; init; }
}
