using Platform.Components.Catalog;

namespace Platform.Components.Networking.Ingress;

/// <summary>Which pinned chart installs each controller, into which namespace, and under which default IngressClass
/// name.</summary>
public static class IngressControllerCharts
{
    /// <summary>The OCI reference of Emissary's CRDs chart, which must be installed (and its <c>emissary-apiext</c>
    /// conversion webhook in namespace <see cref="EmissaryCrdsNamespace"/> be available) before the Emissary chart.
    /// Emissary 4 publishes its charts only as OCI artifacts on ghcr.io, with chart and application versions
    /// aligned.</summary>
    public const string EmissaryCrdsChartReference = "oci://ghcr.io/emissary-ingress/emissary-crds-chart";

    /// <summary>The OCI reference of the Emissary-ingress chart itself, installed after the CRDs chart.</summary>
    public const string EmissaryChartReference = "oci://ghcr.io/emissary-ingress/emissary-ingress";

    /// <summary>The namespace Emissary's CRDs chart is installed into; the Emissary chart's init container waits for
    /// the <c>emissary-apiext</c> Deployment there.</summary>
    public const string EmissaryCrdsNamespace = "emissary-system";

    /// <summary>The chart that installs <paramref name="kind"/>, from <see cref="HelmCharts"/>.</summary>
    /// <exception cref="NotSupportedException"><paramref name="kind"/> is <see cref="IngressControllerKind.Emissary"/>:
    /// its charts are OCI-only and need a CRD step first, which the https-repository catalog cannot describe (see
    /// <see cref="RequiresCrdStep"/>).</exception>
    public static HelmChart For(IngressControllerKind kind) => kind switch
    {
        IngressControllerKind.Traefik => HelmCharts.Traefik,
        IngressControllerKind.IngressNginx => HelmCharts.IngressNginx,
        IngressControllerKind.Contour => HelmCharts.Contour,
        IngressControllerKind.HAProxy => HelmCharts.HAProxyKubernetesIngress,
        IngressControllerKind.Emissary => throw new NotSupportedException(
            $"emissary has no catalog chart: it is published only as OCI charts ({EmissaryCrdsChartReference}, then " +
            $"{EmissaryChartReference}) and its CRDs chart must be installed first; the catalog pins https chart repositories"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown ingress controller kind"),
    };

    /// <summary>Whether <paramref name="kind"/> needs a separate CRD installation step before its chart. Only
    /// Emissary: its chart ships no CRDs, they come from <see cref="EmissaryCrdsChartReference"/> together with a
    /// conversion webhook that must be running before the Emissary chart starts.</summary>
    public static bool RequiresCrdStep(IngressControllerKind kind) => kind == IngressControllerKind.Emissary;

    /// <summary>The namespace the controller's release goes into: <c>traefik</c>, <c>ingress-nginx</c>,
    /// <c>contour</c>, <c>haproxy-ingress</c> or <c>emissary</c>. One namespace per kind, which is one reason only one
    /// controller of each kind is allowed.</summary>
    public static string Namespace(IngressControllerKind kind) => kind switch
    {
        IngressControllerKind.Traefik => "traefik",
        IngressControllerKind.IngressNginx => "ingress-nginx",
        IngressControllerKind.Contour => "contour",
        IngressControllerKind.HAProxy => "haproxy-ingress",
        IngressControllerKind.Emissary => "emissary",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown ingress controller kind"),
    };

    /// <summary>The IngressClass name used when a spec names none: <c>traefik</c>, <c>nginx</c>, <c>contour</c>,
    /// <c>haproxy</c> or <c>emissary</c> (the names the projects' own documentation uses).</summary>
    public static string DefaultClassName(IngressControllerKind kind) => kind switch
    {
        IngressControllerKind.Traefik => "traefik",
        IngressControllerKind.IngressNginx => "nginx",
        IngressControllerKind.Contour => "contour",
        IngressControllerKind.HAProxy => "haproxy",
        IngressControllerKind.Emissary => "emissary",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown ingress controller kind"),
    };

    /// <summary>The lower-case name used for <paramref name="kind"/> in messages, e.g. <c>ingress-nginx</c>.</summary>
    public static string DisplayName(IngressControllerKind kind) => kind switch
    {
        IngressControllerKind.Traefik => "traefik",
        IngressControllerKind.IngressNginx => "ingress-nginx",
        IngressControllerKind.Contour => "contour",
        IngressControllerKind.HAProxy => "haproxy",
        IngressControllerKind.Emissary => "emissary",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown ingress controller kind"),
    };
}
