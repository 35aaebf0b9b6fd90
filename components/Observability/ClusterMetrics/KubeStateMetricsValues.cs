using Platform.Components.Networking;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Observability.ClusterMetrics;

/// <summary>Helm values for the <c>kube-state-metrics</c> chart (see <see cref="Catalog.HelmCharts.KubeStateMetrics"/>),
/// run by the cluster metrics layer until the monitoring layer runs its own. Every key is one the chart's values.yaml
/// of the pinned version has. The tree holds only string, bool, int, nested <see cref="Dictionary{TKey, TValue}"/> and
/// <c>object[]</c>, never null, and its keys come out in a fixed order.</summary>
/// <remarks>kube-state-metrics keeps every object of each resource it collects in memory (one informer per resource),
/// so its memory grows with the cluster's objects, not with the metrics it exposes: <see cref="Collectors"/> leaves out
/// the resources a platform does not alert on and that grow large or churn (Secrets, ConfigMaps, EndpointSlices,
/// Leases, CertificateSigningRequests, webhook configurations, ...), and <see cref="MetricAllowlist"/> keeps the series
/// to those the usual Kubernetes alerts and dashboards read (the kubernetes-mixin that kube-prometheus-stack ships:
/// workload roll-outs and replicas, pod phases, restarts and waiting reasons, requests and limits, node conditions,
/// capacity and taints, jobs, autoscalers, volumes, quotas and disruption budgets). Every name is a metric of
/// kube-state-metrics v2.20.0 (its <c>docs/metrics/</c>). Security contexts are written out so the pod passes Pod
/// Security <c>restricted</c>.</remarks>
public static class KubeStateMetricsValues
{
    /// <summary>Where kube-state-metrics serves the cluster's metrics (8080, the chart's <c>service.port</c>) and its own
    /// (8081, <c>selfMonitor.telemetryPort</c>).</summary>
    public static IReadOnlyList<(int Port, string Protocol)> MetricsPorts { get; } = [(8080, "TCP"), (8081, "TCP")];

    /// <summary>The overlay that has kube-state-metrics scraped (monitoring on): the chart's ServiceMonitor, which
    /// scrapes both ports and keeps the metrics' own <c>namespace</c> and <c>pod</c> labels (<c>honorLabels</c>), as
    /// kube-prometheus-stack's rules and dashboards expect.</summary>
    public static IReadOnlyDictionary<string, object> Monitoring() => new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["prometheus"] = Map(("monitor", Map(("enabled", true), ("http", Map(("honorLabels", true)))))),
    };

    /// <summary>The resources it watches.</summary>
    public static IReadOnlyList<string> Collectors { get; } =
    [
        "cronjobs", "daemonsets", "deployments", "horizontalpodautoscalers", "jobs", "namespaces", "nodes",
        "persistentvolumeclaims", "persistentvolumes", "poddisruptionbudgets", "pods", "replicasets", "resourcequotas",
        "statefulsets",
    ];

    /// <summary>The metrics it exposes (exact names).</summary>
    public static IReadOnlyList<string> MetricAllowlist { get; } =
    [
        "kube_cronjob_info", "kube_cronjob_next_schedule_time",
        "kube_daemonset_metadata_generation", "kube_daemonset_status_current_number_scheduled",
        "kube_daemonset_status_desired_number_scheduled", "kube_daemonset_status_number_available",
        "kube_daemonset_status_number_misscheduled", "kube_daemonset_status_observed_generation",
        "kube_daemonset_status_updated_number_scheduled",
        "kube_deployment_metadata_generation", "kube_deployment_spec_replicas", "kube_deployment_status_condition",
        "kube_deployment_status_observed_generation", "kube_deployment_status_replicas_available",
        "kube_deployment_status_replicas_updated",
        "kube_horizontalpodautoscaler_spec_max_replicas", "kube_horizontalpodautoscaler_spec_min_replicas",
        "kube_horizontalpodautoscaler_status_condition", "kube_horizontalpodautoscaler_status_current_replicas",
        "kube_horizontalpodautoscaler_status_desired_replicas",
        "kube_job_failed", "kube_job_owner", "kube_job_status_active", "kube_job_status_failed", "kube_job_status_start_time",
        "kube_namespace_status_phase",
        "kube_node_info", "kube_node_spec_taint", "kube_node_spec_unschedulable", "kube_node_status_allocatable",
        "kube_node_status_capacity", "kube_node_status_condition",
        "kube_persistentvolume_capacity_bytes", "kube_persistentvolume_status_phase",
        "kube_persistentvolumeclaim_access_mode", "kube_persistentvolumeclaim_resource_requests_storage_bytes",
        "kube_persistentvolumeclaim_status_phase",
        "kube_pod_container_info", "kube_pod_container_resource_limits", "kube_pod_container_resource_requests",
        "kube_pod_container_status_last_terminated_reason", "kube_pod_container_status_restarts_total",
        "kube_pod_container_status_terminated_reason", "kube_pod_container_status_waiting_reason", "kube_pod_info",
        "kube_pod_owner", "kube_pod_start_time", "kube_pod_status_phase", "kube_pod_status_ready", "kube_pod_status_reason",
        "kube_poddisruptionbudget_status_current_healthy", "kube_poddisruptionbudget_status_desired_healthy",
        "kube_poddisruptionbudget_status_expected_pods", "kube_poddisruptionbudget_status_pod_disruptions_allowed",
        "kube_replicaset_owner", "kube_resourcequota",
        "kube_statefulset_metadata_generation", "kube_statefulset_replicas", "kube_statefulset_status_current_revision",
        "kube_statefulset_status_observed_generation", "kube_statefulset_status_replicas_ready",
        "kube_statefulset_status_replicas_updated", "kube_statefulset_status_update_revision",
    ];

    /// <summary>The values; <paramref name="serviceMonitor"/>: with the chart's ServiceMonitor, whose scrapes keep the
    /// metrics' own <c>namespace</c> and <c>pod</c> labels (<c>honorLabels</c>), as kube-prometheus-stack's rules and
    /// dashboards read them (its own kube-state-metrics subchart is set the same way).</summary>
    public static IReadOnlyDictionary<string, object> Render(bool serviceMonitor = false)
    {
        var values = Base();
        if (serviceMonitor)
            values["prometheus"] = Monitoring()["prometheus"];
        return values;
    }

    private static Dictionary<string, object> Base() => new(StringComparer.Ordinal)
    {
        ["replicas"] = 1,
        ["collectors"] = Collectors.Cast<object>().ToArray(),
        ["metricAllowlist"] = MetricAllowlist.Cast<object>().ToArray(),
        // Requests for a cluster of about 100 nodes; the limit bounds what the collectors above can hold.
        ["resources"] = Map(
            ("requests", Map(("cpu", "10m"), ("memory", "64Mi"))),
            ("limits", Map(("memory", "512Mi")))),
        // The chart applies the pod context only with enabled: true.
        ["securityContext"] = Merge(Map(("enabled", true)), RestrictedSecurityContext.Pod(65534, 65534, 65534)),
        ["containerSecurityContext"] = RestrictedSecurityContext.Container(),
    };
}
