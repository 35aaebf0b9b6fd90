using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Observability.Scraping;

/// <summary>
/// kube-prometheus-stack's control-plane scrape values (<c>kubeApiServer</c>, <c>kubelet</c>,
/// <c>kubeControllerManager</c>, <c>kubeScheduler</c>, <c>kubeEtcd</c>, <c>kubeProxy</c>), an overlay the monitoring
/// layer merges into the chart's values. Every path is one the chart (88.5.3) reads.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>API server: the chart's default, written out: HTTPS verified against the cluster CA (Prometheus' service-account
/// <c>ca.crt</c>) for the name <c>kubernetes</c>, which kubeadm's serving certificate carries.</item>
/// <item>Kubelets (and their cAdvisor and probe metrics): HTTPS with Prometheus' token; the serving certificate is verified
/// against the cluster CA when kubelets have CA-signed serving certificates (hardening switch
/// <c>kubeletServingCertificates</c>). Without it each kubelet's certificate is self-signed and nothing can verify it:
/// the scrape then skips verification (the chart's default) and only the kubelet's authentication of Prometheus holds.</item>
/// <item>Controller manager, scheduler and etcd: kube-prometheus-stack's Services in <c>kube-system</c> select the
/// control-plane metrics proxies' pods (host network, so their addresses are the control-plane nodes') on the proxy's
/// port for that component (<see cref="MetricsUpstreams"/>); the ServiceMonitors scrape HTTPS, verify the proxy's
/// certificate against the cluster CA for <see cref="MetricsProxyIdentity.ServerName"/>, never skip verification, and
/// present Prometheus' service-account token, which the proxy reviews (TokenReview) and authorises for
/// <c>get /metrics</c> (SubjectAccessReview; kube-prometheus-stack's ClusterRole grants it).</item>
/// <item>kube-proxy: its rules and dashboards stay on, the chart's Service and ServiceMonitor are off: its ServiceMonitor
/// has no TLS server name, so it would verify the node proxies' certificate against node addresses, which the certificate
/// does not name. The metrics proxy component creates both, with the server name (see
/// <c>ControlPlaneMetricsProxy</c>). Off altogether where Cilium replaces kube-proxy.</item>
/// </list>
/// </remarks>
public static class ControlPlaneScrapeValues
{
    /// <summary>The file in every pod (Prometheus' too) holding the cluster CA.</summary>
    public const string ServiceAccountCa = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt";

    /// <summary>The file in every pod holding its service-account token.</summary>
    public const string ServiceAccountToken = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /// <summary>The values overlay for a cluster described by <paramref name="options"/>.</summary>
    public static IReadOnlyDictionary<string, object> Render(ControlPlaneScrapeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var proxySelector = MetricsProxyIdentity.Labels(MetricsProxyIdentity.ControlPlaneApp)
            .Select(kv => (kv.Key, (object)kv.Value)).ToArray();
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["kubeApiServer"] = Map(
                ("enabled", true),
                ("tlsConfig", Map(("serverName", "kubernetes"), ("insecureSkipVerify", false)))),
            ["kubelet"] = Map(
                ("enabled", true),
                ("serviceMonitor", Map(
                    ("https", true),
                    ("insecureSkipVerify", !options.KubeletServingCertificates),
                    ("cAdvisor", true),
                    ("probes", true)))),
            ["kubeControllerManager"] = Map(
                ("enabled", true),
                ("service", ProxiedService(MetricsUpstreams.ControllerManager, proxySelector)),
                ("serviceMonitor", Map(
                    ("enabled", true),
                    ("https", true),
                    ("insecureSkipVerify", false),
                    ("serverName", MetricsProxyIdentity.ServerName)))),
            ["kubeScheduler"] = Map(
                ("enabled", true),
                ("service", ProxiedService(MetricsUpstreams.Scheduler, proxySelector)),
                ("serviceMonitor", Map(
                    ("enabled", true),
                    ("https", true),
                    ("insecureSkipVerify", false),
                    ("serverName", MetricsProxyIdentity.ServerName)))),
            ["kubeEtcd"] = Map(
                ("enabled", true),
                ("service", ProxiedService(MetricsUpstreams.Etcd, proxySelector)),
                ("serviceMonitor", Map(
                    ("enabled", true),
                    ("scheme", "https"),
                    ("caFile", ServiceAccountCa),
                    ("serverName", MetricsProxyIdentity.ServerName),
                    ("insecureSkipVerify", false),
                    ("bearerTokenFile", ServiceAccountToken)))),
            ["kubeProxy"] = Map(
                ("enabled", options.KubeProxy),
                ("service", Map(("enabled", false))),
                ("serviceMonitor", Map(("enabled", false)))),
        };
    }

    private static Dictionary<string, object> ProxiedService(MetricsUpstream upstream, (string, object)[] selector) => Map(
        ("enabled", true),
        ("port", upstream.ListenPort),
        ("targetPort", upstream.ListenPort),
        ("selector", Map(selector)));
}
