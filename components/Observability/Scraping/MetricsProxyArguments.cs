using System.Globalization;

namespace Platform.Components.Observability.Scraping;

/// <summary>
/// The command line of one kube-rbac-proxy container in front of one loopback-bound metrics endpoint: it listens on
/// the node's address (<c>$(NODE_IP)</c>, the pod's <c>status.hostIP</c>) with TLS 1.3 and the proxies' serving
/// certificate, serves <c>/metrics</c> only, authenticates the caller's bearer token with a TokenReview and authorises it
/// with a SubjectAccessReview for <c>get</c> on the non-resource URL <c>/metrics</c>, then forwards to the loopback URL.
/// An HTTPS upstream (controller manager, scheduler) is verified against the cluster CA and given the proxies' client
/// certificate, whose user may <c>get /metrics</c> only; a plain-HTTP one (etcd's metrics listener, kube-proxy's) is
/// reached on the node's loopback interface only, and the proxy is its only gate.
/// </summary>
public static class MetricsProxyArguments
{
    /// <summary>Where the proxies' serving certificate and key are mounted.</summary>
    public const string ServingDir = "/etc/metrics-proxy/serving";

    /// <summary>Where the proxies' client certificate and key (for HTTPS upstreams) are mounted.</summary>
    public const string ClientDir = "/etc/metrics-proxy/client";

    /// <summary>Where the cluster CA (the <c>kube-root-ca.crt</c> ConfigMap) is mounted.</summary>
    public const string ClusterCaDir = "/etc/metrics-proxy/cluster-ca";

    /// <summary>The environment variable holding the node's address.</summary>
    public const string NodeIpVariable = "NODE_IP";

    /// <summary>The only path served.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The arguments of the container in front of <paramref name="upstream"/>.</summary>
    public static IReadOnlyList<string> For(MetricsUpstream upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var args = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"--secure-listen-address=$({NodeIpVariable}):{upstream.ListenPort}"),
            $"--upstream={upstream.Upstream}",
            $"--allow-paths={MetricsPath}",
            $"--tls-cert-file={ServingDir}/tls.crt",
            $"--tls-private-key-file={ServingDir}/tls.key",
            "--tls-min-version=VersionTLS13",
        };
        if (upstream.Tls)
        {
            args.Add($"--upstream-ca-file={ClusterCaDir}/ca.crt");
            args.Add($"--upstream-client-cert-file={ClientDir}/tls.crt");
            args.Add($"--upstream-client-key-file={ClientDir}/tls.key");
        }
        return args;
    }
}
