using Platform.Components.Networking.Ingress;

namespace Platform.Components.Observability.Monitoring.Dashboards;

/// <summary>The platform's own dashboards for the components whose charts ship none: each ingress controller, Rook-Ceph
/// and Velero. Every query reads a metric the component exports (sources named by each dashboard), through the
/// ServiceMonitors the layers create when monitoring is on.</summary>
public static class PlatformDashboards
{
    private const string Rate = "[5m]";

    /// <summary>The dashboard of the ingress controller <paramref name="kind"/>: request rate by status, the share of 5xx
    /// responses, latency where the controller exports a histogram, and open connections.</summary>
    public static GrafanaDashboard Ingress(IngressControllerKind kind) => kind switch
    {
        // Traefik's Prometheus metrics (doc.traefik.io/traefik/observability/metrics/overview/, "Entrypoint Metrics"):
        // traefik_entrypoint_requests_total{code,entrypoint,method,protocol}, traefik_entrypoint_request_duration_seconds.
        IngressControllerKind.Traefik => Dashboard("ingress-traefik", "Ingress / Traefik",
            Requests("sum by (code) (rate(traefik_entrypoint_requests_total" + Rate + "))", "{{code}}"),
            ErrorShare("sum(rate(traefik_entrypoint_requests_total{code=~\"5..\"}" + Rate + ")) / sum(rate(traefik_entrypoint_requests_total" + Rate + "))"),
            Latency("histogram_quantile(0.95, sum by (le) (rate(traefik_entrypoint_request_duration_seconds_bucket" + Rate + ")))", "s"),
            Panel("Requests per entry point", "reqps", Q("sum by (entrypoint) (rate(traefik_entrypoint_requests_total" + Rate + "))", "{{entrypoint}}"))),
        // ingress-nginx's metrics (kubernetes/ingress-nginx docs/user-guide/monitoring.md, "Request metrics" and
        // "Nginx process metrics"): nginx_ingress_controller_requests{status,ingress,...},
        // nginx_ingress_controller_request_duration_seconds, nginx_ingress_controller_nginx_process_connections{state}.
        IngressControllerKind.IngressNginx => Dashboard("ingress-nginx", "Ingress / ingress-nginx",
            Requests("sum by (status) (rate(nginx_ingress_controller_requests" + Rate + "))", "{{status}}"),
            ErrorShare("sum(rate(nginx_ingress_controller_requests{status=~\"5..\"}" + Rate + ")) / sum(rate(nginx_ingress_controller_requests" + Rate + "))"),
            Latency("histogram_quantile(0.95, sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket" + Rate + ")))", "s"),
            Panel("Connections", "short", Q("sum by (state) (nginx_ingress_controller_nginx_process_connections)", "{{state}}"))),
        IngressControllerKind.Contour => Envoy("ingress-contour", "Ingress / Contour (Envoy)"),
        IngressControllerKind.Emissary => Envoy("ingress-emissary", "Ingress / Emissary (Envoy)"),
        // HAProxy's built-in exporter (haproxy addons/promex/README, frontend metrics): haproxy_frontend_http_requests_total,
        // haproxy_frontend_http_responses_total{code="1xx".."5xx","other"}, haproxy_frontend_current_sessions.
        IngressControllerKind.HAProxy => Dashboard("ingress-haproxy", "Ingress / HAProxy",
            Requests("sum by (code) (rate(haproxy_frontend_http_responses_total" + Rate + "))", "{{code}}"),
            ErrorShare("sum(rate(haproxy_frontend_http_responses_total{code=\"5xx\"}" + Rate + ")) / sum(rate(haproxy_frontend_http_requests_total" + Rate + "))"),
            Panel("Current sessions", "short", Q("sum by (proxy) (haproxy_frontend_current_sessions)", "{{proxy}}"))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No dashboard for this ingress controller."),
    };

    /// <summary>Rook-Ceph's dashboard, from the Ceph manager's prometheus module (ceph/ceph
    /// src/pybind/mgr/prometheus/module.py and doc/mgr/prometheus.rst): health, raw capacity used, OSDs up and in, each
    /// pool's stored bytes by name (joined with <c>ceph_pool_metadata</c>), client reads and writes.</summary>
    public static GrafanaDashboard RookCeph() => Dashboard("storage-rook-ceph", "Storage / Rook-Ceph",
        Panel("Health (0 OK, 1 WARN, 2 ERR)", "short", PanelKind.Stat, Q("ceph_health_status")),
        Panel("Raw capacity used", "percentunit", PanelKind.Stat, Q("sum(ceph_cluster_total_used_bytes) / sum(ceph_cluster_total_bytes)")),
        Panel("OSDs", "short", Q("sum(ceph_osd_up)", "up"), Q("sum(ceph_osd_in)", "in"), Q("count(ceph_osd_metadata)", "total")),
        Panel("Stored per pool", "bytes", Q("sum by (name) (ceph_pool_stored * on (pool_id) group_left (name) ceph_pool_metadata)", "{{name}}")),
        Panel("Client operations", "ops", Q("sum(rate(ceph_pool_rd" + Rate + "))", "reads"), Q("sum(rate(ceph_pool_wr" + Rate + "))", "writes")));

    /// <summary>Velero's dashboard (vmware-tanzu/velero pkg/metrics/metrics.go): the age of each schedule's last
    /// successful backup, and successes, partial failures and failures per schedule over the last day.</summary>
    public static GrafanaDashboard Velero() => Dashboard("backup-velero", "Backup / Velero",
        Panel("Since the last successful backup", "s", PanelKind.Stat, Q("time() - max by (schedule) (velero_backup_last_successful_timestamp)", "{{schedule}}")),
        Panel("Backups in the last 24 hours", "short",
            Q("sum by (schedule) (increase(velero_backup_success_total[24h]))", "{{schedule}} succeeded"),
            Q("sum by (schedule) (increase(velero_backup_partial_failure_total[24h]))", "{{schedule}} partially failed"),
            Q("sum by (schedule) (increase(velero_backup_failure_total[24h]))", "{{schedule}} failed")),
        Panel("Backup duration (p95)", "s", Q("histogram_quantile(0.95, sum by (le, schedule) (rate(velero_backup_duration_seconds_bucket[1d])))", "{{schedule}}")));

    // Envoy's HTTP connection manager statistics (envoyproxy.io docs, configuration/http/http_conn_man/stats), as
    // /stats/prometheus names them: envoy_http_downstream_rq_total, envoy_http_downstream_rq_xx{envoy_response_code_class},
    // envoy_http_downstream_rq_time (milliseconds), envoy_http_downstream_cx_active.
    private static GrafanaDashboard Envoy(string uid, string title) => Dashboard(uid, title,
        Requests("sum by (envoy_response_code_class) (rate(envoy_http_downstream_rq_xx" + Rate + "))", "{{envoy_response_code_class}}xx"),
        ErrorShare("sum(rate(envoy_http_downstream_rq_xx{envoy_response_code_class=\"5\"}" + Rate + ")) / sum(rate(envoy_http_downstream_rq_total" + Rate + "))"),
        Latency("histogram_quantile(0.95, sum by (le) (rate(envoy_http_downstream_rq_time_bucket" + Rate + ")))", "ms"),
        Panel("Active connections", "short", Q("sum(envoy_http_downstream_cx_active)")));

    private static GrafanaDashboard Dashboard(string uid, string title, params DashboardPanel[] panels) =>
        new() { Uid = uid, Title = title, Panels = panels };

    private static DashboardPanel Requests(string expr, string legend) => Panel("Requests by status", "reqps", Q(expr, legend));

    private static DashboardPanel ErrorShare(string expr) => Panel("Share of 5xx responses", "percentunit", Q(expr, "5xx"));

    private static DashboardPanel Latency(string expr, string unit) => Panel("Latency (p95)", unit, Q(expr, "p95"));

    private static DashboardPanel Panel(string title, string unit, params DashboardQuery[] queries) =>
        new() { Title = title, Unit = unit, Queries = queries };

    private static DashboardPanel Panel(string title, string unit, PanelKind kind, params DashboardQuery[] queries) =>
        new() { Title = title, Unit = unit, Kind = kind, Queries = queries };

    private static DashboardQuery Q(string expr, string legend = "") => new(expr, legend);
}
