using System.Collections.ObjectModel;
using Platform.Components.Cluster;

namespace Platform.Stacks.Configuration;

/// <summary>The validated <c>platform:</c> configuration of one stack, as produced by <see cref="PlatformSettingsLoader"/>.</summary>
public sealed record PlatformSettings
{
    /// <summary>The pod range used when <c>platform:podCidr</c> is not set: 10.244.0.0/16.</summary>
    public const string DefaultPodCidr = "10.244.0.0/16";

    /// <summary>The Service range used when <c>platform:serviceCidr</c> is not set: 10.96.0.0/12 (the kubeadm default).</summary>
    public const string DefaultServiceCidr = "10.96.0.0/12";

    /// <summary>The cluster domain used when <c>platform:clusterDomain</c> is not set: cluster.local.</summary>
    public const string DefaultClusterDomain = "cluster.local";

    /// <summary>The organisation tier (<c>platform:tier</c>).</summary>
    public required PlatformTier Tier { get; init; }

    /// <summary>The environment name, a DNS-1123 label (<c>platform:environment</c>).</summary>
    public required string Environment { get; init; }

    /// <summary>The cluster name, a DNS-1123 label of at most 40 characters (<c>platform:clusterName</c>).</summary>
    public required string ClusterName { get; init; }

    /// <summary>The Kubernetes version (<c>platform:kubernetesVersion</c>, required), of a minor in
    /// <see cref="KubernetesVersions.SupportedMinors"/>.</summary>
    public required KubernetesVersion KubernetesVersion { get; init; }

    /// <summary>Where the Kubernetes API is reached (<c>platform:apiEndpoint</c>).</summary>
    public required ApiEndpoint ApiEndpoint { get; init; }

    /// <summary>How the API endpoint is served (<c>platform:apiLoadBalancer</c>, or derived from the endpoint and the nodes).</summary>
    public required ApiEndpointMode ApiLoadBalancer { get; init; }

    /// <summary>Hardening defaults switched off, by switch id, with the reason (<c>platform:hardeningExceptions</c>); empty by default.</summary>
    public IReadOnlyDictionary<string, string> HardeningExceptions { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The CNI plugin and its options (<c>platform:cni</c>); Cilium without extras by default.</summary>
    public Platform.Components.Networking.Cni.CniOptions Cni { get; init; } = new();

    /// <summary>What hands out LoadBalancer addresses (<c>platform:loadBalancer</c>); none by default.</summary>
    public Platform.Components.Networking.LoadBalancing.LoadBalancerOptions LoadBalancer { get; init; } =
        new() { Provider = Platform.Components.Networking.LoadBalancing.LoadBalancerProvider.None };

    /// <summary>The ingress controllers (<c>platform:ingress</c>); Traefik as the default class by default.</summary>
    public Platform.Components.Networking.Ingress.IngressOptions Ingress { get; init; } = new();

    /// <summary>cert-manager's issuers (<c>platform:certificates</c>), or null when unset.</summary>
    public Platform.Components.Networking.Certificates.CertificateOptions? Certificates { get; init; }

    /// <summary>external-dns's provider and zones (<c>platform:externalDns</c>), or null when unset.</summary>
    public Platform.Components.Networking.ExternalDns.ExternalDnsOptions? ExternalDns { get; init; }

    /// <summary>Where volumes come from (<c>platform:storage</c>); Rook-Ceph on the labelled storage nodes by default.
    /// Used only when the storage capability is on.</summary>
    public Platform.Components.Storage.StorageOptions Storage { get; init; } = new();

    /// <summary>The monitoring stack's sizing, storage, receivers and Grafana (<c>platform:monitoring</c>), with the
    /// tier's defaults (<see cref="MonitoringTierSizing"/>) where unset. Used only when the monitoring capability is on.</summary>
    public required Platform.Components.Observability.Monitoring.MonitoringOptions Monitoring { get; init; }

    /// <summary>OpenSearch's sizing, retention, storage and Dashboards (<c>platform:logging</c>), with the tier's defaults
    /// (<see cref="LoggingTierSizing"/>) where unset. Used only when the logging capability is on.</summary>
    public required Platform.Components.Observability.Logging.LoggingOptions Logging { get; init; }

    /// <summary>Fluent Bit's disk buffer, resources and excluded namespaces (<c>platform:logShipping</c>), with the tier's
    /// defaults (<see cref="LogShippingTierSizing"/>) where unset. Used only when the logging capability is on.</summary>
    public Platform.Components.Observability.LogShipping.LogShippingOptions LogShipping { get; init; } = new();

    /// <summary>Jaeger's sampling rate, sizing, retention and UI host (<c>platform:tracing</c>), with the tier's defaults
    /// (<see cref="TracingTierSizing"/>) where unset. Used only when the tracing capability is on.</summary>
    public required Platform.Components.Observability.Tracing.TracingOptions Tracing { get; init; }

    /// <summary>Headlamp's host, replicas, session length and plugins (<c>platform:userInterface</c>). Used only when the
    /// userInterface capability is on.</summary>
    public Platform.Components.UserInterface.UserInterfaceOptions UserInterface { get; init; } = new();

    /// <summary>The secret management capability's settings (<c>platform:secretManagement</c>): the provider (the tier's
    /// variant where unset), and SOPS's or the server's settings. Used only when that capability is on.</summary>
    public Platform.Components.Secrets.SecretManagementOptions SecretManagement { get; init; } = new();

    /// <summary>Where backups go, when they run and what they hold (<c>platform:backup</c>); by default the Rook object
    /// store's bucket when the platform deploys Rook-Ceph, the tier's schedules, every namespace but the platform's own
    /// stateless ones. Used only when the backup capability is on.</summary>
    public Platform.Components.Backup.BackupOptions Backup { get; init; } = new();

    /// <summary>The policy enforcement capability's policies (<c>platform:policies</c>): all five by default, in dry run
    /// below the enterprise tier and denying in it. Used only when the policyEnforcement capability is on.</summary>
    public Platform.Components.Security.PolicyOptions Policies { get; init; } =
        Platform.Components.Security.PolicyOptions.AllWith(Platform.Components.Security.PolicyEnforcement.DryRun);

    /// <summary>What the image-scanning capability reports and whether it deploys Harbor (<c>platform:imageScanning</c>),
    /// with the tier's scan-job concurrency where unset. Used only when the imageScanning capability is on.</summary>
    public Platform.Components.Security.Scanning.ImageScanningOptions ImageScanning { get; init; } = new();

    /// <summary>Falco's priorities, outputs, tuned exceptions and sizing (<c>platform:securityAudits</c>), with the tier's
    /// sizing where unset. Used only when the security audits capability is on.</summary>
    public Platform.Components.Security.Audits.SecurityAuditsOptions SecurityAudits { get; init; } = new();

    /// <summary>Argo CD's hostname, notifications and app-of-apps bootstrap (<c>platform:gitOps</c>). Used only when the
    /// gitOps capability is on.</summary>
    public Platform.Components.GitOps.GitOpsOptions GitOps { get; init; } = new();

    /// <summary>Dex's host, connectors, claim mappings and group rights (<c>platform:authentication</c>), or null when
    /// unset (an error while the authentication capability is on). Used only when that capability is on.</summary>
    public Platform.Components.Identity.AuthenticationOptions? Authentication { get; init; }

    /// <summary>The service mesh and the teams' namespaces in it (<c>platform:serviceMesh</c>), with the tier's Consul
    /// server replicas where unset. Used only when the serviceMesh capability is on.</summary>
    public Platform.Components.ServiceMesh.ServiceMeshOptions ServiceMesh { get; init; } = new();

    /// <summary>The pod address range (<c>platform:podCidr</c>); defaults to 10.244.0.0/16.</summary>
    public Ipv4Cidr PodCidr { get; init; } = Ipv4Cidr.Parse(DefaultPodCidr);

    /// <summary>The Service cluster IP range (<c>platform:serviceCidr</c>); defaults to 10.96.0.0/12.</summary>
    public Ipv4Cidr ServiceCidr { get; init; } = Ipv4Cidr.Parse(DefaultServiceCidr);

    /// <summary>The in-cluster DNS domain (<c>platform:clusterDomain</c>); defaults to cluster.local.</summary>
    public string ClusterDomain { get; init; } = DefaultClusterDomain;

    /// <summary>The host inventory in configuration order (<c>platform:nodes</c>), with defaults and the default
    /// bastion (<c>platform:bastion</c>) applied.</summary>
    public required IReadOnlyList<ClusterNode> Nodes { get; init; }

    /// <summary>Whether stateful workloads are planned (<c>platform:statefulWorkloads</c>); false by default.</summary>
    public bool StatefulWorkloads { get; init; }

    /// <summary>Whether Secrets are still written with aescbc while the API servers learn secretbox
    /// (<c>platform:secretsEncryptionMigration</c>); false by default.</summary>
    public bool SecretsEncryptionMigration { get; init; }

    /// <summary>How many workers an upgrade takes out at once (<c>platform:upgrade.maxUnavailableWorkers</c>); default
    /// 10% of the workers, at least one.</summary>
    public Platform.Components.Cluster.MaxUnavailableWorkers MaxUnavailableWorkers { get; init; } = Platform.Components.Cluster.MaxUnavailableWorkers.Default;

    /// <summary>When kured reboots nodes (<c>platform:reboots</c>); default on, every day, the whole day, UTC.</summary>
    public Platform.Components.Cluster.Reboots.NodeRebootOptions Reboots { get; init; } = new();

    /// <summary>The cluster-wide Pod Security level and exemptions (<c>platform:podSecurity</c>); the tier's level and
    /// no exemptions by default.</summary>
    public PodSecurityOptions PodSecurity { get; init; } = new();

    /// <summary>The teams' namespaces (<c>platform:tenants</c>), in configuration order; none by default.</summary>
    public IReadOnlyList<Platform.Components.Tenancy.TenantOptions> Tenants { get; init; } = [];

    /// <summary>Capability on/off overrides by capability id (<c>platform:capabilities</c>); empty by default.</summary>
    public IReadOnlyDictionary<string, bool> CapabilityOverrides { get; init; } = ReadOnlyDictionary<string, bool>.Empty;

    /// <summary>The control-plane nodes, in configuration order.</summary>
    public IReadOnlyList<ClusterNode> ControlPlaneNodes => Nodes.Where(node => node.Role == NodeRole.ControlPlane).ToList();

    /// <summary>The worker nodes, in configuration order.</summary>
    public IReadOnlyList<ClusterNode> WorkerNodes => Nodes.Where(node => node.Role == NodeRole.Worker).ToList();
}
