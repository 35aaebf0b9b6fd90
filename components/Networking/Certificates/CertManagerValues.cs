using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Networking.Certificates;

/// <summary>Helm values for the <c>cert-manager</c> chart (see <see cref="Catalog.HelmCharts.CertManager"/>). Every key
/// is checked against the chart's values.yaml of the pinned version. The tree holds only string, bool, int, nested
/// <see cref="Dictionary{TKey, TValue}"/> and <c>object[]</c>, never null, and its keys come out in a fixed order.</summary>
/// <remarks>Choices that are not options:
/// <list type="bullet">
/// <item><c>crds.enabled</c> with <c>crds.keep</c>: the chart installs and upgrades the CRDs with the release (one
/// version for CRDs and controllers), and keeps them when the release is uninstalled, because deleting the CRDs deletes
/// every Certificate, Issuer and ClusterIssuer in the cluster. The deprecated <c>installCRDs</c> is not used.</item>
/// <item>Pod and container security contexts are written out (non-root, RuntimeDefault seccomp, no privilege
/// escalation, all capabilities dropped, read-only root filesystem) for the controller, webhook, cainjector and the
/// startupapicheck hook, so every pod passes the Pod Security <c>restricted</c> level whatever the chart's defaults
/// become.</item>
/// <item><c>prometheus.enabled</c> stays true (a metrics Service for the controller); only the ServiceMonitor is
/// optional.</item>
/// </list></remarks>
public static class CertManagerValues
{
    /// <summary>Where the controller, webhook and CA injector serve Prometheus metrics: 9402, the chart's
    /// <c>http-metrics</c> container port.</summary>
    public static IReadOnlyList<(int Port, string Protocol)> MetricsPorts { get; } = [(9402, "TCP")];

    /// <summary>The values for <paramref name="options"/>.</summary>
    /// <param name="options">The certificate choices; only <see cref="CertificateOptions.Replicas"/> and
    /// <see cref="CertificateOptions.ServiceMonitor"/> affect the chart.</param>
    /// <exception cref="ArgumentException">The options are not valid; the message lists every problem.</exception>
    public static IReadOnlyDictionary<string, object> Render(CertificateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException($"Certificate options are not valid: {string.Join(" ", problems)}", nameof(options));

        var replicas = options.Replicas;
        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["crds"] = Map(("enabled", true), ("keep", true)),
            // The chart aggregates create/update on Certificates, Issuers and CertificateRequests into the built-in
            // admin and edit roles; with cert-manager's default approver that would let every team with edit in its
            // namespace get certificates from the platform's ClusterIssuers (any name, even a CA). Off: the
            // platform's own layers request them; a team gets an Issuer of its own through an explicit Role.
            ["global"] = Map(("rbac", Map(("aggregateClusterRoles", false)))),
        };
        foreach (var (key, value) in Workload(replicas))
            values.Add(key, value);
        values["prometheus"] = Map(("enabled", true), ("servicemonitor", Map(("enabled", options.ServiceMonitor))));
        values["webhook"] = Map(Workload(replicas));
        values["cainjector"] = Map(Workload(replicas));
        values["startupapicheck"] = Map(("securityContext", RestrictedSecurityContext.Pod()), ("containerSecurityContext", RestrictedSecurityContext.Container()));
        return values;
    }

    // The keys the controller (at the top level), webhook and cainjector share.
    private static (string Key, object Value)[] Workload(int replicas) =>
    [
        ("replicaCount", replicas),
        // The chart defaults to minAvailable 1; with one replica a budget would block every node drain.
        ("podDisruptionBudget", Map(("enabled", replicas > 1))),
        ("securityContext", RestrictedSecurityContext.Pod()),
        ("containerSecurityContext", RestrictedSecurityContext.Container()),
    ];
}
