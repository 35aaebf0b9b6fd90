using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Networking.Cni;

/// <summary>Helm values for the <c>tigera-operator</c> chart (see <see cref="Catalog.HelmCharts.TigeraOperator"/>).
/// Every key is checked against the chart's values.yaml of the pinned version; <c>installation</c> becomes the spec of
/// the operator's <c>Installation</c> named <c>default</c>. The tree holds only string, bool, int, nested
/// <see cref="Dictionary{TKey, TValue}"/> and <c>object[]</c>, never null, and its keys come out in a fixed order.
/// WireGuard is switched in the chart's <c>defaultFelixConfiguration</c>: the chart then owns Felix's cluster-wide
/// <c>FelixConfiguration</c> named <c>default</c> from the first install, so no separate object has to adopt the one
/// the operator would otherwise create.</summary>
/// <remarks>Choices that are not options:
/// <list type="bullet">
/// <item>One IPv4 pool over the cluster's pod CIDR with <c>VXLANCrossSubnet</c>: nodes in the same L2 subnet talk
/// unencapsulated (full speed, no overlay MTU cost), nodes in different subnets use VXLAN, so no router has to learn
/// pod routes. Pure <c>VXLAN</c> would encapsulate even next-door traffic; IP-in-IP is blocked by many on-prem
/// firewalls. UDP 4789 must be open between nodes. BGP stays on (the operator's default) only as the node mesh that
/// distributes same-subnet routes; the platform configures no external peers.</item>
/// <item><c>blockSize: 26</c> (64 addresses per block, Calico's default) and <c>natOutgoing</c> so pods reach
/// destinations outside the cluster through their node's address.</item>
/// <item>Node addresses come from each Node's <c>InternalIP</c> (what kubeadm registered), not from Calico's
/// first-found interface guess, which picks the wrong NIC on multi-homed hosts.</item>
/// <item><c>apiServer</c> stays on: it serves <c>projectcalico.org/v3</c>, the supported, validated way for operators
/// to manage Calico's own resources (GlobalNetworkPolicy, FelixConfiguration) with kubectl.</item>
/// <item><c>goldmane</c> and <c>whisker</c> (Calico's flow aggregator and UI since 3.30, on by default in the chart)
/// are off: flow observability is a Cilium/Hubble option in this platform, and an unauthenticated flow UI is not
/// installed unasked.</item>
/// <item><c>controlPlaneReplicas</c> (how many replicas the operator runs of each control-plane component that supports
/// high availability) follows <see cref="CniOptions.CiliumOperatorReplicas"/>, the CNI control plane's replica count:
/// 2 by default, 1 on a one-node cluster. The 3.32 chart writes 2 into the <c>Installation</c> whatever the cluster
/// size; earlier charts left the field to the operator.</item>
/// <item>The CRDs come from their own chart (<see cref="Catalog.HelmCharts.CalicoCrds"/>); <c>manageCRDs</c> keeps the
/// chart's default (the operator keeps the CRDs it needs current as well), as Calico's Helm guide installs it.</item>
/// <item>The chart's <c>kubernetesServiceEndpoint</c> is left unset: with Calico, kube-proxy stays, so the operator
/// reaches the API through the <c>kubernetes</c> Service as usual.</item>
/// </list></remarks>
public static class CalicoValues
{
    /// <summary>The values for <paramref name="options"/> on <paramref name="cluster"/>.</summary>
    /// <param name="options">The CNI choices; <see cref="CniOptions.Plugin"/> must be <see cref="CniPlugin.Calico"/>, and
    /// Cilium-only choices (AllTraffic, kube-proxy replacement, Hubble) are rejected.</param>
    /// <param name="cluster">The cluster's pod CIDR (name and API endpoint are not used by Calico).</param>
    /// <exception cref="ArgumentException">The options are not valid Calico options, or the facts do not suit Calico;
    /// the message lists every problem.</exception>
    public static IReadOnlyDictionary<string, object> Render(CniOptions options, CniClusterFacts cluster)
    {
        CniRenderGuard.Check(CniPlugin.Calico, nameof(CalicoValues), options, cluster);

        var ipPool = Map(
            ("name", "default-ipv4-ippool"),
            ("cidr", cluster.PodCidr),
            ("encapsulation", "VXLANCrossSubnet"),
            ("natOutgoing", "Enabled"),
            ("nodeSelector", "all()"),
            ("blockSize", CniClusterFacts.CalicoBlockSize));

        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["installation"] = Map(
                ("enabled", true),
                ("controlPlaneReplicas", options.CiliumOperatorReplicas),
                ("cni", Map(("type", "Calico"), ("ipam", Map(("type", "Calico"))))),
                ("calicoNetwork", Map(
                    ("bgp", "Enabled"),
                    ("linuxDataplane", "Iptables"),
                    ("nodeAddressAutodetectionV4", Map(("kubernetes", "NodeInternalIP"))),
                    ("ipPools", new object[] { ipPool })))),
            ["apiServer"] = Map(("enabled", true)),
            ["goldmane"] = Map(("enabled", false)),
            ["whisker"] = Map(("enabled", false)),
            ["defaultFelixConfiguration"] = Map(
                ("enabled", true),
                ("wireguardEnabled", options.Encryption == CniEncryption.PodTraffic)),
        };
    }

    /// <summary>Felix's Prometheus metrics port, on the node's loopback address.</summary>
    public const int FelixMetricsPort = 9091;

    /// <summary>The overlay that has Felix's metrics scraped (monitoring on): Felix serves them on each node's loopback
    /// address only (by default it would listen on every address, unauthenticated), where the node metrics proxy
    /// (<c>Observability.Scraping.ControlPlaneMetricsProxy</c>) serves them to Prometheus.</summary>
    public static IReadOnlyDictionary<string, object> Monitoring() => new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["defaultFelixConfiguration"] = Map(
            ("prometheusMetricsEnabled", true),
            ("prometheusMetricsHost", "127.0.0.1"),
            ("prometheusMetricsPort", FelixMetricsPort)),
    };
}
