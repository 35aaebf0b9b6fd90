using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Networking.Cni;

/// <summary>Helm values for the <c>cilium</c> chart (see <see cref="Catalog.HelmCharts.Cilium"/>). Every key is checked
/// against the chart's values.yaml of the pinned version. The tree holds only string, bool, int, nested
/// <see cref="Dictionary{TKey, TValue}"/> and <c>object[]</c>, never null, and its keys come out in a fixed order.</summary>
/// <remarks>Choices that are not options:
/// <list type="bullet">
/// <item>IPAM <c>cluster-pool</c>: the Cilium operator carves a /24 per node out of the cluster's pod CIDR, so pod
/// addressing comes from the cluster configuration and never from the node's kubelet.</item>
/// <item><c>routingMode: tunnel</c> with <c>tunnelProtocol: vxlan</c>: an on-prem underlay cannot be assumed to route
/// pod CIDRs (no BGP peering with the fabric, nodes may sit in different subnets); VXLAN works on any IP network as long
/// as UDP 8472 is open between nodes. WireGuard stacks under it and Cilium adjusts the MTU.</item>
/// <item><c>policyEnforcementMode: default</c>: endpoints without a policy allow all, endpoints selected by a
/// NetworkPolicy or CiliumNetworkPolicy deny what it does not allow, which is Kubernetes NetworkPolicy semantics.</item>
/// <item><c>rollOutCiliumPods</c> and <c>operator.rollOutPods</c>: agents and operator read their ConfigMap only at
/// start, so a changed value (encryption, kube-proxy replacement) must restart them to take effect.</item>
/// <item>Hubble certificates use the chart's <c>cronJob</c> method, which issues them in the cluster and renews them
/// on a schedule instead of only when the release is upgraded.</item>
/// </list></remarks>
public static class CiliumValues
{
    /// <summary>The values for <paramref name="options"/> on <paramref name="cluster"/>.</summary>
    /// <param name="options">The CNI choices; <see cref="CniOptions.Plugin"/> must be <see cref="CniPlugin.Cilium"/>.</param>
    /// <param name="cluster">The cluster's name, pod CIDR and API endpoint.</param>
    /// <exception cref="ArgumentException">The options are not valid Cilium options, or the facts do not suit Cilium;
    /// the message lists every problem.</exception>
    public static IReadOnlyDictionary<string, object> Render(CniOptions options, CniClusterFacts cluster)
    {
        CniRenderGuard.Check(CniPlugin.Cilium, nameof(CiliumValues), options, cluster);

        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["cluster"] = Map(("name", cluster.ClusterName)),
            ["ipam"] = Map(
                ("mode", "cluster-pool"),
                ("operator", Map(
                    ("clusterPoolIPv4PodCIDRList", new object[] { cluster.PodCidr }),
                    ("clusterPoolIPv4MaskSize", CniClusterFacts.CiliumNodeMaskSize)))),
            ["routingMode"] = "tunnel",
            ["tunnelProtocol"] = "vxlan",
            ["kubeProxyReplacement"] = options.KubeProxyReplacement,
        };

        if (options.KubeProxyReplacement)
        {
            // Without kube-proxy nothing serves the kubernetes Service until the agent runs, so the agent must
            // reach the API server directly.
            values["k8sServiceHost"] = cluster.ApiServerHost;
            values["k8sServicePort"] = cluster.ApiServerPort;
        }

        if (options.MeshCni)
        {
            // Istio's CNI plugin, in sidecar and ambient mode alike, chains after Cilium's, which must leave it in place
            // (cni.exclusive false: istio.io/latest/docs/ambient/install/platform-prerequisites/#cilium); Consul's CNI
            // plugin chains the same way. Socket load balancing stays in the host namespace so that the mesh sees Service
            // addresses: the agent's bpf-lb-sock-hostns-only: "true" in cilium-config, which Cilium's "Integration with
            // Istio" page (docs.cilium.io/en/stable/network/servicemesh/istio/) asks for and checks in that ConfigMap.
            // It is set through extraConfig, the chart's free-form map that templates/cilium-configmap.yaml renders
            // verbatim at the end of cilium-config's data (`toYaml .Values.extraConfig | nindent 2`), rather than the
            // socketLB.hostNamespaceOnly value, which the same template reads only through a variable ($socketLB :=
            // coalesce .Values.socketLB .Values.hostServices; `bpf-lb-sock-hostns-only: {{ $socketLB.hostNamespaceOnly |
            // quote }}`), so a values-paths check cannot prove it is read. Both write the same key and string; the value
            // is the string "true" because ConfigMap data holds strings only.
            values["cni"] = Map(("exclusive", false));
            values["extraConfig"] = Map(("bpf-lb-sock-hostns-only", "true"));
        }

        values["policyEnforcementMode"] = "default";
        values["encryption"] = Encryption(options.Encryption);
        values["hubble"] = Hubble(options.Hubble);
        values["operator"] = Map(("replicas", options.CiliumOperatorReplicas), ("rollOutPods", true));
        values["rollOutCiliumPods"] = true;
        return values;
    }

    /// <summary>The Hubble metrics served when Hubble is on (Cilium's documented set; no per-flow
    /// labels, which would grow without bound).</summary>
    public static IReadOnlyList<string> HubbleMetrics { get; } = ["dns", "drop", "tcp", "flow", "port-distribution", "icmp", "httpV2"];

    /// <summary>The overlay that has Cilium scraped (monitoring on): the agents' (9962) and the operator's (9963) metrics
    /// with their ServiceMonitors and Grafana dashboards (ConfigMaps in kube-system labelled <c>grafana_dashboard</c>), and
    /// with <paramref name="hubble"/> Hubble's flow metrics (9965) and relay's, with theirs. <c>trustCRDsExist</c>: the
    /// chart's check of the ServiceMonitor API runs against the cluster before the CRDs' release is known to it in a
    /// preview; the release waits for that release.</summary>
    public static IReadOnlyDictionary<string, object> Monitoring(bool hubble)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["prometheus"] = Map(("enabled", true), ("serviceMonitor", Map(("enabled", true), ("trustCRDsExist", true)))),
            ["operator"] = Map(
                ("prometheus", Map(("enabled", true), ("serviceMonitor", Map(("enabled", true))))),
                ("dashboards", Map(("enabled", true)))),
            ["dashboards"] = Map(("enabled", true)),
        };
        if (hubble)
        {
            values["hubble"] = Map(
                ("metrics", Map(
                    ("enabled", HubbleMetrics.ToArray<object>()),
                    ("serviceMonitor", Map(("enabled", true))),
                    ("dashboards", Map(("enabled", true))))),
                ("relay", Map(("prometheus", Map(("enabled", true), ("serviceMonitor", Map(("enabled", true))))))));
        }
        return values;
    }

    private static Dictionary<string, object> Encryption(CniEncryption encryption) => encryption switch
    {
        CniEncryption.None => Map(("enabled", false)),
        _ => Map(
            ("enabled", true),
            ("type", "wireguard"),
            ("nodeEncryption", encryption == CniEncryption.AllTraffic)),
    };

    private static Dictionary<string, object> Hubble(bool enabled) => enabled
        ? Map(
            ("enabled", true),
            ("relay", Map(("enabled", true))),
            ("ui", Map(("enabled", true))),
            ("tls", Map(("auto", Map(("enabled", true), ("method", "cronJob"))))))
        // The chart turns Hubble on unless told otherwise.
        : Map(
            ("enabled", false),
            ("relay", Map(("enabled", false))),
            ("ui", Map(("enabled", false))));
}
