using Platform.Components.Cluster;
using Platform.Components.Cluster.Reboots;
using Platform.Components.Networking;
using Platform.Components.Networking.Ingress;
using Platform.Components.Networking.LoadBalancing;
using Platform.Components.Observability;
using Platform.Components.Storage;

namespace Platform.Stacks.Configuration;

/// <summary>The namespaces the platform uses or may use, whichever capabilities are on (a team's namespace may not take
/// one: switching a layer on later would take over the team's namespace): Kubernetes' own (<c>default</c> and every
/// <c>kube-*</c>), every layer's, and the ones Calico's operator creates.</summary>
public static class PlatformNamespaceNames
{
    /// <summary>Every namespace name the platform's layers use.</summary>
    public static IReadOnlySet<string> Reserved { get; } = new[]
    {
        "default", "kube-system", "kube-public", "kube-node-lease",
        // Calico: the operator's namespace, and the two the operator creates itself.
        "tigera-operator", "calico-system", "calico-apiserver",
        MetalLbValues.Namespace, CertificatesLayer.Namespace, ExternalDnsLayer.Namespace, ClusterMetricsLayer.Namespace,
        RookCephValues.Namespace, KuredValues.Namespace, KubeletServingCertificateApprover.Namespace, PlatformNamespace.MonitoringNamespace,
        Platform.Components.Observability.Monitoring.KubePrometheusStackValues.NodeExporterNamespace,
        Platform.Components.Backup.BackupNamespaces.Velero, LoggingLayer.Namespace,
        Platform.Components.Security.PolicyEnforcementLayer.Namespace,
        Platform.Components.Security.ImageScanningLayer.Namespace, Platform.Components.Security.ImageScanningLayer.HarborNamespace,
        Platform.Components.Observability.TracingLayer.Namespace, Platform.Components.Security.SecurityAuditsLayer.Namespace,
        Platform.Components.Observability.LogShippingLayer.Namespace,
        Platform.Components.GitOps.GitOpsLayer.Namespace,
        Platform.Components.UserInterface.UserInterfaceLayer.Namespace,
        Platform.Components.Identity.AuthenticationLayer.Namespace,
        Platform.Components.Secrets.SopsLayer.Namespace, Platform.Components.Secrets.VaultLayer.Namespace,
        Platform.Components.Secrets.ExternalSecretsLayer.Namespace,
        Platform.Components.ServiceMesh.ServiceMeshLayer.IstioNamespace, Platform.Components.ServiceMesh.ServiceMeshLayer.IstioNodeNamespace,
        Platform.Components.ServiceMesh.ServiceMeshLayer.ConsulNamespace, Platform.Components.ServiceMesh.ServiceMeshLayer.ConsulCniNamespace,
    }.Concat(Enum.GetValues<IngressControllerKind>().Select(IngressControllerCharts.Namespace)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="name"/> is the platform's or Kubernetes' (<see cref="Reserved"/>, or any
    /// <c>kube-</c> name).</summary>
    public static bool IsReserved(string name) => Reserved.Contains(name) || name.StartsWith("kube-", StringComparison.Ordinal);
}
