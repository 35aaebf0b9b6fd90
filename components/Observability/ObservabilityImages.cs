namespace Platform.Components.Observability;

/// <summary>Container images the observability layers run outside a chart, pinned here once.</summary>
public static class ObservabilityImages
{
    /// <summary>kube-rbac-proxy, which serves the loopback-bound metrics endpoints (<see cref="Scraping.MetricsUpstreams"/>)
    /// to Prometheus after a TokenReview and a SubjectAccessReview. v0.22.1, the version kube-state-metrics 8.4.0 pins
    /// (its values.yaml, <c>kubeRBACProxy.image</c>; the Prometheus community charts track brancz/kube-rbac-proxy's
    /// releases).</summary>
    public const string KubeRbacProxy = "quay.io/brancz/kube-rbac-proxy:v0.22.1";

    /// <summary>OpenSearch 3.6.0, the image of <see cref="Catalog.HelmCharts.OpenSearch"/> 3.6.0 (its <c>appVersion</c>),
    /// which the logging layer's setup Job runs for <c>securityadmin.sh</c> and <c>curl</c>: the same version as the
    /// cluster it configures.</summary>
    public const string OpenSearch = "opensearchproject/opensearch:3.6.0";
}
