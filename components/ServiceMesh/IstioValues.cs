using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.ServiceMesh;

/// <summary>Helm values for Istio's charts at <see cref="Catalog.HelmCharts.IstioBase"/>'s version (base, istiod, cni,
/// ztunnel). Istio's charts keep their defaults under <c>_internal_defaults_do_not_set</c> and merge the user's
/// top-level values over them; the platform sets only top-level keys. The control plane (base, istiod) runs in
/// <see cref="ServiceMeshLayer.IstioNamespace"/>, the node agents (cni, ztunnel) in
/// <see cref="ServiceMeshLayer.IstioNodeNamespace"/>: istiod passes the restricted Pod Security level, the agents need
/// privileged (the CNI agent writes the nodes' CNI configuration through hostPath volumes, ztunnel opens sockets in
/// the pods' network namespaces with NET_ADMIN and SYS_ADMIN), so one namespace would put istiod at privileged too.
/// istiod learns where ztunnel runs (<c>trustedZtunnelNamespace</c>: it issues certificates for other identities
/// only to that service account), and ztunnel finds istiod by <c>istioNamespace</c>.</summary>
public static class IstioValues
{
    /// <summary>The base chart: the Istio CRDs as templates (<c>base.enableCRDTemplates</c>, so every upgrade of the
    /// release upgrades them) and the validation webhook's default revision.</summary>
    public static IReadOnlyDictionary<string, object> Base() => Map(
        ("base", Map(("enableCRDTemplates", true))),
        ("defaultRevision", "default"),
        ("global", Map(("istioNamespace", ServiceMeshLayer.IstioNamespace))));

    /// <summary>istiod for <paramref name="mode"/>: the <c>ambient</c> profile (ztunnel's xDS and CA, waypoints) or,
    /// for sidecars, the CNI agent instead of the <c>istio-init</c> container (<c>pilot.cni.enabled</c>; Istio's "Install
    /// Istio with Pod Security Admission" needs it for namespaces at baseline or restricted). <paramref name="replicas"/>
    /// fixed replicas (no autoscaler: the number the tier asks for), with the control plane's PodDisruptionBudget only
    /// when there is more than one (a budget on a single replica would block every drain). The pods and the injected
    /// proxies run with the runtime's default seccomp profile, which the restricted level requires.</summary>
    public static IReadOnlyDictionary<string, object> Istiod(IstioDataplaneMode mode, int replicas)
    {
        if (replicas < 1) throw new ArgumentOutOfRangeException(nameof(replicas), replicas, "istiod needs at least one replica.");
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        if (mode == IstioDataplaneMode.Ambient) values["profile"] = "ambient";
        values["autoscaleEnabled"] = false;
        values["replicaCount"] = replicas;
        values["seccompProfile"] = RuntimeDefault();
        values["trustedZtunnelNamespace"] = ServiceMeshLayer.IstioNodeNamespace;
        values["pilot"] = Map(("cni", Map(("enabled", true), ("provider", "default"))));
        values["global"] = Map(
            ("istioNamespace", ServiceMeshLayer.IstioNamespace),
            ("defaultPodDisruptionBudget", Map(("enabled", replicas > 1))),
            ("proxy", Map(("seccompProfile", RuntimeDefault()))));
        return values;
    }

    /// <summary>The Istio CNI node agent: with ambient it also redirects the ambient pods' traffic to ztunnel
    /// (<c>ambient.enabled</c>). It chains its plugin into the node's CNI configuration, so the platform's CNI must
    /// leave that configuration alone (Cilium's <c>cni.exclusive: false</c>, set by the composition).</summary>
    public static IReadOnlyDictionary<string, object> Cni(IstioDataplaneMode mode) => Map(
        ("ambient", Map(("enabled", mode == IstioDataplaneMode.Ambient))),
        ("global", Map(("logAsJson", true))));

    /// <summary>ztunnel, which finds istiod in <see cref="ServiceMeshLayer.IstioNamespace"/>.</summary>
    public static IReadOnlyDictionary<string, object> Ztunnel() => Map(
        ("istioNamespace", ServiceMeshLayer.IstioNamespace),
        ("logAsJson", true));

    private static Dictionary<string, object> RuntimeDefault() => Map(("type", "RuntimeDefault"));
}
