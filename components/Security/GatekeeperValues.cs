using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Security;

/// <summary>Helm values for the <c>gatekeeper</c> chart (<see cref="Catalog.HelmCharts.Gatekeeper"/>). Every key is
/// one the chart's values.yaml of the pinned version has. The tree holds only string, bool, int, nested
/// <see cref="Dictionary{TKey, TValue}"/> and <c>object[]</c>, and its keys come out in a fixed order.</summary>
/// <remarks>Choices that are not options:
/// <list type="bullet">
/// <item>The webhook never sees the exempt namespaces: the API server skips them (the webhook's namespaceSelector,
/// <c>validatingWebhookExemptNamespacesLabels</c> on <c>kubernetes.io/metadata.name</c>), so an unavailable
/// Gatekeeper can never block kube-system or a platform layer; the controller skips them too
/// (<c>controllerManager.exemptNamespaces</c>), and the audit through the Config object
/// (<see cref="PolicyEnforcementLayer"/>).</item>
/// <item>A bounded webhook timeout (<see cref="WebhookTimeoutSeconds"/>), and the failure policy the layer is given:
/// <c>Ignore</c> (a Gatekeeper outage admits, and the audit reports what slipped through) or <c>Fail</c>, which then
/// covers namespaced objects only (<c>validatingWebhookScope: Namespaced</c>: cluster-scoped objects such as Nodes have
/// no namespace to exempt, so an outage would block nodes joining and drains), the namespace-label webhook
/// (<c>validatingWebhookCheckIgnoreFailurePolicy</c>) failing the same way.</item>
/// <item>The audit runs every <see cref="AuditIntervalSeconds"/> seconds and keeps up to
/// <see cref="ViolationsLimit"/> violations on each constraint's status; the controller and the audit export
/// <c>gatekeeper_violations</c> and the other metrics for Prometheus on <see cref="MetricsPort"/>.</item>
/// <item>No mutation (the platform defines no mutators), so no mutating webhook is installed.</item>
/// <item>The CRDs come from the program (<see cref="Catalog.CrdInstall.Manifests"/>): the chart's CRD upgrade Job is
/// off, and so is its Job that relabels its own namespace (whose Pod Security labels the platform namespace sets).</item>
/// <item>CEL templates (<c>enableK8sNativeValidation</c>) on, as the platform's templates are CEL.</item>
/// </list></remarks>
public static class GatekeeperValues
{
    /// <summary>The webhook's timeout: 3 seconds, the chart's default, well under the API server's 10.</summary>
    public const int WebhookTimeoutSeconds = 3;

    /// <summary>How often the audit re-checks every object: 60 seconds.</summary>
    public const int AuditIntervalSeconds = 60;

    /// <summary>Violations kept on each constraint's status: 20.</summary>
    public const int ViolationsLimit = 20;

    /// <summary>The metrics port of the controller and the audit pods (the chart's <c>metricsPort</c>), named
    /// <c>metrics</c>.</summary>
    public const int MetricsPort = 8888;

    /// <summary>The webhook's serving port (the chart's <c>controllerManager.port</c>), which the API server calls.</summary>
    public const int WebhookPort = 8443;

    /// <summary>The values: <paramref name="replicas"/> webhook replicas (a disruption budget keeps one up when there
    /// are two or more); <paramref name="failClosed"/>: the webhook's failure policy is <c>Fail</c>, else
    /// <c>Ignore</c>; <paramref name="exemptNamespaces"/>: never checked; <paramref name="deleteOperations"/>: the
    /// webhook sees deletions too.</summary>
    public static IReadOnlyDictionary<string, object> Render(int replicas, bool failClosed, IReadOnlyList<string> exemptNamespaces, bool deleteOperations)
    {
        ArgumentNullException.ThrowIfNull(exemptNamespaces);
        if (replicas is < 1 or > 10)
            throw new ArgumentOutOfRangeException(nameof(replicas), replicas, "Gatekeeper runs 1 to 10 webhook replicas.");
        var exempt = exemptNamespaces.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Cast<object>().ToArray();
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["replicas"] = replicas,
            ["auditInterval"] = AuditIntervalSeconds,
            ["constraintViolationsLimit"] = ViolationsLimit,
            ["auditFromCache"] = false,
            ["metricsBackends"] = new object[] { "prometheus" },
            ["disableMutation"] = true,
            ["enableK8sNativeValidation"] = true,
            ["enableDeleteOperations"] = deleteOperations,
            ["validatingWebhookTimeoutSeconds"] = WebhookTimeoutSeconds,
            ["validatingWebhookFailurePolicy"] = failClosed ? "Fail" : "Ignore",
            // Fail closed only for namespaced objects: Nodes, PersistentVolumes, CRDs and cluster RBAC have no namespace
            // to exempt, and refusing them while Gatekeeper is down would stop nodes joining, drains and the PV binder.
            ["validatingWebhookScope"] = failClosed ? "Namespaced" : "*",
            // The namespace-label check's own webhook (every Namespace create and label change) fails like the main one.
            ["validatingWebhookCheckIgnoreFailurePolicy"] = failClosed ? "Fail" : "Ignore",
            ["validatingWebhookExemptNamespacesLabels"] = Map(("kubernetes.io/metadata.name", exempt)),
            // Denials in the controller's log, which log shipping carries to the logging backend.
            ["logDenies"] = true,
            ["controllerManager"] = Map(
                ("exemptNamespaces", exempt),
                ("port", WebhookPort),
                ("metricsPort", MetricsPort)),
            ["audit"] = Map(("metricsPort", MetricsPort)),
            ["pdb"] = Map(("controllerManager", Map(("minAvailable", replicas > 1 ? 1 : 0)))),
            ["upgradeCRDs"] = Map(("enabled", false)),
            ["postInstall"] = Map(("labelNamespace", Map(("enabled", false)))),
        };
    }
}
