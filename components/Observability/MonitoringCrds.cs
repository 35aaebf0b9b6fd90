using Platform.Components.Catalog;
using Platform.Components.Networking;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;

namespace Platform.Components.Observability;

/// <summary>
/// The Prometheus Operator's CRDs (<see cref="HelmCharts.PrometheusOperatorCrds"/>), the first part of the monitoring
/// capability: registered as soon as the cluster's API is reachable, before the CNI layer (a release of CRDs runs no
/// pods), because the charts of every later layer create ServiceMonitors and PrometheusRules when monitoring is on and
/// Helm refuses an unknown kind. The release record lives in <see cref="ReleaseNamespace"/>, which exists before any
/// layer: CRDs are cluster-scoped, and the monitoring namespace comes with the monitoring layer. The release can never
/// delete a CRD (no atomic rollback, no clean-up, kept when it leaves the stack: <see cref="CrdInstall.CrdChart"/>).
/// </summary>
public sealed class MonitoringCrds : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:observability:MonitoringCrds";

    /// <summary>Where Helm keeps the release's record.</summary>
    public const string ReleaseNamespace = "kube-system";

    /// <summary>Installs the CRDs.</summary>
    public MonitoringCrds(string name, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        Release = HelmInstall.Chart($"{name}-prometheus-operator-crds", HelmCharts.PrometheusOperatorCrds, ReleaseNamespace,
            new Dictionary<string, object>(), new CustomResourceOptions { Parent = this });
        RegisterOutputs(new Dictionary<string, object?> { ["chartVersion"] = HelmCharts.PrometheusOperatorCrds.Version });
    }

    /// <summary>The release holding the CRDs: every ServiceMonitor, PodMonitor, Probe and PrometheusRule waits for it.</summary>
    public Release Release { get; }
}
