using Platform.Components.Catalog;

namespace Platform.Components.Networking.Ingress;

/// <summary>Which pinned chart installs each controller, into which namespace, and under which default IngressClass
/// name.</summary>
public static class IngressControllerCharts
{
    /// <summary>The values of Emissary's CRDs chart: only the current (v3alpha1) CRDs, so no conversion webhook has to be
    /// running before the controller chart.</summary>
    public static IReadOnlyDictionary<string, object> EmissaryCrdsValues { get; } =
        new Dictionary<string, object>(StringComparer.Ordinal) { ["enableLegacyVersions"] = false };

    /// <summary>The chart that installs <paramref name="kind"/>, from <see cref="HelmCharts"/>.</summary>
    public static HelmChart For(IngressControllerKind kind) => kind switch
    {
        IngressControllerKind.Traefik => HelmCharts.Traefik,
        IngressControllerKind.IngressNginx => HelmCharts.IngressNginx,
        IngressControllerKind.Contour => HelmCharts.Contour,
        IngressControllerKind.HAProxy => HelmCharts.HAProxyKubernetesIngress,
        IngressControllerKind.Emissary => HelmCharts.Emissary,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown ingress controller kind"),
    };

    /// <summary>Whether <paramref name="kind"/>'s CRDs come from a CRD chart of their own, installed before its chart
    /// (its catalog entry's <see cref="HelmChart.CrdChart"/>, <see cref="CrdInstall.FromCrdChart"/>). Only Emissary: its
    /// chart ships no CRDs, they come from <see cref="HelmCharts.EmissaryCrds"/>. Traefik's vendored CRDs
    /// (<see cref="CrdInstall.Manifests"/>) are resources the release's installation registers itself.</summary>
    public static bool RequiresCrdStep(IngressControllerKind kind) => For(kind).CrdChart is not null;

    /// <summary>The values of <paramref name="kind"/>'s CRD chart (see <see cref="RequiresCrdStep"/>):
    /// <see cref="EmissaryCrdsValues"/> for Emissary, none otherwise.</summary>
    public static IReadOnlyDictionary<string, object> CrdChartValues(IngressControllerKind kind) => kind == IngressControllerKind.Emissary
        ? EmissaryCrdsValues
        : new Dictionary<string, object>(StringComparer.Ordinal);

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
