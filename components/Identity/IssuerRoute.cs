using Platform.Components.Networking;

namespace Platform.Components.Identity;

/// <summary>How a UI's pods reach the identity provider's issuer URL, which is its public host on the default
/// IngressClass: the name resolves to the ingress controller's LoadBalancer address, and a pod's connection to that
/// address never leaves its node: kube-proxy's rules (and Cilium's socket load balancing that replaces them) translate
/// a LoadBalancer IP inside the cluster straight to one of the controller's pods, so the CNI's NetworkPolicy sees the
/// controller's pod, on its container port, in the controller's namespace. That is the one peer
/// <see cref="Egress"/> allows. Without a LoadBalancer Service (NodePort or host ports) the address is a node's or an
/// external balancer's, which no namespace selector matches: then HTTPS to any address is the narrowest rule.</summary>
public sealed record IssuerRoute
{
    /// <summary>The namespace of the default IngressClass's controller. Required.</summary>
    public required string ControllerNamespace { get; init; }

    /// <summary>The container port the controller's pods serve HTTPS on (e.g. 8443 for Contour's Envoy). Required.</summary>
    public required int HttpsPort { get; init; }

    /// <summary>Whether the controller is reached through a Service of type LoadBalancer. Default true.</summary>
    public bool ThroughLoadBalancer { get; init; } = true;

    /// <summary>The egress allowance of a UI's namespace to the identity provider.</summary>
    public NetworkAllowance Egress(string name = "allow-identity-provider") => ThroughLoadBalancer
        ? new NetworkAllowance { Name = name, Direction = TrafficDirection.Egress, Namespace = ControllerNamespace, Ports = [(HttpsPort, "TCP")] }
        : new NetworkAllowance { Name = name, Direction = TrafficDirection.Egress, AnyPeer = true, Ports = [(443, "TCP")] };
}
