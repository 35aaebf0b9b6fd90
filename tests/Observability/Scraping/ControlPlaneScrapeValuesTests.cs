using Platform.Components.Observability.Scraping;
using Platform.Tests.Harness;

namespace Platform.Tests.Observability.Scraping;

/// <summary>kube-prometheus-stack's control-plane scrape values: paths the chart reads, every scrape of a proxied
/// component verified for the proxies' certificate name, on the proxies' ports.</summary>
public class ControlPlaneScrapeValuesTests
{
    private const string Chart = "kube-prometheus-stack";
    private const string Version = "88.5.3";

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Every_value_is_a_path_kube_prometheus_stack_reads(bool kubeProxy, bool kubeletCertificates)
    {
        var values = ControlPlaneScrapeValues.Render(new ControlPlaneScrapeOptions { KubeProxy = kubeProxy, KubeletServingCertificates = kubeletCertificates });
        Assert.Empty(ChartPaths.Unread(Chart, Version, values));
        Assert.Equal(new[] { "kubeApiServer", "kubelet", "kubeControllerManager", "kubeScheduler", "kubeEtcd", "kubeProxy" }, values.Keys);
    }

    [Theory]
    [InlineData("kubeControllerManager", 10357)]
    [InlineData("kubeScheduler", 10359)]
    [InlineData("kubeEtcd", 2481)]
    public void A_proxied_component_is_scraped_on_its_proxy_port_over_verified_tls(string component, int port)
    {
        var values = ControlPlaneScrapeValues.Render(new ControlPlaneScrapeOptions());
        Assert.Equal(true, ValuesTree.At(values, $"{component}.enabled"));
        Assert.Equal(port, ValuesTree.At(values, $"{component}.service.port"));
        Assert.Equal(port, ValuesTree.At(values, $"{component}.service.targetPort"));
        // The chart's Service in kube-system selects the control-plane proxies' pods (their addresses are the nodes').
        Assert.Equal(new Dictionary<string, object> { ["app.kubernetes.io/name"] = "control-plane-metrics-proxy", ["app.kubernetes.io/managed-by"] = "platform" },
            ValuesTree.At(values, $"{component}.service.selector"));
        Assert.Equal(MetricsProxyIdentity.Labels(MetricsProxyIdentity.ControlPlaneApp).ToDictionary(kv => kv.Key, kv => (object)kv.Value),
            ValuesTree.At(values, $"{component}.service.selector"));
        Assert.Equal(false, ValuesTree.At(values, $"{component}.serviceMonitor.insecureSkipVerify"));
        Assert.Equal(MetricsProxyIdentity.ServerName, ValuesTree.At(values, $"{component}.serviceMonitor.serverName"));
    }

    [Fact]
    public void The_proxy_ports_are_the_upstreams_ports_of_the_proxy()
    {
        var values = ControlPlaneScrapeValues.Render(new ControlPlaneScrapeOptions());
        Assert.Equal(MetricsUpstreams.ControllerManager.ListenPort, ValuesTree.At(values, "kubeControllerManager.service.port"));
        Assert.Equal(MetricsUpstreams.Scheduler.ListenPort, ValuesTree.At(values, "kubeScheduler.service.port"));
        Assert.Equal(MetricsUpstreams.Etcd.ListenPort, ValuesTree.At(values, "kubeEtcd.service.port"));
        // HTTPS for the controller manager and the scheduler; etcd says it with its scheme, its CA file and token file.
        Assert.Equal(true, ValuesTree.At(values, "kubeControllerManager.serviceMonitor.https"));
        Assert.Equal(true, ValuesTree.At(values, "kubeScheduler.serviceMonitor.https"));
        Assert.Equal("https", ValuesTree.At(values, "kubeEtcd.serviceMonitor.scheme"));
        Assert.Equal("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt", ValuesTree.At(values, "kubeEtcd.serviceMonitor.caFile"));
        Assert.Equal("/var/run/secrets/kubernetes.io/serviceaccount/token", ValuesTree.At(values, "kubeEtcd.serviceMonitor.bearerTokenFile"));
        Assert.False(ValuesTree.Has(values, "kubeEtcd.serviceMonitor.certFile"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Kubelets_are_verified_against_the_cluster_ca_when_it_signs_their_serving_certificates(bool signed)
    {
        var values = ControlPlaneScrapeValues.Render(new ControlPlaneScrapeOptions { KubeletServingCertificates = signed });
        Assert.Equal(true, ValuesTree.At(values, "kubelet.serviceMonitor.https"));
        Assert.Equal(!signed, ValuesTree.At(values, "kubelet.serviceMonitor.insecureSkipVerify"));
        Assert.Equal(true, ValuesTree.At(values, "kubelet.serviceMonitor.cAdvisor"));
        // The API server: the chart's default, verified for the name kubeadm's certificate carries.
        Assert.Equal(false, ValuesTree.At(values, "kubeApiServer.tlsConfig.insecureSkipVerify"));
        Assert.Equal("kubernetes", ValuesTree.At(values, "kubeApiServer.tlsConfig.serverName"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Kube_proxy_keeps_its_rules_where_it_runs_and_the_platform_scrapes_it(bool kubeProxy)
    {
        var values = ControlPlaneScrapeValues.Render(new ControlPlaneScrapeOptions { KubeProxy = kubeProxy });
        Assert.Equal(kubeProxy, ValuesTree.At(values, "kubeProxy.enabled"));
        // The chart's kube-proxy ServiceMonitor cannot name the TLS server: the metrics proxy component brings its own.
        Assert.Equal(false, ValuesTree.At(values, "kubeProxy.service.enabled"));
        Assert.Equal(false, ValuesTree.At(values, "kubeProxy.serviceMonitor.enabled"));
    }
}
