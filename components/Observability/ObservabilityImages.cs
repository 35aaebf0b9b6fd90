namespace Platform.Components.Observability;

/// <summary>Container images the observability layers run outside a chart, pinned here once.</summary>
public static class ObservabilityImages
{
    /// <summary>kube-rbac-proxy, which serves the loopback-bound metrics endpoints (<see cref="Scraping.MetricsUpstreams"/>)
    /// to Prometheus after a TokenReview and a SubjectAccessReview. v0.22.1, the version kube-state-metrics 8.4.0 pins
    /// (its values.yaml, <c>kubeRBACProxy.image</c>; the Prometheus community charts track brancz/kube-rbac-proxy's
    /// releases).</summary>
    public const string KubeRbacProxy = "quay.io/brancz/kube-rbac-proxy:v0.22.1";
}
