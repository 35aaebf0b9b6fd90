using System.Text.Json;
using Platform.Components.Catalog;
using Platform.Components.Observability.ClusterMetrics;
using Platform.Tests.Harness;

namespace Platform.Tests.Observability;

/// <summary>The values of metrics-server and kube-state-metrics, read the way the charts and the pods read them.</summary>
public class ClusterMetricsValuesTests
{
    private static string ChartData(HelmChart chart, string file) =>
        Path.Combine(RepoRoot.Path, "..", "shared", "charts", chart.Name, chart.Version, file);

    private static IReadOnlyList<string> Args(IReadOnlyDictionary<string, object> values) =>
        ((object[])values["defaultArgs"]).Cast<string>().ToList();

    [Fact]
    public void Metrics_server_verifies_kubelets_against_the_cluster_ca_it_mounts_from_kube_root_ca()
    {
        var values = MetricsServerValues.Render(new ClusterMetricsOptions());
        var args = Args(values);

        var caFlag = Assert.Single(args, a => a.StartsWith("--kubelet-certificate-authority=", StringComparison.Ordinal));
        Assert.DoesNotContain(args, a => a.StartsWith("--kubelet-insecure-tls", StringComparison.Ordinal));
        Assert.Contains("--kubelet-preferred-address-types=InternalIP", args);
        // The file the flag names is the ConfigMap's ca.crt, mounted read-only where the flag looks.
        var file = caFlag["--kubelet-certificate-authority=".Length..];
        var mount = k8s.KubernetesJson.Deserialize<k8s.Models.V1VolumeMount>(JsonSerializer.Serialize(Assert.Single((object[])values["extraVolumeMounts"])));
        var volume = k8s.KubernetesJson.Deserialize<k8s.Models.V1Volume>(JsonSerializer.Serialize(Assert.Single((object[])values["extraVolumes"])));
        Assert.Equal(volume.Name, mount.Name);
        Assert.True(mount.ReadOnlyProperty);
        Assert.Equal("kube-root-ca.crt", volume.ConfigMap.Name);
        var item = Assert.Single(volume.ConfigMap.Items);
        Assert.Equal("ca.crt", item.Key);
        Assert.Equal(file, $"{mount.MountPath}/{item.Path}");
        // The chart's other default flags stay (the serving certificate's folder, the node status port, the resolution).
        Assert.Contains("--cert-dir=/tmp", args);
        Assert.Contains("--kubelet-use-node-status-port", args);
        Assert.Contains("--metric-resolution=15s", args);
    }

    [Fact]
    public void One_replica_has_no_budget_and_two_have_one_that_lets_one_go_and_prefer_different_nodes()
    {
        var one = MetricsServerValues.Render(new ClusterMetricsOptions());
        Assert.Equal(1, one["replicas"]);
        Assert.Equal(false, ValuesTree.At(one, "podDisruptionBudget.enabled"));
        Assert.False(one.ContainsKey("affinity"));

        var two = MetricsServerValues.Render(new ClusterMetricsOptions { MetricsServerReplicas = 2 });
        Assert.Equal(2, two["replicas"]);
        Assert.Equal(true, ValuesTree.At(two, "podDisruptionBudget.enabled"));
        Assert.Equal(1, ValuesTree.At(two, "podDisruptionBudget.maxUnavailable"));
        var term = ValuesTree.At(two, "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution.0.podAffinityTerm");
        var decoded = k8s.KubernetesJson.Deserialize<k8s.Models.V1PodAffinityTerm>(JsonSerializer.Serialize(term));
        Assert.Equal("kubernetes.io/hostname", decoded.TopologyKey);
        // The chart's selector labels: name and instance, both the release name.
        Assert.Equal(new Dictionary<string, string> { ["app.kubernetes.io/name"] = "metrics-server", ["app.kubernetes.io/instance"] = "metrics-server" },
            decoded.LabelSelector.MatchLabels);
    }

    [Fact]
    public void The_api_server_verifies_metrics_server_with_cert_manager_and_without_it()
    {
        var managed = MetricsServerValues.Render(new ClusterMetricsOptions { ServingCertificateFromCertManager = true });
        Assert.Equal("cert-manager", ValuesTree.At(managed, "tls.type"));
        Assert.Equal(false, ValuesTree.At(managed, "apiService.insecureSkipTLSVerify"));

        // Without cert-manager Helm generates the certificate and writes its CA into the APIService (never the chart's
        // default, a self-signed certificate the API server does not verify): switching the capability either way never
        // leaves a CA bundle beside insecureSkipTLSVerify.
        var generated = MetricsServerValues.Render(new ClusterMetricsOptions());
        Assert.Equal("helm", ValuesTree.At(generated, "tls.type"));
        Assert.Equal(true, ValuesTree.At(generated, "tls.helm.lookup"));
        Assert.Equal(3650, ValuesTree.At(generated, "tls.helm.certDurationDays"));
        Assert.Equal(false, ValuesTree.At(generated, "apiService.insecureSkipTLSVerify"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Replicas_outside_one_to_ten_are_refused(int replicas)
    {
        var error = Assert.Throws<ArgumentException>(() => MetricsServerValues.Render(new ClusterMetricsOptions { MetricsServerReplicas = replicas }));
        Assert.Contains($"metrics-server replicas must be 1 to 10, not {replicas}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_pods_meet_the_restricted_pod_security_level_their_namespace_enforces()
    {
        var metricsServer = JsonSerializer.SerializeToNode(MetricsServerValues.Render(new ClusterMetricsOptions()))!;
        Assert.Empty(Validation.RestrictedPodSecurity.Violations(
            Validation.StrictJson.Decode<k8s.Models.V1PodSecurityContext>(metricsServer["podSecurityContext"]),
            Validation.StrictJson.Decode<k8s.Models.V1SecurityContext>(metricsServer["securityContext"])));

        var kubeStateMetrics = JsonSerializer.SerializeToNode(KubeStateMetricsValues.Render())!;
        // The chart's own switch for its pod security context, not a field of the pod's.
        var pod = kubeStateMetrics["securityContext"]!.AsObject();
        Assert.True(pod["enabled"]!.GetValue<bool>());
        pod.Remove("enabled");
        Assert.Empty(Validation.RestrictedPodSecurity.Violations(
            Validation.StrictJson.Decode<k8s.Models.V1PodSecurityContext>(pod),
            Validation.StrictJson.Decode<k8s.Models.V1SecurityContext>(kubeStateMetrics["containerSecurityContext"])));
    }

    [Fact]
    public void Kube_state_metrics_watches_a_subset_of_the_charts_collectors_without_the_large_or_churning_ones()
    {
        var defaults = Assert.IsAssignableFrom<IDictionary<object, object>>(ValuesTree.Parse(File.ReadAllText(ChartData(HelmCharts.KubeStateMetrics, "values.yaml"))));
        var known = Assert.IsAssignableFrom<IList<object>>(defaults["collectors"]).Cast<string>().ToHashSet(StringComparer.Ordinal);
        var collectors = ((object[])KubeStateMetricsValues.Render()["collectors"]).Cast<string>().ToList();

        Assert.Subset(known, collectors.ToHashSet(StringComparer.Ordinal));
        Assert.Equal(collectors.Distinct(StringComparer.Ordinal).Count(), collectors.Count);
        foreach (var heavy in new[] { "secrets", "configmaps", "endpointslices", "leases", "certificatesigningrequests", "mutatingwebhookconfigurations", "validatingwebhookconfigurations" })
            Assert.DoesNotContain(heavy, collectors);
        Assert.Contains("pods", collectors);
        Assert.Contains("nodes", collectors);
    }

    [Fact]
    public void Every_allowed_metric_is_one_of_a_collector_it_runs()
    {
        // kube-state-metrics names each metric kube_<resource, singular>_...; a metric whose resource is not collected
        // would never appear.
        var singular = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cronjobs"] = "cronjob", ["daemonsets"] = "daemonset", ["deployments"] = "deployment", ["horizontalpodautoscalers"] = "horizontalpodautoscaler",
            ["jobs"] = "job", ["namespaces"] = "namespace", ["nodes"] = "node", ["persistentvolumeclaims"] = "persistentvolumeclaim",
            ["persistentvolumes"] = "persistentvolume", ["poddisruptionbudgets"] = "poddisruptionbudget", ["pods"] = "pod",
            ["replicasets"] = "replicaset", ["resourcequotas"] = "resourcequota", ["statefulsets"] = "statefulset",
        };
        Assert.Equal(singular.Keys.Order(StringComparer.Ordinal), KubeStateMetricsValues.Collectors.Order(StringComparer.Ordinal));
        Assert.Equal(KubeStateMetricsValues.MetricAllowlist.Distinct(StringComparer.Ordinal).Count(), KubeStateMetricsValues.MetricAllowlist.Count);
        foreach (var metric in KubeStateMetricsValues.MetricAllowlist)
        {
            Assert.Matches("^kube_[a-z_]+$", metric);
            // The longest resource prefix wins: kube_persistentvolumeclaim_ is not kube_persistentvolume_.
            var resource = singular.Values.Where(r => metric.StartsWith($"kube_{r}_", StringComparison.Ordinal) || metric == $"kube_{r}")
                .OrderByDescending(r => r.Length).FirstOrDefault();
            Assert.True(resource != null, $"{metric} belongs to no collected resource");
        }
        // Every collected resource contributes something.
        Assert.All(singular.Values, r => Assert.Contains(KubeStateMetricsValues.MetricAllowlist, m => m.StartsWith($"kube_{r}", StringComparison.Ordinal)));
    }

    public static TheoryData<string> Charts() => [HelmCharts.MetricsServer.Name, HelmCharts.KubeStateMetrics.Name];

    [Theory]
    [MemberData(nameof(Charts))]
    public void Every_value_is_a_path_the_chart_reads_with_the_type_of_its_default(string name)
    {
        var chart = HelmCharts.All.Single(c => c.Name == name);
        var values = name == HelmCharts.MetricsServer.Name
            ? MetricsServerValues.Render(new ClusterMetricsOptions { MetricsServerReplicas = 2, ServingCertificateFromCertManager = true })
            : KubeStateMetricsValues.Render();
        var paths = File.ReadAllLines(ChartData(chart, "values-paths.txt")).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        var freeform = File.ReadAllLines(ChartData(chart, "values-freeform.txt")).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t')[0]).ToHashSet(StringComparer.Ordinal);
        var defaults = Assert.IsAssignableFrom<IDictionary<object, object>>(ValuesTree.Parse(File.ReadAllText(ChartData(chart, "values.yaml"))));

        foreach (var (path, value) in Leaves(values, "", freeform))
        {
            Assert.True(paths.Contains(path), $"{name} does not read {path}");
            if (Default(defaults, path) is not { } fallback) continue;
            switch (value)
            {
                case bool: Assert.IsType<bool>(fallback); break;
                case int: Assert.True(fallback is byte or sbyte or short or ushort or int or uint or long or ulong, $"{path}'s default {fallback} is not an integer"); break;
                case string: Assert.IsType<string>(fallback); break;
                case object[]: Assert.IsAssignableFrom<IList<object>>(fallback); break;
            }
        }
        // Neither chart has a values.schema.json; chart-check (in .ci/run) checks the rendered releases against the same data.
        Assert.False(File.Exists(ChartData(chart, "values.schema.json")));
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

    private static object? Default(IDictionary<object, object> defaults, string path)
    {
        object? current = defaults;
        foreach (var step in path.Split('.'))
        {
            if (current is not IDictionary<object, object> map || !map.TryGetValue(step, out current)) return null;
        }
        return current;
    }
}
