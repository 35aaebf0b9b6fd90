namespace Platform.Components.Observability.Scraping;

/// <summary>One metrics endpoint that stays bound to a node's loopback address, and the port on the node's own address
/// where the metrics proxy serves it to Prometheus (authenticated and authorised, over TLS).</summary>
/// <param name="Name">The endpoint's short name, a DNS-1123 label: the proxy container's and its port's name.</param>
/// <param name="ListenPort">The port the proxy listens on, on the node's address.</param>
/// <param name="Upstream">The loopback URL the proxy forwards to, e.g. <c>https://127.0.0.1:10257/</c>.</param>
public sealed record MetricsUpstream(string Name, int ListenPort, string Upstream)
{
    /// <summary>Whether the upstream is served over HTTPS (the proxy verifies it and presents its client certificate).</summary>
    public bool Tls => Upstream.StartsWith("https://", StringComparison.Ordinal);
}
