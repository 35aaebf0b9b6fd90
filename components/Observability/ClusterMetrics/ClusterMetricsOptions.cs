namespace Platform.Components.Observability.ClusterMetrics;

/// <summary>How the cluster metrics layer runs (<see cref="ClusterMetricsLayer"/>).</summary>
public sealed record ClusterMetricsOptions
{
    /// <summary>metrics-server replicas. Default 1; the stacks give 2 from the medium tier up. With more than one, a
    /// PodDisruptionBudget keeps one serving the metrics API (HorizontalPodAutoscalers, <c>kubectl top</c>) through
    /// node drains, and the replicas prefer different nodes.</summary>
    public int MetricsServerReplicas { get; init; } = 1;

    /// <summary>Whether cert-manager (the certificates capability) issues metrics-server's serving certificate (and
    /// renews it; its CA injector writes the CA into the APIService). Default false: Helm generates one at install,
    /// valid ten years (<see cref="MetricsServerValues.HelmCertificateDays"/>). The API server verifies it either way,
    /// as metrics-server verifies the kubelets.</summary>
    public bool ServingCertificateFromCertManager { get; init; }

    /// <summary>Whether kube-state-metrics runs in this layer. Default true; the monitoring layer, once it runs its own,
    /// switches this off.</summary>
    public bool KubeStateMetrics { get; init; } = true;

    /// <summary>What is wrong with the options, if anything.</summary>
    public IReadOnlyList<string> Validate() =>
        MetricsServerReplicas is < 1 or > 10 ? [$"metrics-server replicas must be 1 to 10, not {MetricsServerReplicas}."] : [];
}
