using Platform.Components.Networking;

namespace Platform.Components.ServiceMesh;

/// <summary>What a namespace in the mesh carries: the label by which the mesh takes its pods in, and the traffic its
/// default-deny policy must let through for the mesh to carry them. The composition puts both on the teams' namespaces
/// listed in <see cref="ServiceMeshOptions.Namespaces"/> (<c>Tenancy.TenantNamespace</c>).</summary>
public static class MeshMembership
{
    /// <summary>Istio's ambient enrolment label.</summary>
    public const string AmbientLabel = "istio.io/dataplane-mode";

    /// <summary>Istio's sidecar injection label.</summary>
    public const string InjectionLabel = "istio-injection";

    /// <summary>HBONE, the port ambient mode tunnels every meshed connection through (ztunnel to ztunnel).</summary>
    public const int HbonePort = 15008;

    /// <summary>istiod's xDS and certificate port, which sidecars and ztunnel reach.</summary>
    public const int IstiodXdsPort = 15012;

    /// <summary>The public listener of Consul's Envoy proxy, where the other proxies of the mesh connect.</summary>
    public const int ConsulProxyPort = 20000;

    /// <summary>The Consul servers' HTTPS API and gRPC ports (plain and TLS), which consul-dataplane reaches.</summary>
    public static IReadOnlyList<(int Port, string Protocol)> ConsulServerPorts { get; } = [(8501, "TCP"), (8502, "TCP"), (8503, "TCP")];

    /// <summary>The labels of a meshed namespace: <c>istio.io/dataplane-mode=ambient</c> (ambient),
    /// <c>istio-injection=enabled</c> (sidecar); none with Consul, which selects namespaces by name
    /// (<c>connectInject.k8sAllowNamespaces</c>).</summary>
    public static IReadOnlyDictionary<string, string> Labels(ServiceMeshOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            MeshProvider.Istio when options.Mode == IstioDataplaneMode.Ambient => new Dictionary<string, string> { [AmbientLabel] = "ambient" },
            MeshProvider.Istio => new Dictionary<string, string> { [InjectionLabel] = "enabled" },
            _ => new Dictionary<string, string>(),
        };
    }

    /// <summary>The allowances of a meshed namespace. Ambient: HBONE in from and out to every namespace (ztunnel opens
    /// its sockets inside the pods' network namespaces, so the pods' policies see port 15008, never the application's
    /// port; which workload may talk to which is then the mesh's AuthorizationPolicy). Sidecar: the proxies' xDS
    /// connection to istiod. Consul: the proxies' public listener in from every namespace, and consul-dataplane out to
    /// the servers. The team's own allowances for its applications' ports stay the team's.</summary>
    public static IReadOnlyList<NetworkAllowance> Allowances(ServiceMeshOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == MeshProvider.Consul)
        {
            return
            [
                new() { Name = "allow-mesh-proxy-in", Direction = TrafficDirection.Ingress, AnyNamespace = true, Ports = [(ConsulProxyPort, "TCP")] },
                new() { Name = "allow-mesh-proxy-out", Direction = TrafficDirection.Egress, AnyNamespace = true, Ports = [(ConsulProxyPort, "TCP")] },
                new() { Name = "allow-mesh-servers", Direction = TrafficDirection.Egress, Namespace = ServiceMeshLayer.ConsulNamespace, Ports = ConsulServerPorts },
            ];
        }
        if (options.Mode == IstioDataplaneMode.Ambient)
        {
            return
            [
                new() { Name = "allow-mesh-hbone-in", Direction = TrafficDirection.Ingress, AnyNamespace = true, Ports = [(HbonePort, "TCP")] },
                new() { Name = "allow-mesh-hbone-out", Direction = TrafficDirection.Egress, AnyNamespace = true, Ports = [(HbonePort, "TCP")] },
            ];
        }
        return [new() { Name = "allow-mesh-istiod", Direction = TrafficDirection.Egress, Namespace = ServiceMeshLayer.IstioNamespace, Ports = [(IstiodXdsPort, "TCP")] }];
    }
}
