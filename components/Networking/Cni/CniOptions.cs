using System.Globalization;

namespace Platform.Components.Networking.Cni;

/// <summary>The user's CNI choices. The defaults give Cilium with kube-proxy kept, no encryption and no Hubble;
/// <see cref="Validate"/> reports combinations that the chosen plugin cannot provide.</summary>
public sealed record CniOptions
{
    /// <summary>The CNI plugin. Default <see cref="CniPlugin.Cilium"/>.</summary>
    public CniPlugin Plugin { get; init; } = CniPlugin.Cilium;

    /// <summary>What to encrypt with WireGuard. Default <see cref="CniEncryption.None"/>.
    /// <see cref="CniEncryption.AllTraffic"/> needs Cilium.</summary>
    public CniEncryption Encryption { get; init; } = CniEncryption.None;

    /// <summary>Let Cilium's eBPF datapath replace kube-proxy (kubeadm must then skip its kube-proxy addon phase).
    /// Default false. Cilium only.</summary>
    public bool KubeProxyReplacement { get; init; }

    /// <summary>Turn on Hubble flow visibility with Hubble Relay (cluster-wide flow API for the <c>hubble</c> CLI) and
    /// Hubble UI (a ClusterIP service, reached by port-forward; no ingress is created). Relay and UI come together
    /// because without Relay flows are per node only, and the UI is the reason most teams want Hubble. Default false.
    /// Cilium only.</summary>
    public bool Hubble { get; init; }

    /// <summary>Replicas of the CNI's control plane: the Cilium operator (node IPAM allocation, CRD garbage collection),
    /// or with Calico the Installation's <c>controlPlaneReplicas</c> (each control-plane component the Tigera operator
    /// runs in high availability; the Tigera operator itself runs once). Default 2, so a node drain or failure never
    /// stops the control plane (with Cilium: never leaves new nodes without a pod CIDR); replicas are spread over nodes,
    /// so on a single-node cluster set 1.</summary>
    public int CiliumOperatorReplicas { get; init; } = 2;

    /// <summary>Whether a service mesh's CNI plugin (Istio's CNI node agent, or Consul's) chains itself into the nodes'
    /// CNI configuration and redirects pod traffic inside the pods' network namespaces. Not a configuration key: the
    /// composition sets it from <c>platform:serviceMesh</c>. With Cilium it sets <c>cni.exclusive: false</c> (Cilium
    /// would otherwise remove the other plugin's configuration) and the agent setting <c>bpf-lb-sock-hostns-only: "true"</c>
    /// through <c>extraConfig</c> (the same setting as the chart's <c>socketLB.hostNamespaceOnly</c>; Cilium's
    /// socket load balancing would otherwise turn a Service address into a pod address inside the pod, before the mesh
    /// sees the connection), as Cilium's and Istio's documentation ask. Changing it restarts Cilium's agents. Default
    /// false.</summary>
    public bool MeshCni { get; init; }

    /// <summary>The problems with these options, each a sentence naming the field and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Plugin))
            problems.Add(Invariant($"plugin {(int)Plugin} is not a known CNI plugin. Use Cilium or Calico."));
        if (!Enum.IsDefined(Encryption))
            problems.Add(Invariant($"encryption {(int)Encryption} is not a known mode. Use None, PodTraffic or AllTraffic."));
        if (CiliumOperatorReplicas < 1)
            problems.Add(Invariant($"ciliumOperatorReplicas is {CiliumOperatorReplicas}; the CNI control plane (Cilium operator or Calico control plane) needs at least one replica. Use 1 or more (2 is the default)."));

        if (Plugin == CniPlugin.Calico)
        {
            if (Encryption == CniEncryption.AllTraffic)
                problems.Add("encryption AllTraffic needs Cilium: Calico encrypts only pod-to-pod traffic. Use PodTraffic, or plugin Cilium.");
            if (KubeProxyReplacement)
                problems.Add("kubeProxyReplacement needs Cilium: with Calico the platform keeps kube-proxy. Set kubeProxyReplacement false, or plugin Cilium.");
            if (Hubble)
                problems.Add("hubble needs Cilium: Hubble is Cilium's flow observability. Set hubble false, or plugin Cilium.");
        }

        return problems;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
