using System.Collections.Immutable;
using Platform.Components.Catalog;
using Platform.Components.Cluster;
using Platform.Components.Cluster.Reboots;
using Platform.Components.Cluster.ServingCertificates;
using Platform.Components.Networking;
using Platform.Components.Networking.Certificates;
using Platform.Components.Networking.Cni;
using Platform.Components.Networking.ExternalDns;
using Platform.Components.Networking.Ingress;
using Platform.Components.Networking.LoadBalancing;
using Platform.Components.Observability;
using Platform.Components.Observability.ClusterMetrics;
using Platform.Components.Storage;
using Platform.Tests.Harness;
using Pulumi;
using ValuesTree = Platform.Tests.Harness.ValuesTree;

namespace Platform.Tests.Observability.Scraping;

/// <summary>Every layer's switch for its metrics (<c>Metrics</c> in its Args): with monitoring on, its chart's own
/// monitors are on (every value one the chart reads) and the release waits for the Prometheus Operator's CRDs; with it
/// off, the values are exactly the layer's renderer's and nothing waits for them. The namespaces' metrics allowances
/// from the monitoring namespace hold the ports the monitors scrape.</summary>
public class LayerMetricsTests
{
    private const string Crds = "prometheus-operator-crds";
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";

    private static readonly IReadOnlyList<ClusterNode> Nodes =
        Platform.Tests.Configuration.ValidConfig.Load(v => v["nodes"] = Platform.Tests.Storage.StorageLayerTests.NodesWithStorage).Nodes;

    /// <summary>Runs <paramref name="build"/> with or without monitoring.</summary>
    private static Task<ComponentRun> Run(bool monitoring, Action<MetricsScraping?, ComponentResourceOptions> build) => ComponentRun.RunAsync(
        () => new Pulumi.Kubernetes.Core.V1.Namespace(Crds),
        (crds, options) => build(monitoring ? new MetricsScraping { CrdsReady = crds } : null, options));

    /// <summary>The release waits for the CRDs exactly when monitoring is on.</summary>
    private static void AssertWaits(ComponentRun run, string release, bool monitoring) =>
        Assert.Equal(monitoring, run.DependsOn[release].Contains(Crds));

    /// <summary>With monitoring on the overlay is in the values and is read by the chart; off, the values are the renderer's.</summary>
    private static void AssertValues(ComponentRun run, string release, HelmChart chart, bool monitoring,
        IReadOnlyDictionary<string, object> rendered, IReadOnlyDictionary<string, object> overlay)
    {
        var values = run.Values(release);
        Assert.Empty(ChartPaths.Unread(chart, overlay));
        var expected = monitoring ? HelmValues.Merge(rendered, overlay) : rendered;
        Assert.Equal(Canonical(expected), Canonical(values));
        foreach (var leaf in ChartPaths.Leaves(overlay).Where(l => l.EndsWith(".enabled", StringComparison.Ordinal) || l.EndsWith(".create", StringComparison.Ordinal)))
        {
            if (!Equals(ValuesTree.At(overlay, leaf), true)) continue;
            Assert.Equal(monitoring, ValuesTree.Has(values, leaf) && Equals(ValuesTree.At(values, leaf), true));
        }
    }

    /// <summary>A values tree as canonical JSON (keys sorted, numbers as numbers), whatever its map and list types: the
    /// wire's or the renderer's.</summary>
    private static string Canonical(object values) => Platform.Tests.Catalog.CrdJson.Canonical(Platform.Renderer.WireJson.Node(Wire(values)));

    private static object Wire(object value) => value switch
    {
        int i => (double)i,
        IReadOnlyDictionary<string, object> map => map.ToImmutableDictionary(kv => kv.Key, kv => Wire(kv.Value)),
        string or bool or double => value,
        System.Collections.IEnumerable list => list.Cast<object>().Select(Wire).ToImmutableArray(),
        _ => value,
    };

    /// <summary>The ports the namespace lets the monitoring namespace reach.</summary>
    private static IReadOnlyList<int> MetricsAllowance(ComponentRun run, string policy)
    {
        var spec = (IReadOnlyDictionary<string, object>)run.Registration("kubernetes:networking.k8s.io/v1:NetworkPolicy", policy).Inputs["spec"];
        var rule = (IReadOnlyDictionary<string, object>)((ImmutableArray<object>)spec["ingress"]).Single();
        var from = (IReadOnlyDictionary<string, object>)((ImmutableArray<object>)rule["from"]).Single();
        var labels = (IReadOnlyDictionary<string, object>)((IReadOnlyDictionary<string, object>)from["namespaceSelector"])["matchLabels"];
        Assert.Equal("monitoring", labels["kubernetes.io/metadata.name"]);
        return ((ImmutableArray<object>)rule["ports"]).Select(p => Convert.ToInt32(((IReadOnlyDictionary<string, object>)p)["port"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    private static readonly CniClusterFacts Facts = new() { ClusterName = "prod", PodCidr = "10.244.0.0/16", ApiServerHost = "10.0.0.10", ApiServerPort = 6443 };

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task Cilium_scrapes_its_agents_operator_and_hubble_and_waits_for_the_crds(bool monitoring, bool hubble)
    {
        var options = new CniOptions { Hubble = hubble };
        var run = await Run(monitoring, (metrics, o) => _ = new ContainerNetwork("cni", new ContainerNetworkArgs { Options = options, Cluster = Facts, Metrics = metrics }, o));
        AssertValues(run, "cni-cilium", HelmCharts.Cilium, monitoring, CiliumValues.Render(options, Facts), CiliumValues.Monitoring(hubble));
        AssertWaits(run, "cni-cilium", monitoring);
        var values = run.Values("cni-cilium");
        Assert.Equal(monitoring && hubble, ValuesTree.Has(values, "hubble.metrics.serviceMonitor.enabled"));
        if (monitoring && hubble)
            Assert.Equal(CiliumValues.HubbleMetrics, ((System.Collections.IEnumerable)ValuesTree.At(values, "hubble.metrics.enabled")).Cast<string>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Calico_serves_felix_metrics_on_the_loopback_address_for_the_node_proxy(bool monitoring)
    {
        var options = new CniOptions { Plugin = CniPlugin.Calico };
        var run = await Run(monitoring, (metrics, o) => _ = new ContainerNetwork("cni", new ContainerNetworkArgs { Options = options, Cluster = Facts, Metrics = metrics }, o));
        AssertValues(run, "cni-calico", HelmCharts.TigeraOperator, monitoring, CalicoValues.Render(options, Facts), CalicoValues.Monitoring());
        var felix = (IReadOnlyDictionary<string, object>)run.Values("cni-calico")["defaultFelixConfiguration"];
        Assert.Equal(monitoring, felix.ContainsKey("prometheusMetricsEnabled"));
        if (monitoring)
        {
            Assert.Equal("127.0.0.1", felix["prometheusMetricsHost"]);
            Assert.Equal(new Uri(Components.Observability.Scraping.MetricsUpstreams.CalicoFelix.Upstream).Port, Convert.ToInt32(felix["prometheusMetricsPort"], System.Globalization.CultureInfo.InvariantCulture));
        }
        // Felix's configuration is rendered whole into its CRD: the fields are the CRD's (checked in the CRD).
        var crds = Path.Combine(RepoRoot.Path, "..", "shared", "charts", "tigera-operator", HelmCharts.TigeraOperator.Version, "crds");
        var crd = File.ReadAllText(Directory.GetFiles(crds, "*felixconfigurations*").Single());
        Assert.All(((IReadOnlyDictionary<string, object>)CalicoValues.Monitoring()["defaultFelixConfiguration"]).Keys, k => Assert.Contains($" {k}:", crd, StringComparison.Ordinal));
        // The operator release creates no monitor: it waits for nothing more.
        AssertWaits(run, "cni-calico", false);
    }

    [Theory]
    [InlineData(IngressControllerKind.Traefik, false)]
    [InlineData(IngressControllerKind.Traefik, true)]
    [InlineData(IngressControllerKind.IngressNginx, true)]
    [InlineData(IngressControllerKind.Contour, true)]
    [InlineData(IngressControllerKind.HAProxy, true)]
    [InlineData(IngressControllerKind.Emissary, true)]
    public async Task Every_ingress_controller_and_metallb_create_their_service_monitors(IngressControllerKind kind, bool monitoring)
    {
        var controller = new IngressControllerSpec { Kind = kind, Default = true, Exposure = IngressExposure.LoadBalancer, Replicas = 2 };
        var loadBalancer = new LoadBalancerOptions { Pools = [new AddressPool { Name = "public", Addresses = ["192.0.2.0/28"] }] };
        var run = await Run(monitoring, (metrics, o) => _ = new IngressLayer("ingress", new IngressLayerArgs
        {
            Ingress = new IngressOptions { Controllers = [controller] },
            LoadBalancer = loadBalancer,
            Metrics = metrics,
        }, o));
        var release = $"ingress-{controller.EffectiveClassName}";
        AssertValues(run, release, IngressControllerCharts.For(kind), monitoring, IngressValues.Render(controller), IngressValues.Monitoring(kind));
        AssertWaits(run, release, monitoring);
        AssertValues(run, "ingress-metallb", HelmCharts.MetalLb, monitoring, MetalLbValues.Render(), MetalLbValues.Monitoring());
        AssertWaits(run, "ingress-metallb", monitoring);
        Assert.Equal(IngressPorts.Metrics(kind).Select(p => p.Port), MetricsAllowance(run, $"ingress-{controller.EffectiveClassName}-allow-metrics-from-monitoring"));
        Assert.Equal(MetalLbValues.MetricsPorts.Select(p => p.Port), MetricsAllowance(run, "ingress-metallb-system-allow-metrics-from-monitoring"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cert_manager_creates_its_service_monitor(bool monitoring)
    {
        var options = new CertificateOptions { LetsEncrypt = false };
        var run = await Run(monitoring, (metrics, o) => _ = new CertificatesLayer("certificates", new CertificatesLayerArgs
        {
            Options = options,
            DefaultIngressClass = "traefik",
            ClusterName = "prod",
            Metrics = metrics,
        }, o));
        Assert.Equal(Canonical(CertManagerValues.Render(options with { ServiceMonitor = monitoring })), Canonical(run.Values("certificates-cert-manager")));
        Assert.Equal(monitoring, ValuesTree.At(run.Values("certificates-cert-manager"), "prometheus.servicemonitor.enabled"));
        AssertWaits(run, "certificates-cert-manager", monitoring);
        Assert.Equal(CertManagerValues.MetricsPorts.Select(p => p.Port), MetricsAllowance(run, "certificates-namespace-allow-metrics-from-monitoring"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task External_dns_creates_its_service_monitor(bool monitoring)
    {
        var options = new ExternalDnsOptions { Provider = DnsProvider.Rfc2136, DomainFilters = ["apps.example.com"], Rfc2136 = Platform.Tests.Networking.ExternalDns.ExternalDnsOptionSets.Bind };
        var credentials = Output.Create(ExternalDnsValues.CredentialKeys(DnsProvider.Rfc2136).ToImmutableDictionary(k => k, _ => "c2VjcmV0"));
        var run = await Run(monitoring, (metrics, o) => _ = new ExternalDnsLayer("dns", new ExternalDnsLayerArgs
        {
            Options = options,
            ClusterName = "prod",
            Credentials = credentials,
            Metrics = metrics,
        }, o));
        AssertValues(run, "dns-external-dns", HelmCharts.ExternalDns, monitoring, ExternalDnsValues.Render(options, "prod"), ExternalDnsValues.Monitoring());
        AssertWaits(run, "dns-external-dns", monitoring);
        // The credentials Secret still goes first.
        Assert.Contains("dns-credentials", run.DependsOn["dns-external-dns"]);
        Assert.Equal(ExternalDnsValues.MetricsPorts.Select(p => p.Port), MetricsAllowance(run, "dns-namespace-allow-metrics-from-monitoring"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rook_and_ceph_create_monitors_and_rules_and_both_releases_wait_for_the_crds(bool monitoring)
    {
        var run = await Run(monitoring, (metrics, o) => _ = new StorageLayer("storage", new StorageLayerArgs { Options = new StorageOptions(), Nodes = Nodes, Metrics = metrics }, o));
        Assert.Equal(monitoring, ValuesTree.At(run.Values("storage-rook-ceph"), "monitoring.enabled"));
        Assert.Equal(monitoring, ValuesTree.At(run.Values("storage-rook-ceph"), "csi.serviceMonitor.enabled"));
        Assert.Equal(monitoring, ValuesTree.At(run.Values("storage-rook-ceph-cluster"), "monitoring.enabled"));
        Assert.Equal(monitoring, ValuesTree.At(run.Values("storage-rook-ceph-cluster"), "monitoring.createPrometheusRules"));
        AssertWaits(run, "storage-rook-ceph", monitoring);
        AssertWaits(run, "storage-rook-ceph-cluster", monitoring);
        Assert.Contains("storage-rook-ceph", run.DependsOn["storage-rook-ceph-cluster"]);
        Assert.Equal(RookCephValues.MetricsPorts.Select(p => p.Port), MetricsAllowance(run, "storage-namespace-allow-metrics-from-monitoring"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Kube_state_metrics_creates_its_service_monitor_and_metrics_server_none(bool monitoring)
    {
        var run = await Run(monitoring, (metrics, o) => _ = new ClusterMetricsLayer("metrics", new ClusterMetricsLayerArgs { Metrics = metrics }, o));
        AssertValues(run, "metrics-kube-state-metrics", HelmCharts.KubeStateMetrics, monitoring, KubeStateMetricsValues.Render(), KubeStateMetricsValues.Monitoring());
        AssertWaits(run, "metrics-kube-state-metrics", monitoring);
        // metrics-server's chart ServiceMonitor needs /metrics open to anyone and skips TLS verification: never on.
        var server = run.Values("metrics-metrics-server");
        Assert.Equal(Canonical(MetricsServerValues.Render(new ClusterMetricsOptions())), Canonical(server));
        Assert.False(ValuesTree.Has(server, "serviceMonitor.enabled") && Equals(ValuesTree.At(server, "serviceMonitor.enabled"), true));
        Assert.False(ValuesTree.Has(server, "metrics.enabled") && Equals(ValuesTree.At(server, "metrics.enabled"), true));
        AssertWaits(run, "metrics-metrics-server", false);
        Assert.Equal(KubeStateMetricsValues.MetricsPorts.Select(p => p.Port).Prepend(MetricsServerValues.Port), MetricsAllowance(run, "metrics-namespace-allow-metrics-from-monitoring"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_serving_certificate_approver_and_kured_create_their_service_monitors(bool monitoring)
    {
        var approverArgs = new KubeletServingCertificateApproverArgs { Nodes = Nodes };
        var rebootOptions = new NodeRebootOptions();
        var run = await Run(monitoring, (metrics, o) =>
        {
            _ = new KubeletServingCertificateApprover("approver", approverArgs with { Metrics = metrics }, o);
            _ = new NodeReboots("reboots", new NodeRebootsArgs { Options = rebootOptions, Metrics = metrics }, o);
        });
        AssertValues(run, "approver-kubelet-csr-approver", HelmCharts.KubeletCsrApprover, monitoring, KubeletCsrApproverValues.Render(approverArgs), KubeletCsrApproverValues.Monitoring());
        AssertWaits(run, "approver-kubelet-csr-approver", monitoring);
        AssertValues(run, "reboots-kured", HelmCharts.Kured, monitoring, KuredValues.Render(rebootOptions), KuredValues.Monitoring());
        AssertWaits(run, "reboots-kured", monitoring);
        Assert.Equal(KubeletCsrApproverValues.MetricsPorts.Select(p => p.Port), MetricsAllowance(run, "approver-namespace-allow-metrics-from-monitoring"));
        Assert.Equal([KuredValues.MetricsPort], MetricsAllowance(run, "reboots-namespace-allow-metrics-from-monitoring"));
        if (monitoring) Assert.Equal(KuredValues.MetricsPort, Convert.ToInt32(ValuesTree.At(run.Values("reboots-kured"), "service.port"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
