using Platform.Components.Networking.Ingress;
using Platform.Components.Networking.LoadBalancing;

namespace Platform.Components.Networking;

/// <summary>What <see cref="IngressLayer"/> installs: the controllers and what hands out their addresses.</summary>
public sealed record IngressLayerArgs
{
    /// <summary>The controllers, each with its IngressClass, exactly one the default. Default: Traefik.</summary>
    public IngressOptions Ingress { get; init; } = new();

    /// <summary>What hands out LoadBalancer addresses on bare metal. Default: none (controllers use NodePort or host ports).</summary>
    public LoadBalancerOptions LoadBalancer { get; init; } = new() { Provider = LoadBalancerProvider.None };

    /// <summary>Whether Cilium is the CNI (Cilium's L2 announcements need it). Default true.</summary>
    public bool CiliumIsTheCni { get; init; } = true;

    /// <summary>Whether Cilium replaces kube-proxy (its L2 announcements need it). Default false.</summary>
    public bool CiliumReplacesKubeProxy { get; init; }

    /// <summary>How the controllers and MetalLB are scraped; null (the default) when monitoring is off. With it their
    /// charts create ServiceMonitors and their releases wait for the Prometheus Operator's CRDs.</summary>
    public Observability.MetricsScraping? Metrics { get; init; }
}
