using static Platform.Components.Networking.Ingress.ValuesTree;

namespace Platform.Components.Networking.LoadBalancing;

/// <summary>Helm values for the <c>metallb</c> chart (see <see cref="Catalog.HelmCharts.MetalLb"/>), checked against
/// the chart's values.yaml of the pinned version. Address pools are not chart values: they are
/// <see cref="MetalLbResources"/> objects created after the release, whose CRDs the chart installs.</summary>
/// <remarks>L2 mode only: the FRR (BGP) container and the frr-k8s backend are off, memberlist stays on so speakers
/// notice a failed node within seconds. From chart 0.16 frr-k8s is on by default and the speaker's FRR container off,
/// so both switches are written out rather than left to the chart. Metrics are served by the controller and speaker
/// themselves over TLS (port 9120, the chart's <c>prometheus.metricsPort</c>; 0.16 dropped kube-rbac-proxy), with
/// health probes on 17472. The controller runs as <c>nobody</c> (65534, non-root). The speaker needs host networking
/// and <c>NET_RAW</c> to answer ARP, which the chart sets itself, so its namespace (<see cref="Namespace"/>) must allow
/// the <c>privileged</c> Pod Security level.</remarks>
public static class MetalLbValues
{
    /// <summary>The namespace MetalLB is installed into, as its documentation does.</summary>
    public const string Namespace = "metallb-system";

    /// <summary>Where the controller and the speakers serve metrics (HTTPS): the chart's <c>prometheus.metricsPort</c>,
    /// 9120 in 0.16.</summary>
    public static IReadOnlyList<(int Port, string Protocol)> MetricsPorts { get; } = [(9120, "TCP")];

    /// <summary>The overlay that has MetalLB scraped (monitoring on): the chart's ServiceMonitors for the controller and
    /// the speakers. <c>rbacPrometheus</c> off: the Role it would add (endpoint discovery in this namespace) needs
    /// Prometheus' ServiceAccount by name, and kube-prometheus-stack's Prometheus discovers endpoints in every namespace
    /// already. The metrics certificate is the one MetalLB generates itself in each pod (no platform CA signs it), so the
    /// ServiceMonitors keep the chart's TLS setting, which does not verify it.</summary>
    public static IReadOnlyDictionary<string, object> Monitoring() => Map(
        ("prometheus", Map(
            ("rbacPrometheus", false),
            ("serviceMonitor", Map(("enabled", true))))));

    /// <summary>The values.</summary>
    public static IReadOnlyDictionary<string, object> Render() => Map(
        ("crds", Map(("enabled", true))),
        ("controller", Map(
            ("logLevel", "info"),
            ("securityContext", RestrictedSecurityContext.Pod(user: 65534, fsGroup: 65534, seccomp: false)))),
        ("speaker", Map(
            ("logLevel", "info"),
            ("memberlist", Map(("enabled", true))),
            ("frr", Map(("enabled", false))))),
        ("frrk8s", Map(("enabled", false))));
}
