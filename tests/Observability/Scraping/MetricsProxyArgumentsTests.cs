using Platform.Components.Observability.Scraping;

namespace Platform.Tests.Observability.Scraping;

/// <summary>The kube-rbac-proxy command lines: listen on the node's address, serve /metrics only, verify HTTPS upstreams,
/// never skip a verification.</summary>
public class MetricsProxyArgumentsTests
{
    public static TheoryData<string> Upstreams() => ["controller-manager", "scheduler", "etcd", "kube-proxy", "calico-felix"];

    private static MetricsUpstream Upstream(string name) => name switch
    {
        "controller-manager" => MetricsUpstreams.ControllerManager,
        "scheduler" => MetricsUpstreams.Scheduler,
        "etcd" => MetricsUpstreams.Etcd,
        "kube-proxy" => MetricsUpstreams.KubeProxy,
        _ => MetricsUpstreams.CalicoFelix,
    };

    private static Dictionary<string, string> Flags(IReadOnlyList<string> args)
    {
        Assert.All(args, a => Assert.StartsWith("--", a, StringComparison.Ordinal));
        return args.Select(a => a[2..].Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Upstreams))]
    public void Every_proxy_listens_on_the_node_address_over_tls_13_and_serves_metrics_only(string name)
    {
        var upstream = Upstream(name);
        var flags = Flags(MetricsProxyArguments.For(upstream));
        Assert.Equal($"$(NODE_IP):{upstream.ListenPort}", flags["secure-listen-address"]);
        Assert.Equal("/metrics", flags["allow-paths"]);
        Assert.Equal("/etc/metrics-proxy/serving/tls.crt", flags["tls-cert-file"]);
        Assert.Equal("/etc/metrics-proxy/serving/tls.key", flags["tls-private-key-file"]);
        Assert.Equal("VersionTLS13", flags["tls-min-version"]);
        Assert.Equal(upstream.Upstream, flags["upstream"]);
        // Loopback upstreams only; nothing insecure, no path served without authentication.
        Assert.StartsWith("127.0.0.1:", new Uri(upstream.Upstream).Authority, StringComparison.Ordinal);
        Assert.DoesNotContain(flags.Keys, k => k.Contains("insecure", StringComparison.Ordinal) || k == "ignore-paths");
    }

    [Theory]
    [InlineData("controller-manager", true)]
    [InlineData("scheduler", true)]
    [InlineData("etcd", false)]
    [InlineData("kube-proxy", false)]
    [InlineData("calico-felix", false)]
    public void An_https_upstream_is_verified_against_the_cluster_ca_and_given_the_client_certificate(string name, bool tls)
    {
        var flags = Flags(MetricsProxyArguments.For(Upstream(name)));
        Assert.Equal(tls, Upstream(name).Tls);
        Assert.Equal(tls, flags.ContainsKey("upstream-ca-file"));
        Assert.Equal(tls, flags.ContainsKey("upstream-client-cert-file"));
        Assert.Equal(tls, flags.ContainsKey("upstream-client-key-file"));
        if (tls)
        {
            Assert.Equal("/etc/metrics-proxy/cluster-ca/ca.crt", flags["upstream-ca-file"]);
            Assert.Equal("/etc/metrics-proxy/client/tls.crt", flags["upstream-client-cert-file"]);
        }
    }

    [Fact]
    public void The_upstreams_are_the_bind_addresses_kubeadm_and_cis_keep_and_their_ports_are_distinct()
    {
        Assert.Equal("https://127.0.0.1:10257/", MetricsUpstreams.ControllerManager.Upstream);
        Assert.Equal("https://127.0.0.1:10259/", MetricsUpstreams.Scheduler.Upstream);
        Assert.Equal("http://127.0.0.1:2381/", MetricsUpstreams.Etcd.Upstream);
        Assert.Equal("http://127.0.0.1:10249/", MetricsUpstreams.KubeProxy.Upstream);
        MetricsUpstream[] all = [MetricsUpstreams.ControllerManager, MetricsUpstreams.Scheduler, MetricsUpstreams.Etcd, MetricsUpstreams.KubeProxy, MetricsUpstreams.CalicoFelix];
        Assert.Equal(all.Length, all.Select(u => u.ListenPort).Distinct().Count());
        Assert.All(all, u => Assert.Equal(new Uri(u.Upstream).Port + 100, u.ListenPort));
    }
}
