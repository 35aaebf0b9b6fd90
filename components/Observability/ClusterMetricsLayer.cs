using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Components.Observability.ClusterMetrics;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;

namespace Platform.Components.Observability;

/// <summary>
/// The cluster metrics capability: metrics-server (the resource metrics API behind <c>kubectl top</c> and
/// HorizontalPodAutoscalers), verifying every kubelet's serving certificate against the cluster CA, and
/// kube-state-metrics (object state as Prometheus metrics, a bounded set), in the platform namespace
/// <see cref="Namespace"/>.
/// </summary>
public sealed class ClusterMetricsLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:observability:ClusterMetrics";

    /// <summary>The namespace metrics-server and kube-state-metrics run in.</summary>
    public const string Namespace = "cluster-metrics";

    /// <summary>Installs metrics-server and, unless switched off, kube-state-metrics.</summary>
    public ClusterMetricsLayer(string name, ClusterMetricsLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var problems = args.Options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException($"Cluster metrics: {string.Join(" ", problems)}", nameof(args));

        var metricsPorts = new List<(int Port, string Protocol)> { (MetricsServerValues.Port, "TCP") };
        if (args.Options.KubeStateMetrics) metricsPorts.AddRange(KubeStateMetricsValues.MetricsPorts);
        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            Allowances =
            [
                // The API server calls metrics-server (the aggregated metrics API) from the control-plane nodes' own
                // addresses, which Cilium's NetworkPolicy does not match by IP block: the port is the narrowest rule.
                new NetworkAllowance { Name = "allow-metrics-api", Direction = TrafficDirection.Ingress, AnyPeer = true, Ports = [(MetricsServerValues.Port, "TCP")] },
                NetworkAllowance.ToApiServer(),
                // metrics-server scrapes every kubelet on its node address (InternalIP), port 10250: again a port, not a block.
                new NetworkAllowance { Name = "allow-kubelets", Direction = TrafficDirection.Egress, AnyPeer = true, Ports = [(10250, "TCP")] },
            ],
            MetricsPorts = metricsPorts,
        }, new ComponentResourceOptions { Parent = this });

        // The chart's Issuer and Certificate need cert-manager's CRDs and webhook; readiness needs approved kubelets.
        var waitFor = new List<Resource>(args.ServingCertificateApprover);
        if (args.Options.ServingCertificateFromCertManager) waitFor.AddRange(args.CertManager);
        var releaseOptions = new CustomResourceOptions { Parent = this, DependsOn = waitFor.ToArray() };
        MetricsServer = HelmInstall.Chart($"{name}-metrics-server", HelmCharts.MetricsServer, ns.NamespaceName,
            MetricsServerValues.Render(args.Options), releaseOptions);
        if (args.Options.KubeStateMetrics)
        {
            KubeStateMetrics = HelmInstall.Chart($"{name}-kube-state-metrics", HelmCharts.KubeStateMetrics, ns.NamespaceName,
                KubeStateMetricsValues.Render(serviceMonitor: args.Metrics is not null),
                new CustomResourceOptions { Parent = this, DependsOn = args.Metrics is null ? [] : [args.Metrics.CrdsReady] });
        }
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["namespace"] = Namespace,
            ["metricsServerReplicas"] = args.Options.MetricsServerReplicas,
            ["kubeStateMetrics"] = args.Options.KubeStateMetrics,
        });
    }

    /// <summary>metrics-server's Helm release.</summary>
    public Release MetricsServer { get; }

    /// <summary>kube-state-metrics's Helm release; null when the options switch it off.</summary>
    public Release? KubeStateMetrics { get; }
}
