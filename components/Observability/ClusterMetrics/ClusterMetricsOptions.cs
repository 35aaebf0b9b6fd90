namespace Platform.Components.Observability.ClusterMetrics;

/// <summary>How the cluster metrics layer runs (<see cref="ClusterMetricsLayer"/>).</summary>
public sealed record ClusterMetricsOptions
{
    /// <summary>metrics-server replicas. Default 1; the stacks give 2 from the medium tier up. With more than one, a
    /// PodDisruptionBudget keeps one serving the metrics API (HorizontalPodAutoscalers, <c>kubectl top</c>) through
    /// node drains, and the replicas prefer different nodes.</summary>
    public int MetricsServerReplicas { get; init; } = 1;

    /// <summary>Whether cert-manager (the certificates capability) issues metrics-server's serving certificate, so the
    /// API server verifies it (the APIService's CA bundle is injected by cert-manager's CA injector). Default false:
    /// metrics-server makes its own self-signed certificate, and the API server does not verify it (the chart's
    /// default). The connection from metrics-server to the kubelets is verified either way.</summary>
    public bool ServingCertificateFromCertManager { get; init; }

    /// <summary>Whether kube-state-metrics runs in this layer. Default true; the monitoring layer, once it runs its own,
    /// switches this off.</summary>
    public bool KubeStateMetrics { get; init; } = true;

    /// <summary>What is wrong with the options, if anything.</summary>
    public IReadOnlyList<string> Validate() =>
        MetricsServerReplicas is < 1 or > 10 ? [$"metrics-server replicas must be 1 to 10, not {MetricsServerReplicas}."] : [];
}
