namespace Platform.Components.Observability.Scraping;

/// <summary>The names the metrics proxy is known by: where it runs, the labels of its pods (which the scrape Services
/// select), the name its serving certificate is issued for (which Prometheus verifies) and the user its client
/// certificate names (which the controller manager and the scheduler authorise).</summary>
public static class MetricsProxyIdentity
{
    /// <summary>The proxies run in <c>kube-system</c>: kube-prometheus-stack's control-plane Services are created there
    /// and select pods of their own namespace, and host networking needs the privileged Pod Security level, which
    /// <c>kube-system</c> has (as the static pods and kube-proxy beside them).</summary>
    public const string Namespace = "kube-system";

    /// <summary>The <c>app.kubernetes.io/name</c> of the control-plane proxies' pods.</summary>
    public const string ControlPlaneApp = "control-plane-metrics-proxy";

    /// <summary>The <c>app.kubernetes.io/name</c> of the node proxies' pods (kube-proxy's metrics, on every node).</summary>
    public const string NodeApp = "node-metrics-proxy";

    /// <summary>The DNS name in the proxies' serving certificate, which every scrape names as its TLS server name: the
    /// proxies listen on node addresses, which may be host names or change with the inventory, so the certificate
    /// names the service instead of the addresses.</summary>
    public const string ServerName = "metrics-proxy.kube-system.svc";

    /// <summary>The user (common name) of the proxies' client certificate, which the controller manager and the scheduler
    /// authenticate (signed by the cluster CA) and authorise for <c>get /metrics</c> only.</summary>
    public const string UpstreamUser = "platform:metrics-proxy";

    /// <summary>The pod labels of the proxies named <paramref name="app"/>.</summary>
    public static IReadOnlyDictionary<string, string> Labels(string app) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = app,
        ["app.kubernetes.io/managed-by"] = "platform",
    };
}
