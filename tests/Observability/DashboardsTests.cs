using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Platform.Components.Networking.Ingress;
using Platform.Components.Observability;
using Platform.Components.Observability.Monitoring.Dashboards;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Validation;

namespace Platform.Tests.Observability;

/// <summary>The platform's Grafana dashboards, decoded from the JSON the monitoring layer provisions: every panel's query
/// reads only metrics the component exports, the layout and the data source variable are Grafana's, and the composition
/// provisions the dashboards of the capabilities that are on as ConfigMaps labelled for Grafana's sidecar.</summary>
public partial class DashboardsTests
{
    // What each component exports, from its own documentation or source:
    // Traefik: doc.traefik.io/traefik/observability/metrics/overview/ (entrypoint metrics, histogram _bucket series).
    // ingress-nginx: kubernetes/ingress-nginx docs/user-guide/monitoring.md (request and nginx process metrics).
    // Envoy (Contour, Emissary): envoyproxy.io configuration/http/http_conn_man/stats, as /stats/prometheus names them.
    // HAProxy: haproxy addons/promex/README (frontend metrics).
    // Ceph: ceph/ceph src/pybind/mgr/prometheus/module.py and doc/mgr/prometheus.rst (ceph_pool_metadata, ceph_osd_metadata).
    // Velero: vmware-tanzu/velero pkg/metrics/metrics.go.
    private static readonly Dictionary<string, string[]> Exported = new()
    {
        ["ingress-traefik"] = ["traefik_entrypoint_requests_total", "traefik_entrypoint_request_duration_seconds_bucket"],
        ["ingress-nginx"] = ["nginx_ingress_controller_requests", "nginx_ingress_controller_request_duration_seconds_bucket", "nginx_ingress_controller_nginx_process_connections"],
        ["ingress-contour"] = ["envoy_http_downstream_rq_total", "envoy_http_downstream_rq_xx", "envoy_http_downstream_rq_time_bucket", "envoy_http_downstream_cx_active"],
        ["ingress-emissary"] = ["envoy_http_downstream_rq_total", "envoy_http_downstream_rq_xx", "envoy_http_downstream_rq_time_bucket", "envoy_http_downstream_cx_active"],
        ["ingress-haproxy"] = ["haproxy_frontend_http_requests_total", "haproxy_frontend_http_responses_total", "haproxy_frontend_current_sessions"],
        ["storage-rook-ceph"] = ["ceph_health_status", "ceph_cluster_total_bytes", "ceph_cluster_total_used_bytes", "ceph_osd_up", "ceph_osd_in", "ceph_osd_metadata", "ceph_pool_stored", "ceph_pool_metadata", "ceph_pool_rd", "ceph_pool_wr"],
        ["backup-velero"] = ["velero_backup_last_successful_timestamp", "velero_backup_success_total", "velero_backup_partial_failure_total", "velero_backup_failure_total", "velero_backup_duration_seconds_bucket"],
    };

    private static readonly HashSet<string> PromQlWords =
        ["sum", "rate", "increase", "histogram_quantile", "time", "max", "min", "avg", "count", "by", "on", "group_left", "without", "or", "and", "unless"];

    private sealed record DashboardModel(
        [property: JsonPropertyName("uid")] string Uid,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("tags")] string[] Tags,
        [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
        [property: JsonPropertyName("editable")] bool Editable,
        [property: JsonPropertyName("refresh")] string Refresh,
        [property: JsonPropertyName("time")] TimeRange Time,
        [property: JsonPropertyName("templating")] Templating Templating,
        [property: JsonPropertyName("panels")] PanelModel[] Panels);

    private sealed record TimeRange([property: JsonPropertyName("from")] string From, [property: JsonPropertyName("to")] string To);

    private sealed record Templating([property: JsonPropertyName("list")] Variable[] List);

    private sealed record Variable(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("label")] string Label,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("query")] string Query);

    private sealed record DataSourceRef([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("uid")] string Uid);

    private sealed record GridPos([property: JsonPropertyName("x")] int X, [property: JsonPropertyName("y")] int Y, [property: JsonPropertyName("w")] int W, [property: JsonPropertyName("h")] int H);

    private sealed record FieldConfig([property: JsonPropertyName("defaults")] FieldDefaults Defaults, [property: JsonPropertyName("overrides")] JsonArray Overrides);

    private sealed record FieldDefaults([property: JsonPropertyName("unit")] string Unit);

    private sealed record Target(
        [property: JsonPropertyName("refId")] string RefId,
        [property: JsonPropertyName("datasource")] DataSourceRef DataSource,
        [property: JsonPropertyName("expr")] string Expr,
        [property: JsonPropertyName("legendFormat")] string? LegendFormat = null);

    private sealed record PanelModel(
        [property: JsonPropertyName("id")] int Id,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("description")] string Description,
        [property: JsonPropertyName("datasource")] DataSourceRef DataSource,
        [property: JsonPropertyName("gridPos")] GridPos GridPos,
        [property: JsonPropertyName("fieldConfig")] FieldConfig FieldConfig,
        [property: JsonPropertyName("targets")] Target[] Targets);

    public static TheoryData<string> Dashboards() => [.. All().Select(d => d.Uid)];

    private static IEnumerable<GrafanaDashboard> All() =>
        Enum.GetValues<IngressControllerKind>().Select(PlatformDashboards.Ingress).Append(PlatformDashboards.RookCeph()).Append(PlatformDashboards.Velero());

    private static DashboardModel Decode(GrafanaDashboard dashboard) => StrictJson.Decode<DashboardModel>(JsonNode.Parse(DashboardJson.Render(dashboard)));

    /// <summary>The metric names a PromQL expression reads: its identifiers without label matchers, grouping labels,
    /// strings, ranges, numbers and PromQL's own words.</summary>
    internal static IReadOnlySet<string> Metrics(string expr)
    {
        var stripped = Matchers().Replace(expr, " ");
        stripped = Grouping().Replace(stripped, " ");
        stripped = Ranges().Replace(stripped, " ");
        return Identifier().Matches(stripped).Select(m => m.Value).Where(w => !PromQlWords.Contains(w)).ToHashSet();
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Every_panel_reads_only_metrics_its_component_exports(string uid)
    {
        var model = Decode(All().Single(d => d.Uid == uid));

        Assert.NotEmpty(model.Panels);
        foreach (var target in model.Panels.SelectMany(p => p.Targets))
        {
            var metrics = Metrics(target.Expr);
            Assert.NotEmpty(metrics);
            Assert.All(metrics, m => Assert.Contains(m, Exported[uid]));
        }
    }

    [Fact]
    public void The_metric_extraction_sees_through_matchers_grouping_and_ranges()
    {
        Assert.Equal(new HashSet<string> { "ceph_pool_stored", "ceph_pool_metadata" },
            Metrics("sum by (name) (ceph_pool_stored * on (pool_id) group_left (name) ceph_pool_metadata)"));
        Assert.Equal(new HashSet<string> { "envoy_http_downstream_rq_xx", "envoy_http_downstream_rq_total" },
            Metrics("sum(rate(envoy_http_downstream_rq_xx{envoy_response_code_class=\"5\"}[5m])) / sum(rate(envoy_http_downstream_rq_total[5m]))"));
        Assert.Contains("made_up_metric", Metrics("histogram_quantile(0.95, sum by (le) (rate(made_up_metric[5m])))"));
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Dashboards_follow_the_prometheus_data_source_and_lay_panels_out_two_to_a_row(string uid)
    {
        var model = Decode(All().Single(d => d.Uid == uid));

        Assert.Equal((uid, DashboardJson.SchemaVersion, false), (model.Uid, model.SchemaVersion, model.Editable));
        var variable = Assert.Single(model.Templating.List);
        Assert.Equal(("datasource", "datasource", "prometheus"), (variable.Name, variable.Type, variable.Query));
        Assert.All(model.Panels, p =>
        {
            Assert.Contains(p.Type, new[] { "timeseries", "stat" });
            Assert.Equal(("prometheus", "${datasource}"), (p.DataSource.Type, p.DataSource.Uid));
            Assert.All(p.Targets, t => Assert.Equal("${datasource}", t.DataSource.Uid));
            Assert.Equal(p.Targets.Select((_, i) => ((char)('A' + i)).ToString()), p.Targets.Select(t => t.RefId));
        });
        Assert.Equal(model.Panels.Length, model.Panels.Select(p => (p.GridPos.X, p.GridPos.Y)).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, model.Panels.Length), model.Panels.Select(p => p.Id));
    }

    [Fact]
    public void A_dashboard_without_panels_or_queries_or_with_a_bad_uid_is_refused()
    {
        var panel = new DashboardPanel { Title = "x", Queries = [new("up")] };
        Assert.Throws<ArgumentException>(() => DashboardJson.Render(new GrafanaDashboard { Uid = "x", Title = "x", Panels = [] }));
        Assert.Throws<ArgumentException>(() => DashboardJson.Render(new GrafanaDashboard { Uid = "x", Title = "x", Panels = [panel with { Queries = [] }] }));
        Assert.Throws<ArgumentException>(() => DashboardJson.Render(new GrafanaDashboard { Uid = "Not_A_Label", Title = "x", Panels = [panel] }));
    }

    [Fact]
    public async Task The_monitoring_layer_provisions_the_dashboards_of_the_capabilities_that_are_on_as_labelled_config_maps()
    {
        var config = ValidConfig.Values();
        config["ingress"] = """{"controllers": [{"kind": "traefik", "default": true}, {"kind": "contour"}]}""";
        var run = await StackRunner.RunAsync(config);

        var maps = run.RegistrationsOf("kubernetes:core/v1:ConfigMap").Where(r => r.Name!.StartsWith("platform-prod-monitoring-dashboard-", StringComparison.Ordinal)).ToList();
        var byName = maps.ToDictionary(m => (string)((IReadOnlyDictionary<string, object>)m.Inputs["metadata"])["name"]);
        Assert.Equal(["grafana-dashboard-ingress-contour", "grafana-dashboard-ingress-traefik"], byName.Keys.Order());
        foreach (var (name, map) in byName)
        {
            var metadata = (IReadOnlyDictionary<string, object>)map.Inputs["metadata"];
            Assert.Equal(MonitoringLayer.Namespace, metadata["namespace"]);
            Assert.Equal("1", ((IReadOnlyDictionary<string, object>)metadata["labels"])[MonitoringLayer.DashboardLabel]);
            var data = (IReadOnlyDictionary<string, object>)map.Inputs["data"];
            var uid = name["grafana-dashboard-".Length..];
            Assert.Equal(uid, StrictJson.Decode<DashboardModel>(JsonNode.Parse((string)data[$"{uid}.json"])).Uid);
        }
        // No storage and no backups in this stack: no Rook-Ceph or Velero dashboard.
        Assert.DoesNotContain(maps, m => m.Name!.EndsWith("storage-rook-ceph", StringComparison.Ordinal) || m.Name!.EndsWith("backup-velero", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_rook_ceph_and_backups_their_dashboards_come_too()
    {
        // Enterprise: backups are mandatory, into the platform's Rook object store by default.
        var config = Storage.StorageLayerTests.Stateful();
        config["tier"] = "enterprise";
        var run = await StackRunner.RunAsync(config);

        var names = run.RegistrationsOf("kubernetes:core/v1:ConfigMap").Select(r => r.Name).ToHashSet();
        Assert.Contains("platform-prod-monitoring-dashboard-storage-rook-ceph", names);
        Assert.Contains("platform-prod-monitoring-dashboard-backup-velero", names);
    }

    [GeneratedRegex("\\{[^}]*\\}")]
    private static partial Regex Matchers();

    [GeneratedRegex("\\b(by|on|without|group_left|group_right)\\s*\\([^)]*\\)")]
    private static partial Regex Grouping();

    [GeneratedRegex("\\[[^\\]]*\\]")]
    private static partial Regex Ranges();

    [GeneratedRegex("\\b[a-zA-Z_][a-zA-Z0-9_]*\\b")]
    private static partial Regex Identifier();
}
