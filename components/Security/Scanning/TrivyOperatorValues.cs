using Platform.Components.Networking;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Security.Scanning;

/// <summary>Helm values for the Trivy operator (<see cref="Catalog.HelmCharts.TrivyOperator"/>). Every key is one the
/// chart of the pinned version reads (checked against its values-paths by the tests and chart-check). The tree holds
/// only string, bool, int, nested <see cref="Dictionary{TKey, TValue}"/> and <c>object[]</c>, never null, and nothing
/// secret.</summary>
/// <remarks>Choices that are not options:
/// <list type="bullet">
/// <item>Scanners: vulnerabilities, configuration audit, exposed secrets and RBAC assessment (reads Roles and bindings,
/// runs no job). SBOM reports are off: one per image, large, kept in etcd, and nothing of the platform reads them.</item>
/// <item>Infrastructure assessment is off: its node-collector Job mounts the nodes' <c>/etc/kubernetes</c>,
/// <c>/var/lib/etcd</c> and <c>/var/lib/kubelet</c> (host paths, which only the privileged Pod Security level admits),
/// and the platform's CIS checks of the nodes are kube-bench's (components/Cluster/Kubeadm/CIS.md). So the namespace
/// stays restricted, and the compliance reports are the ones built from configuration audits only (NSA hardening
/// guide, Pod Security Standards baseline and restricted); the CIS compliance spec, which needs node-collector, is left
/// out.</item>
/// <item>Client/server mode with the chart's built-in Trivy server: the server downloads the vulnerability database once
/// (and refreshes it), every scan job is a client that sends the image's package list to it. In standalone mode each scan
/// job would download the whole database (hundreds of MB) itself: slow, heavy on a mirror, and rate-limited on the public
/// registries. The server keeps the database in an <c>emptyDir</c> (<c>trivy.storageClassEnabled</c> false), so the
/// layer claims no volume; a restarted server downloads it again.</item>
/// <item>Scan jobs run in the operator's namespace (<c>scanJobsInSameNamespace</c> false): one namespace to allow their
/// egress, and the workloads' namespaces need no Pod Security or NetworkPolicy room for them. Every pod of the release
/// runs as a non-root user with no privilege escalation, no capabilities, a read-only root filesystem and the runtime's
/// seccomp profile (the restricted level).</item>
/// </list></remarks>
public static class TrivyOperatorValues
{
    /// <summary>The port the operator serves metrics on (container port <c>metrics</c>).</summary>
    public const int MetricsPort = 8080;

    /// <summary>The port of the built-in Trivy server, which the scan jobs reach inside the namespace.</summary>
    public const int ServerPort = 4954;

    /// <summary>The compliance specs reported (the chart's list without <c>k8s-cis-1.23</c>, which needs node-collector).</summary>
    public static IReadOnlyList<string> ComplianceSpecs { get; } = ["k8s-nsa-1.0", "k8s-pss-baseline-0.1", "k8s-pss-restricted-0.1"];

    /// <summary>The values for <paramref name="options"/>; <paramref name="monitoring"/> adds the ServiceMonitor (it needs
    /// the Prometheus Operator's CRDs).</summary>
    public static IReadOnlyDictionary<string, object> Render(ImageScanningOptions options, bool monitoring)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException($"Image scanning: {string.Join(" ", problems)}", nameof(options));
        var restrictedContainer = RestrictedSecurityContext.Container(privileged: false);
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["operator"] = Map(
                ("scanJobsConcurrentLimit", options.ConcurrentScanJobs),
                // A scan job that runs longer than this is ended and retried after scanJobsRetryDelay.
                ("scanJobTimeout", "5m"),
                // Reports are deleted after a day, so every image is scanned again daily against a fresh database.
                ("scannerReportTTL", "24h"),
                ("vulnerabilityScannerEnabled", true),
                ("configAuditScannerEnabled", true),
                ("exposedSecretScannerEnabled", true),
                ("rbacAssessmentScannerEnabled", true),
                ("infraAssessmentScannerEnabled", false),
                ("sbomGenerationEnabled", false),
                ("clusterComplianceEnabled", true),
                ("builtInTrivyServer", true),
                ("metricsFindingsEnabled", true)),
            ["trivyOperator"] = Map(
                ("scanJobsInSameNamespace", false),
                // On-prem clusters have no GCR workload identity.
                ("useGCRServiceAccount", false),
                ("scanJobAutomountServiceAccountToken", false),
                ("scanJobPodTemplatePodSecurityContext", RestrictedSecurityContext.Pod(65534, 65534)),
                ("scanJobPodTemplateContainerSecurityContext", restrictedContainer)),
            ["trivy"] = Map(
                ("mode", "ClientServer"),
                ("severity", string.Join(",", TrivySeverities.All.Where(options.Severities.Contains))),
                ("dbRegistry", ImageScanningOptions.RegistryOf(options.DbRepository)),
                ("dbRepository", ImageScanningOptions.PathOf(options.DbRepository)),
                ("javaDbRegistry", ImageScanningOptions.RegistryOf(options.JavaDbRepository)),
                ("javaDbRepository", ImageScanningOptions.PathOf(options.JavaDbRepository)),
                ("storageClassEnabled", false),
                // Each scan job's container: a bounded share of a node, whatever the image.
                ("resources", Map(
                    ("requests", Map(("cpu", "100m"), ("memory", "128Mi"))),
                    ("limits", Map(("cpu", "500m"), ("memory", "1Gi"))))),
                ("server", Map(
                    ("replicas", 1),
                    ("resources", Map(
                        ("requests", Map(("cpu", "200m"), ("memory", "512Mi"))),
                        ("limits", Map(("cpu", "1"), ("memory", "2Gi"))))),
                    ("podSecurityContext", RestrictedSecurityContext.Pod(65534, 65534, 65534)),
                    ("securityContext", restrictedContainer)))),
            ["compliance"] = Map(("specs", ComplianceSpecs.ToArray<object>())),
            // The operator image's user (its Dockerfile: USER 10000).
            ["podSecurityContext"] = RestrictedSecurityContext.Pod(10000, 10000, 10000),
            ["resources"] = Map(
                ("requests", Map(("cpu", "100m"), ("memory", "128Mi"))),
                ("limits", Map(("memory", "512Mi")))),
            ["serviceMonitor"] = Map(("enabled", monitoring)),
        };
    }
}
