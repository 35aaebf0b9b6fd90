using Platform.Components.Cluster;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Configuration;

namespace Platform.Stacks.Composition;

/// <summary>What every platform layer is built from: the validated settings, the capability decisions and the cluster.</summary>
public sealed record PlatformContext
{
    /// <summary>The validated configuration.</summary>
    public required PlatformSettings Settings { get; init; }

    /// <summary>Every capability's decision for this stack.</summary>
    public required IReadOnlyList<CapabilityDecision> Capabilities { get; init; }

    /// <summary>The StorageClass every layer's volumes use, and whether the platform deploys it: the one place a layer
    /// learns its storage.</summary>
    public required PlatformStorage Storage { get; init; }

    /// <summary>Where backups go when the backup capability is on (<see cref="PlatformBackup.Target"/>), null otherwise:
    /// Velero's bucket, and the target other backups (the etcd snapshots) can share.</summary>
    public Platform.Components.Backup.BackupTarget? BackupTarget { get; init; }

    /// <summary>The S3 key of an external <see cref="BackupTarget"/> as secrets (<c>platform:backupCredentials</c>); null
    /// for the in-cluster target, whose key Rook keeps in the cluster (the ObjectBucketClaim's Secret in the
    /// <c>velero</c> namespace), or without backups.</summary>
    public Platform.Components.Backup.BackupCredentials? BackupCredentials { get; init; }

    /// <summary>The cluster: its PKI, nodes, admin kubeconfig and the Kubernetes provider every layer uses.</summary>
    public required Cluster Cluster { get; init; }

    /// <summary>The monitoring capability's namespace and the release of the Prometheus Operator's CRDs, registered before
    /// the CNI layer (<see cref="PlatformLayers.MonitoringCrds"/>); null when monitoring is off. A layer whose chart
    /// creates ServiceMonitors or PrometheusRules switches them on when this is set (every layer after the CNI waits for
    /// the CRDs: <see cref="PlatformLayers.ClusterReady"/>).</summary>
    public Platform.Components.Observability.MetricsScraping? Monitoring { get; init; }

    /// <summary>The logging capability's OpenSearch (endpoint, CA, service users), set once the logging layer is registered;
    /// null when logging is off. Layers after it (log shipping, tracing, security audits, Grafana's data sources) write
    /// to it through their own user.</summary>
    public Platform.Components.Observability.LoggingBackend? Logging { get; set; }

    /// <summary>The authentication capability's identity provider (issuer, CA, one client per UI, group rights), set once
    /// the authentication layer is registered; null when authentication is off. UIs registered after it sign their users
    /// in through it.</summary>
    public Platform.Components.Identity.IdentityProvider? Identity { get; set; }

    /// <summary>The secret-management capability's Vault or OpenBao server, set once that layer has registered it; null
    /// with SOPS or with the capability off. The External Secrets Operator and the server's setup read it.</summary>
    public Platform.Components.Secrets.VaultServer? Vault { get; set; }

    /// <summary>The core's components that run on the cluster (<see cref="PlatformLayers.CoreOnCluster"/>), once
    /// registered: the layers after them can wait for them.</summary>
    public List<Pulumi.ComponentResource> CoreOnCluster { get; } = [];

    /// <summary>The cluster's one install of the Gateway API CRDs, registered by the first layer that needs them
    /// (<see cref="PlatformLayers.GatewayApi"/>) and shared by every later one; null until then.</summary>
    public Platform.Components.Networking.GatewayApiCrds? GatewayApi { get; set; }

    /// <summary>The layers deployed so far, by capability id (a later layer can wait for an earlier one).</summary>
    public Dictionary<string, Pulumi.ComponentResource> Layers { get; } = new(StringComparer.Ordinal);
}
