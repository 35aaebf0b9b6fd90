namespace Platform.Components.Networking.Ingress;

/// <summary>The ingress controllers the platform can install. Each kind has its own chart
/// (<see cref="IngressControllerCharts"/>), namespace and IngressClass.</summary>
public enum IngressControllerKind
{
    /// <summary>Traefik Proxy, the default: maintained, one Deployment, IngressClass and CRDs from its own chart.</summary>
    Traefik,

    /// <summary>The Kubernetes community's ingress-nginx. Retired upstream (best-effort maintenance ended March 2026):
    /// still selectable for existing workloads, and every selection produces a warning.</summary>
    IngressNginx,

    /// <summary>Contour (CNCF) with Envoy as the data plane, from the Contour project's own chart.</summary>
    Contour,

    /// <summary>The HAProxy Kubernetes Ingress Controller from HAProxy Technologies' chart.</summary>
    HAProxy,

    /// <summary>Emissary-ingress (formerly Ambassador). Needs its CRDs chart installed first and is published only as OCI
    /// charts; see <see cref="IngressControllerCharts.RequiresCrdStep"/>.</summary>
    Emissary,
}
