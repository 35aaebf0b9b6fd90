using System.Text.Json;
using Platform.Components.Catalog;
using Platform.Components.Observability.ClusterMetrics;
using Platform.Components.Observability.Monitoring;
using Platform.Stacks.Configuration;
using Platform.Tests.Harness;

namespace Platform.Tests.Observability;

/// <summary>kube-prometheus-stack's values, read against the chart's reference data (values-paths of the chart and its
/// subcharts) and as the operator and the pods read them.</summary>
public class MonitoringValuesTests
{
    private static string ChartData(HelmChart chart, string file) =>
        Path.Combine(RepoRoot.Path, "..", "shared", "charts", chart.Name, chart.Version, file);

    private static MonitoringOptions Options(PlatformTier tier = PlatformTier.Medium, bool ephemeral = false, string? host = "grafana.example.com",
        IReadOnlyList<AlertReceiver>? receivers = null) => new()
    {
        Prometheus = MonitoringTierSizing.Prometheus(tier),
        Alertmanager = MonitoringTierSizing.Alertmanager(tier),
        Ephemeral = ephemeral,
        GrafanaHost = host,
        Receivers = receivers ?? [],
    };

    private static readonly KubePrometheusStackInputs Full = new()
    {
        StorageClass = "ceph-block",
        KubeStateMetrics = true,
        IngressClass = "traefik",
        ClusterIssuer = "letsencrypt-production",
        GrafanaPlugins = ["grafana-opensearch-datasource@2.34.2"],
    };

    private static IReadOnlyDictionary<string, object> HelmValuesMap(params (string, object)[] entries) => Components.Networking.HelmValues.Map(entries);

    [Fact]
    public void Every_value_is_a_path_the_chart_or_its_subcharts_read()
    {
        var chart = HelmCharts.KubePrometheusStack;
        var paths = File.ReadAllLines(ChartData(chart, "values-paths.txt")).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        var freeform = File.ReadAllLines(ChartData(chart, "values-freeform.txt")).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t')[0]).ToHashSet(StringComparer.Ordinal);
        var overlay = new Dictionary<string, object> { ["kubelet"] = HelmValuesMap(("enabled", true)) };
        foreach (var values in new[]
        {
            KubePrometheusStackValues.Render(Options(), Full),
            KubePrometheusStackValues.Render(Options(PlatformTier.Small, ephemeral: true, host: null), new KubePrometheusStackInputs { ControlPlaneScrapeValues = overlay }),
        })
        {
            ValuesTree.AssertRoundTrips(values);
            foreach (var (path, _) in Leaves(values, "", freeform))
                Assert.True(paths.Contains(path) || freeform.Any(f => path.StartsWith(f + ".", StringComparison.Ordinal)), $"kube-prometheus-stack does not read {path}");
        }
        // No schema: chart-check (in .ci/run) checks the rendered fixtures against the same data.
        Assert.False(File.Exists(ChartData(chart, "values.schema.json")));
    }

    [Fact]
    public void The_crds_come_from_their_own_chart_and_prometheus_selects_every_monitor_and_rule_without_labels()
    {
        var values = KubePrometheusStackValues.Render(Options(), Full);

        Assert.Equal(false, ValuesTree.At(values, "crds.enabled"));
        foreach (var selector in new[] { "serviceMonitor", "podMonitor", "probe", "rule", "scrapeConfig" })
            Assert.Equal(false, ValuesTree.At(values, $"prometheus.prometheusSpec.{selector}SelectorNilUsesHelmValues"));
        Assert.Equal(true, ValuesTree.At(values, "defaultRules.create"));
    }

    [Fact]
    public void Control_plane_targets_stay_off_until_the_overlay_switches_them_on()
    {
        var plain = KubePrometheusStackValues.Render(Options(), Full);
        Assert.All(KubePrometheusStackValues.ControlPlaneTargets, t => Assert.Equal(false, ValuesTree.At(plain, $"{t}.enabled")));

        var overlay = new Dictionary<string, object>
        {
            ["kubeEtcd"] = HelmValuesMap(("enabled", true), ("service", HelmValuesMap(("port", 2381)))),
            ["prometheus"] = HelmValuesMap(("prometheusSpec", HelmValuesMap(("scrapeInterval", "30s")))),
        };
        var merged = KubePrometheusStackValues.Render(Options(), Full with { ControlPlaneScrapeValues = overlay });
        Assert.Equal(true, ValuesTree.At(merged, "kubeEtcd.enabled"));
        Assert.Equal(2381, ValuesTree.At(merged, "kubeEtcd.service.port"));
        Assert.Equal(false, ValuesTree.At(merged, "kubeScheduler.enabled"));
        // The overlay merges into maps, it does not replace them.
        Assert.Equal("30s", ValuesTree.At(merged, "prometheus.prometheusSpec.scrapeInterval"));
        Assert.Equal(2, ValuesTree.At(merged, "prometheus.prometheusSpec.replicas"));
    }

    [Theory]
    [InlineData(PlatformTier.Small, 1, "7d", "20Gi", "17GiB", 1, false)]
    [InlineData(PlatformTier.Medium, 2, "15d", "50Gi", "42GiB", 2, true)]
    [InlineData(PlatformTier.Enterprise, 2, "30d", "150Gi", "127GiB", 3, true)]
    public void Each_tier_sizes_prometheus_and_alertmanager_on_the_platforms_class(PlatformTier tier, int replicas, string retention, string size,
        string retentionSize, int alertmanagers, bool budgets)
    {
        var values = KubePrometheusStackValues.Render(Options(tier), Full);

        Assert.Equal(replicas, ValuesTree.At(values, "prometheus.prometheusSpec.replicas"));
        Assert.Equal(retention, ValuesTree.At(values, "prometheus.prometheusSpec.retention"));
        Assert.Equal(retentionSize, ValuesTree.At(values, "prometheus.prometheusSpec.retentionSize"));
        var claim = k8s.KubernetesJson.Deserialize<k8s.Models.V1PersistentVolumeClaimSpec>(JsonSerializer.Serialize(ValuesTree.At(values, "prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec")));
        Assert.Equal("ceph-block", claim.StorageClassName);
        Assert.Equal(size, claim.Resources.Requests["storage"].ToString());
        Assert.Equal(["ReadWriteOnce"], claim.AccessModes);
        Assert.Equal(alertmanagers, ValuesTree.At(values, "alertmanager.alertmanagerSpec.replicas"));
        Assert.Equal("ceph-block", ValuesTree.At(values, "alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec.storageClassName"));
        Assert.Equal(budgets, ValuesTree.At(values, "prometheus.podDisruptionBudget.enabled"));
        Assert.Equal(alertmanagers > 1, ValuesTree.At(values, "alertmanager.podDisruptionBudget.enabled"));
        var resources = k8s.KubernetesJson.Deserialize<k8s.Models.V1ResourceRequirements>(JsonSerializer.Serialize(ValuesTree.At(values, "prometheus.prometheusSpec.resources")));
        Assert.Equal(MonitoringTierSizing.Prometheus(tier).MemoryLimit, resources.Limits["memory"].ToString());
        Assert.False(resources.Limits.ContainsKey("cpu"));
    }

    [Fact]
    public void Ephemeral_data_lives_in_bounded_empty_dirs_and_storage_is_refused_without_a_class()
    {
        var values = KubePrometheusStackValues.Render(Options(ephemeral: true), Full with { StorageClass = null });
        Assert.Equal("50Gi", ValuesTree.At(values, "prometheus.prometheusSpec.storageSpec.emptyDir.sizeLimit"));
        Assert.False(ValuesTree.Has(values, "prometheus.prometheusSpec.storageSpec.volumeClaimTemplate"));
        Assert.Equal("2Gi", ValuesTree.At(values, "alertmanager.alertmanagerSpec.storage.emptyDir.sizeLimit"));

        var noClass = Assert.Throws<ArgumentException>(() => KubePrometheusStackValues.Render(Options(), Full with { StorageClass = null }));
        Assert.Contains("no StorageClass is given", noClass.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => KubePrometheusStackValues.Render(Options(ephemeral: true), Full));
    }

    [Fact]
    public void Secrets_are_referenced_never_written_into_the_values()
    {
        var values = KubePrometheusStackValues.Render(Options(receivers: [new AlertReceiver { Name = "ops-slack", Kind = AlertReceiverKind.Slack }]), Full);

        Assert.Equal(true, ValuesTree.At(values, "alertmanager.alertmanagerSpec.useExistingSecret"));
        Assert.Equal(KubePrometheusStackValues.AlertmanagerConfigSecret, ValuesTree.At(values, "alertmanager.alertmanagerSpec.configSecret"));
        Assert.False(ValuesTree.Has(values, "alertmanager.config"));
        Assert.Equal(KubePrometheusStackValues.GrafanaAdminSecret, ValuesTree.At(values, "grafana.admin.existingSecret"));
        Assert.Equal("admin-password", ValuesTree.At(values, "grafana.admin.passwordKey"));
        Assert.False(ValuesTree.Has(values, "grafana.adminPassword"));
    }

    [Fact]
    public void Grafana_is_exposed_on_the_default_class_with_a_certificate_or_not_at_all()
    {
        var tls = KubePrometheusStackValues.Render(Options(), Full);
        Assert.Equal("traefik", ValuesTree.At(tls, "grafana.ingress.ingressClassName"));
        Assert.Equal("grafana.example.com", ValuesTree.At(tls, "grafana.ingress.hosts.0"));
        Assert.Equal("letsencrypt-production", ((IReadOnlyDictionary<string, object>)ValuesTree.At(tls, "grafana.ingress.annotations"))["cert-manager.io/cluster-issuer"]);
        var entry = k8s.KubernetesJson.Deserialize<k8s.Models.V1IngressTLS>(JsonSerializer.Serialize(ValuesTree.At(tls, "grafana.ingress.tls.0")));
        Assert.Equal((KubePrometheusStackValues.GrafanaTlsSecret, "grafana.example.com"), (entry.SecretName, Assert.Single(entry.Hosts)));
        Assert.Equal("https://grafana.example.com/", ValuesTree.At(tls, "grafana.env.GF_SERVER_ROOT_URL"));
        Assert.Equal("https://grafana.example.com/", KubePrometheusStackValues.GrafanaUrl(Options(), Full));

        var plain = KubePrometheusStackValues.Render(Options(), Full with { ClusterIssuer = null });
        Assert.False(ValuesTree.Has(plain, "grafana.ingress.tls"));
        Assert.Equal("http://grafana.example.com/", KubePrometheusStackValues.GrafanaUrl(Options(), Full with { ClusterIssuer = null }));

        var hidden = KubePrometheusStackValues.Render(Options(), Full with { IngressClass = null });
        Assert.False(ValuesTree.Has(hidden, "grafana.ingress"));
        Assert.Null(KubePrometheusStackValues.GrafanaUrl(Options(), Full with { IngressClass = null }));
        Assert.Null(KubePrometheusStackValues.GrafanaUrl(Options(host: null), Full));
    }

    [Fact]
    public void One_kube_state_metrics_the_cluster_metrics_layers_unless_it_is_off()
    {
        var inside = KubePrometheusStackValues.Render(Options(), Full);
        Assert.Equal(true, ValuesTree.At(inside, "kubeStateMetrics.enabled"));
        // The subchart runs with the cluster metrics layer's values (collectors, allow-list, restricted security contexts).
        Assert.Equal(KubeStateMetricsValues.Collectors, ((object[])ValuesTree.At(inside, "kube-state-metrics.collectors")).Cast<string>());
        Assert.Equal(true, ValuesTree.At(inside, "kube-state-metrics.prometheus.monitor.http.honorLabels"));

        var outside = KubePrometheusStackValues.Render(Options(), Full with { KubeStateMetrics = false });
        Assert.Equal(false, ValuesTree.At(outside, "kubeStateMetrics.enabled"));
        Assert.False(outside.ContainsKey("kube-state-metrics"));
        // The standalone chart's ServiceMonitor is on exactly when monitoring is.
        Assert.Equal(true, ValuesTree.At(KubeStateMetricsValues.Render(serviceMonitor: true), "prometheus.monitor.enabled"));
        Assert.False(KubeStateMetricsValues.Render().ContainsKey("prometheus"));
    }

    [Fact]
    public void Node_exporter_runs_in_its_own_namespace_and_grafana_passes_restricted()
    {
        var values = KubePrometheusStackValues.Render(Options(), Full);
        Assert.Equal(KubePrometheusStackValues.NodeExporterNamespace, ValuesTree.At(values, "prometheus-node-exporter.namespaceOverride"));

        var grafana = JsonSerializer.SerializeToNode(ValuesTree.At(values, "grafana"))!;
        var pod = Validation.StrictJson.Decode<k8s.Models.V1PodSecurityContext>(grafana["securityContext"]);
        Assert.Equal("RuntimeDefault", pod.SeccompProfile.Type);
        Assert.True(pod.RunAsNonRoot);
        Assert.Equal(false, ValuesTree.At(values, "grafana.persistence.enabled"));
        Assert.Equal("ALL", ValuesTree.At(values, "grafana.sidecar.dashboards.searchNamespace"));
        // The layers' data sources are Secrets the sidecar loads (GrafanaDataSource), none in the values: they hold passwords.
        Assert.Equal(true, ValuesTree.At(values, "grafana.sidecar.datasources.enabled"));
        Assert.Equal("grafana_datasource", ValuesTree.At(values, "grafana.sidecar.datasources.label"));
        Assert.Equal("1", ValuesTree.At(values, "grafana.sidecar.datasources.labelValue"));
        Assert.False(((IReadOnlyDictionary<string, object>)ValuesTree.At(values, "grafana")!).ContainsKey("additionalDataSources"));
        Assert.Equal(new object[] { "grafana-opensearch-datasource@2.34.2" }, (object[])ValuesTree.At(values, "grafana.plugins")!);
    }

    [Theory]
    [InlineData("replicas", "prometheus.replicas must be 1 to 5, not 0.")]
    [InlineData("storageSize", "prometheus.storageSize '50GB' is not a volume size in whole gibibytes")]
    [InlineData("retention", "prometheus.retention '15 days' is not a duration")]
    [InlineData("retentionRange", "prometheus.retention 1h must be from 2h to two years")]
    [InlineData("memory", "prometheus.memoryLimit 1Gi is below memoryRequest 2Gi")]
    [InlineData("cpu", "prometheus.cpuRequest 'lots' is not a CPU quantity")]
    [InlineData("host", "grafana.host 'Grafana' is not a DNS name")]
    public void Bad_sizing_and_hostnames_are_refused(string field, string expected)
    {
        var prometheus = MonitoringTierSizing.Prometheus(PlatformTier.Medium);
        var options = field switch
        {
            "replicas" => Options() with { Prometheus = prometheus with { Replicas = 0 } },
            "storageSize" => Options() with { Prometheus = prometheus with { StorageSize = "50GB" } },
            "retention" => Options() with { Prometheus = prometheus with { Retention = "15 days" } },
            "retentionRange" => Options() with { Prometheus = prometheus with { Retention = "1h" } },
            "memory" => Options() with { Prometheus = prometheus with { MemoryLimit = "1Gi" } },
            "cpu" => Options() with { Prometheus = prometheus with { CpuRequest = "lots" } },
            _ => Options(host: "Grafana"),
        };

        var error = Assert.Throws<ArgumentException>(() => KubePrometheusStackValues.Render(options, Full));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The dotted paths of every leaf, stopping at maps the chart passes whole (freeform) and at lists.</summary>
    private static IEnumerable<(string Path, object Value)> Leaves(IReadOnlyDictionary<string, object> tree, string prefix, IReadOnlySet<string> freeform)
    {
        foreach (var (key, value) in tree)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is IReadOnlyDictionary<string, object> map && !freeform.Contains(path))
            {
                foreach (var leaf in Leaves(map, path, freeform)) yield return leaf;
            }
            else
            {
                yield return (path, value);
            }
        }
    }

    // Alertmanager's CRD (prometheus-operator-crds 31.0.1, spec.retention) takes hours, minutes and seconds only.
    [Theory]
    [InlineData("5d", "120h")]
    [InlineData("1w", "168h")]
    [InlineData("72h", "72h")]
    public void Alertmanager_keeps_its_retention_in_the_units_its_crd_accepts(string configured, string rendered)
    {
        var options = Options();
        options = options with { Alertmanager = options.Alertmanager with { Retention = configured } };

        var retention = (string)ValuesTree.At(KubePrometheusStackValues.Render(options, Full), "alertmanager.alertmanagerSpec.retention")!;

        Assert.Equal(rendered, retention);
        Assert.Matches("^(0|(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$", retention);
    }
}

