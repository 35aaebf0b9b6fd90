namespace Platform.Components.Observability.Scraping;

/// <summary>
/// The loopback-bound metrics endpoints of the control plane and the nodes, as kubeadm leaves them and CIS asks, and the
/// ports the metrics proxy serves them on: each upstream port plus 100, none of which Kubernetes, etcd, Cilium or Calico
/// use.
/// </summary>
/// <remarks>
/// The bind addresses are kubeadm's and stay as they are: the controller manager's and the scheduler's
/// <c>--bind-address=127.0.0.1</c> (CIS 1.3.7, 1.4.2), etcd's <c>--listen-metrics-urls=http://127.0.0.1:2381</c>, and
/// kube-proxy's <c>metricsBindAddress</c>, whose default is <c>127.0.0.1:10249</c> (the platform's
/// KubeProxyConfiguration does not set it).
/// </remarks>
public static class MetricsUpstreams
{
    /// <summary>The controller manager's secure port (HTTPS, delegated authentication and authorisation).</summary>
    public static MetricsUpstream ControllerManager { get; } = new("controller-manager", 10357, "https://127.0.0.1:10257/");

    /// <summary>The scheduler's secure port (HTTPS, delegated authentication and authorisation).</summary>
    public static MetricsUpstream Scheduler { get; } = new("scheduler", 10359, "https://127.0.0.1:10259/");

    /// <summary>etcd's metrics listener (plain HTTP, no authentication: the proxy is its only gate).</summary>
    public static MetricsUpstream Etcd { get; } = new("etcd", 2481, "http://127.0.0.1:2381/");

    /// <summary>kube-proxy's metrics listener (plain HTTP, no authentication), on every node that runs kube-proxy.</summary>
    public static MetricsUpstream KubeProxy { get; } = new("kube-proxy", 10349, "http://127.0.0.1:10249/");

    /// <summary>Calico's Felix metrics (plain HTTP, no authentication), on every node, once the platform switches them on
    /// bound to the loopback address (<c>prometheusMetricsHost</c>; Felix would listen on every address by default).</summary>
    public static MetricsUpstream CalicoFelix { get; } = new("calico-felix", 9191, "http://127.0.0.1:9091/");
}
