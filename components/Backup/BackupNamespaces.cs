using Platform.Components.Cluster;
using Platform.Components.Cluster.Reboots;
using Platform.Components.Networking;
using Platform.Components.Networking.Ingress;
using Platform.Components.Networking.LoadBalancing;
using Platform.Components.Observability;
using Platform.Components.Storage;

namespace Platform.Components.Backup;

/// <summary>Which of the cluster's own namespaces the backups leave out by default.</summary>
public static class BackupNamespaces
{
    /// <summary>The namespace Velero runs in.</summary>
    public const string Velero = "velero";

    /// <summary>The namespaces no backup holds unless <c>platform:backup.excludeNamespaces</c> says otherwise: Kubernetes'
    /// own (<c>kube-system</c>, <c>kube-public</c>, <c>kube-node-lease</c>: kubeadm and the platform recreate what is
    /// in them, and the etcd snapshots hold the cluster's state), and every namespace a platform layer creates whose
    /// contents the program recreates on the next <c>pulumi up</c>: the CNI's, the ingress controllers', MetalLB's,
    /// external-dns', the kubelet serving-certificate approver's, kured's, cluster metrics', monitoring's and
    /// node-exporter's (metrics are collected again; a live copy of Prometheus' database is not consistent anyway),
    /// Gatekeeper's, the Trivy operator's (its reports live beside the workloads, and the operator scans again), Fluent
    /// Bit's (its buffer is on the nodes' disks), tracing's, Falco's and Velero's own. Harbor's namespace holds state
    /// (every image and its database) and is backed up, as is Argo CD's (<c>argocd</c>: the Applications, AppProjects
    /// and repository Secrets made through its UI, CLI or kubectl, which no Git repository may hold). Two of the
    /// Bit's (its buffer is on the nodes' disks), tracing's, Falco's, Dex's (signing keys and sessions, which it makes anew)
    /// and Velero's own. Harbor's namespace holds state
    /// (every image and its database) and is backed up. Two of the
    /// platform's namespaces hold state: <c>cert-manager</c> keeps the ACME account keys, the internal CA's key pair and
    /// the issued certificates, so it is backed up; <c>rook-ceph</c> is excluded although it holds Ceph, because what
    /// Velero could take from it does not bring Ceph back: the data is on the OSDs' disks and the monitors' stores on
    /// the hosts (Rook's <c>dataDirHostPath</c>), which Velero's file-system backup does not read (host paths), and
    /// restoring Rook's daemons and CephCluster into a running cluster would fight the operator. The volumes that live
    /// on Ceph are backed up with the namespaces that claim them. <c>logging</c> is excluded too: a file-level copy of a
    /// running OpenSearch node's indices is not consistent (OpenSearch's own snapshot API is the supported backup), and
    /// the layer recreates its users, templates and policy itself. <c>sops</c> holds nothing the stack does not recreate,
    /// and <c>vault</c> is backed up with Raft snapshots, not with file copies of a running database.</summary>
    public static IReadOnlyList<string> DefaultExcluded { get; } =
    [
        "kube-system", "kube-public", "kube-node-lease",
        "tigera-operator", "calico-system", "calico-apiserver",
        .. Enum.GetValues<IngressControllerKind>().Select(IngressControllerCharts.Namespace),
        MetalLbValues.Namespace,
        ExternalDnsLayer.Namespace,
        KubeletServingCertificateApprover.Namespace,
        KuredValues.Namespace,
        ClusterMetricsLayer.Namespace,
        PlatformNamespace.MonitoringNamespace,
        Observability.Monitoring.KubePrometheusStackValues.NodeExporterNamespace,
        Security.ImageScanningLayer.Namespace,
        RookCephValues.Namespace,
        // Gatekeeper holds no state: its templates and constraints come from the stack.
        Security.PolicyEnforcementLayer.Namespace,
        Velero,
        LoggingLayer.Namespace,
        // Jaeger's: its traces are in OpenSearch (the logging namespace's volumes) or in memory, nothing to restore here.
        Observability.TracingLayer.Namespace,
        // Fluent Bit's buffer and positions are on the nodes' disks; Falco keeps no state.
        Observability.LogShippingLayer.Namespace,
        Security.SecurityAuditsLayer.Namespace,
        // Headlamp keeps no state: users bring their tokens, its settings are the stack's.
        UserInterface.UserInterfaceLayer.Namespace,
        // Dex's custom resources hold signing keys, sessions and refresh tokens, which it makes anew: users log in again.
        Identity.AuthenticationLayer.Namespace,
        // The SOPS operator's age key is in Pulumi state and its SopsSecrets in git. A file-level copy of a running Vault
        // server's Raft database is not consistent: `operator raft snapshot save` is its backup (README "Secret management").
        Secrets.SopsLayer.Namespace,
        Secrets.VaultLayer.Namespace,
        // The External Secrets Operator keeps no state: the Secrets it writes are in the teams' namespaces.
        Secrets.ExternalSecretsLayer.Namespace,
        // Istio's control plane and node agents keep no state but the mesh's root CA Secret, which istiod creates anew
        // (and every workload certificate with it) when it is missing; Consul's CNI agent keeps none. Consul's own
        // namespace (its servers' volumes, the ACL and TLS bootstrap Secrets) is backed up.
        ServiceMesh.ServiceMeshLayer.IstioNamespace,
        ServiceMesh.ServiceMeshLayer.IstioNodeNamespace,
        ServiceMesh.ServiceMeshLayer.ConsulCniNamespace,
    ];
}
