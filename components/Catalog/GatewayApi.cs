namespace Platform.Components.Catalog;

/// <summary>The Kubernetes Gateway API CRDs (<c>gateway.networking.k8s.io</c>, standard channel), installed once for the
/// cluster by <see cref="Networking.GatewayApiCrds"/> and shared by every layer that uses them (the service mesh's
/// waypoints and gateways today; an ingress controller's Gateway API provider would take the same install instead of
/// its chart's copy). They are no chart's: the Gateway API project publishes them as plain manifests, so the files are
/// vendored like a chart's <c>crds/</c> (<see cref="ChartCrds"/>, <see cref="CrdInstall.Manifests"/>'s rules: one
/// resource per CRD, kept on delete).
/// Version v1.4.0, standard channel: the newest bundle in the reference data, as Traefik chart 39.0.9 ships it in its
/// <c>crds/</c> (<c>shared/charts/traefik/39.0.9/crds/*.gateway.networking.k8s.io.yaml</c>, each annotated
/// <c>gateway.networking.k8s.io/bundle-version: v1.4.0</c>, from upstream <c>config/crd/standard/</c>): GatewayClass,
/// Gateway, HTTPRoute, GRPCRoute, ReferenceGrant and BackendTLSPolicy. Each vendored file is the reference file without
/// its trailing <c>status:</c> block (an empty status the upstream generator writes, with null lists the CRD reader
/// refuses and a CRD's create ignores: the API server owns a CRD's status); a test keeps the rest byte for byte. Consul's chart carries v0.6.2 (experimental),
/// Contour's v1.3.0, Traefik 41.3.0 none.
/// Istio: the upgrade notes of Istio 1.30 (<c>https://istio.io/latest/news/releases/1.30.x/announcing-1.30/upgrade-notes/</c>)
/// ask for v1.5.x: 1.30 reads TLSRoute and ReferenceGrant from <c>gateway.networking.k8s.io/v1</c>, which v1.4.0 does
/// not serve (its ReferenceGrant is v1beta1, it has no standard TLSRoute). With v1.4.0 Gateways, HTTPRoutes and
/// GRPCRoutes (and so ambient waypoints) work; cross-namespace references through ReferenceGrant and TLSRoutes are not
/// seen by istiod until the bundle is v1.5.x, which the reference data does not hold yet (README, "Service mesh").
/// Kubernetes: Gateway API supports the five newest minors at its release (v1.4.0: 1.30 and later, no upper bound):
/// 1.35, 1.36 and 1.37 are covered by the lower bound.</summary>
public static class GatewayApi
{
    /// <summary>The bundle version.</summary>
    public const string Version = "v1.4.0";

    /// <summary>The vendored folder of <c>components/Catalog/Crds</c>.</summary>
    public const string CrdFolder = "gateway-api-v1.4.0";

    /// <summary>Where the vendored files come from in the reference data (<c>shared/charts/&lt;chart&gt;/&lt;version&gt;/crds/</c>):
    /// the chart and version whose <c>crds/</c> holds the same bundle.</summary>
    public static (string Chart, string Version) ReferenceSource { get; } = ("traefik", "39.0.9");

    /// <summary>The CRDs, in ordinal order of their file names.</summary>
    public static IReadOnlyList<CrdManifest> Crds => ChartCrds.InFolder(CrdFolder);
}
