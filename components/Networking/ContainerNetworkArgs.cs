using Platform.Components.Networking.Cni;

namespace Platform.Components.Networking;

/// <summary>What <see cref="ContainerNetwork"/> installs: the plugin and its options, and the cluster facts it needs.</summary>
public sealed record ContainerNetworkArgs
{
    /// <summary>The plugin and its options. Default: Cilium without encryption, kube-proxy replacement or Hubble.</summary>
    public CniOptions Options { get; init; } = new();

    /// <summary>Values merged over Cilium's (e.g. what L2 load-balancer announcements need). Default none.</summary>
    public IReadOnlyDictionary<string, object> ExtraCiliumValues { get; init; } = new Dictionary<string, object>();

    /// <summary>The cluster's name, pod CIDR and API endpoint. Required.</summary>
    public required CniClusterFacts Cluster { get; init; }

    /// <summary>What the plugin's Helm releases wait for, e.g. the cluster's Service proxy step when kube-proxy must
    /// run before Cilium stops replacing it. A component's own DependsOn does not reach its children, so this does.
    /// Default none.</summary>
    public IReadOnlyList<Pulumi.Resource> InstallAfter { get; init; } = [];

    /// <summary>How the plugin's metrics are scraped; null (the default) when monitoring is off. With Cilium the chart
    /// creates ServiceMonitors for the agents, the operator and (with Hubble) Hubble's metrics and relay, and Grafana
    /// dashboards, and the release waits for the Prometheus Operator's CRDs; with Calico, Felix serves its metrics on each
    /// node's loopback address, for the node metrics proxy.</summary>
    public Observability.MetricsScraping? Metrics { get; init; }
}
