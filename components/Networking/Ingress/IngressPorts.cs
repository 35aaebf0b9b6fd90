namespace Platform.Components.Networking.Ingress;

/// <summary>The container ports each controller's pods listen on with the values from <see cref="IngressValues"/>,
/// for NetworkPolicy allowances (traffic to a pod is matched on its container port, not the Service port).</summary>
public static class IngressPorts
{
    /// <summary>The (port, protocol) pairs <paramref name="kind"/>'s pods listen on, protocol <c>TCP</c> or
    /// <c>UDP</c>, in a fixed order: HTTP, HTTPS, then health and metrics ports.</summary>
    public static IReadOnlyList<(int Port, string Protocol)> For(IngressControllerKind kind) => kind switch
    {
        // web, websecure, traefik (ping/health); its metrics port is for monitoring only (Metrics)
        IngressControllerKind.Traefik => [(8000, "TCP"), (8443, "TCP"), (8080, "TCP")],
        // http, https, metrics/health, admission webhook
        IngressControllerKind.IngressNginx => [(80, "TCP"), (443, "TCP"), (10254, "TCP"), (8443, "TCP")],
        // envoy http, https, metrics/health; contour xDS (envoy to contour) and metrics
        IngressControllerKind.Contour => [(8080, "TCP"), (8443, "TCP"), (8002, "TCP"), (8001, "TCP"), (8000, "TCP")],
        // http, https, QUIC, stat (metrics), healthz, admin
        IngressControllerKind.HAProxy => [(8080, "TCP"), (8443, "TCP"), (8443, "UDP"), (1024, "TCP"), (1042, "TCP"), (6060, "TCP")],
        // http, https listeners; admin (health, diagnostics, metrics)
        IngressControllerKind.Emissary => [(8080, "TCP"), (8443, "TCP"), (8877, "TCP")],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown ingress controller kind"),
    };

    /// <summary>The container port <paramref name="kind"/>'s pods serve plain HTTP on (where HTTP-01 challenges land).</summary>
    public static (int Port, string Protocol) Http(IngressControllerKind kind) => For(kind)[0];

    /// <summary>The (port, protocol) pairs <paramref name="kind"/>'s pods serve Prometheus metrics on, for the monitoring
    /// namespace: Traefik's metrics entry point, ingress-nginx's 10254, Contour's 8000 and Envoy's 8002, HAProxy's stat
    /// port, Emissary's admin port. Those that are also health ports stay open to any peer in <see cref="For"/>.</summary>
    public static IReadOnlyList<(int Port, string Protocol)> Metrics(IngressControllerKind kind) => kind switch
    {
        IngressControllerKind.Traefik => [(9100, "TCP")],
        IngressControllerKind.IngressNginx => [(10254, "TCP")],
        IngressControllerKind.Contour => [(8000, "TCP"), (8002, "TCP")],
        IngressControllerKind.HAProxy => [(1024, "TCP")],
        IngressControllerKind.Emissary => [(8877, "TCP")],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown ingress controller kind"),
    };
}
