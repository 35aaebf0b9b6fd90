using System.Collections.Immutable;
using System.Collections.ObjectModel;
using Platform.Components.Cluster;
using Platform.Components.Identity;
using Platform.Components.Networking;
using Platform.Components.Networking.Cni;
using Platform.Components.Networking.LoadBalancing;
using Platform.Components.Observability;
using Platform.Components.Observability.ClusterMetrics;
using Platform.Components.Observability.Scraping;
using Platform.Components.Storage;
using Platform.Stacks.Capabilities;
using Pulumi;

namespace Platform.Stacks.Composition;

/// <summary>
/// The layer that deploys each available capability, in deployment order (an EKS-Blueprints-style add-on list):
/// <see cref="PlatformStack"/> runs the entries whose capability is on. A capability becomes available in
/// <c>CapabilityMatrix</c> together with its entry here; a test keeps the two in step.
/// </summary>
public static class PlatformLayers
{
    /// <summary>Deploys one capability's layer and returns its component.</summary>
    public delegate ComponentResource Deploy(PlatformContext context);

    /// <summary>The capability the stack builds itself, before any layer: the cluster every layer runs on.</summary>
    public const string Core = Capabilities.CapabilityIds.Installation;

    /// <summary>The capabilities the <see cref="Core"/> carries out itself, with no layer of their own: nonRootContainers
    /// (the API servers' Pod Security defaults, <see cref="ClusterPodSecurity"/>, and the level every namespace the
    /// platform creates declares).</summary>
    public static IReadOnlyList<string> InCore { get; } = new ReadOnlyCollection<string>([CapabilityIds.NonRootContainers]);

    /// <summary>The layers by capability id, in deployment order, after the <see cref="Core"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, Deploy>> InOrder { get; } =
        new ReadOnlyCollection<KeyValuePair<string, Deploy>>(new List<KeyValuePair<string, Deploy>>
        {
            new(CapabilityIds.Cni, ContainerNetwork),
            // Before every layer that claims a volume: those wait for its CephCluster (StorageReady).
            new(CapabilityIds.Storage, Storage),
            // After storage: the in-cluster target's bucket is claimed from its object store.
            new(CapabilityIds.Backup, Backup),
            new(CapabilityIds.Ingress, Ingress),
            new(CapabilityIds.Certificates, Certificates),
            new(CapabilityIds.ExternalDns, ExternalDns),
            // After ingress and certificates (Dex's issuer is https on the default IngressClass); sets
            // PlatformContext.Identity for every UI after it.
            new(CapabilityIds.Authentication, Authentication),
            new(CapabilityIds.ClusterMetrics, ClusterMetrics),
            // After the cluster metrics layer, whose kube-state-metrics it scrapes, and after storage (its volumes).
            new(CapabilityIds.Monitoring, Monitoring),
            // After storage (its volumes) and monitoring; sets PlatformContext.Logging for every layer after it.
            new(CapabilityIds.Logging, Logging),
            // Gatekeeper never checks the platform's namespaces, so its place among the layers changes nothing for them.
            new(CapabilityIds.PolicyEnforcement, PolicyEnforcement),
            // After storage (Harbor's volumes), ingress and certificates (Harbor's Ingress and its certificate).
            new(CapabilityIds.ImageScanning, ImageScanning),
            // After logging (its OpenSearch keeps the traces: the release waits for it) and monitoring (Grafana's data
            // source Secret goes into the monitoring namespace).
            new(CapabilityIds.Tracing, Tracing),
            // After monitoring and logging: Falcosidekick's outputs go to their Alertmanager and OpenSearch.
            new(CapabilityIds.SecurityAudits, SecurityAudits),
            // After the security audits layer (the layers' order of the issue); sets PlatformContext.Vault with the
            // vault provider, for every layer after it.
            new(CapabilityIds.SecretManagement, SecretManagement),
            // After monitoring (its notifications go to Alertmanager), ingress and certificates (its Ingress and
            // certificate), and after the authentication layer, whose identity provider it signs users in with.
            new(CapabilityIds.GitOps, GitOps),
            // After monitoring (its ServiceMonitors) and storage (Consul's volumes); the teams' namespaces (the core)
            // carry its labels already.
            new(CapabilityIds.ServiceMesh, ServiceMesh),
            // After monitoring (the Prometheus plugin's Role goes into its namespace) and authentication (Headlamp signs
            // users in through PlatformContext.Identity).
            new(CapabilityIds.UserInterface, UserInterface),
        });

    /// <summary>The layers that keep data in persistent volumes, by capability id, each with its claim as the
    /// configuration sets it (its key, and whether it is set ephemeral). <see cref="LayerRequirements"/> checks the claim
    /// of every one whose capability is on against <see cref="PlatformStorage"/> before anything is registered, and the
    /// layer takes its StorageClass from <see cref="PlatformContext.Storage"/> and waits for <see cref="StorageReady"/>.
    /// Monitoring claims volumes for Prometheus and Alertmanager (<c>platform:monitoring.ephemeral</c>), logging for
    /// OpenSearch's nodes (<c>platform:logging.ephemeral</c>); the storage layer's own CephCluster keeps its data on the
    /// nodes' disks. A stateful layer adds its entry here when it lands.</summary>
    public static IReadOnlyList<KeyValuePair<string, Func<Configuration.PlatformSettings, StatefulClaim>>> StatefulLayers { get; } =
        new ReadOnlyCollection<KeyValuePair<string, Func<Configuration.PlatformSettings, StatefulClaim>>>(
        [
            new(CapabilityIds.Monitoring, settings => new StatefulClaim(CapabilityIds.Monitoring, Configuration.PlatformConfigKeys.Monitoring.Name, settings.Monitoring.Ephemeral)),
            new(CapabilityIds.Logging, settings => new StatefulClaim(CapabilityIds.Logging, Configuration.PlatformConfigKeys.Logging.Name, settings.Logging.Ephemeral)),
            // Harbor keeps images, its database and its job logs in volumes; the Trivy operator alone claims none (its
            // server's database cache is an emptyDir), so without Harbor the layer is as good as ephemeral.
            new(CapabilityIds.ImageScanning, settings => new StatefulClaim(CapabilityIds.ImageScanning, Configuration.PlatformConfigKeys.ImageScanning.Name,
                settings.ImageScanning.Registry != Components.Security.Scanning.ImageRegistry.Harbor,
                $"or run without Harbor (`pulumi config set --path {Configuration.PlatformConfigKeys.ImageScanning.FullName}.registry none`: the Trivy operator needs no volume)")),
            // A Vault server keeps every secret in its Raft volumes; SOPS keeps them in git and claims none.
            new(CapabilityIds.SecretManagement, settings => new StatefulClaim(CapabilityIds.SecretManagement, Configuration.PlatformConfigKeys.SecretManagement.Name,
                settings.SecretManagement.Provider == Components.Secrets.SecretManagementProvider.Sops,
                $"or keep secrets with SOPS (`pulumi config set --path {Configuration.PlatformConfigKeys.SecretManagement.FullName}.provider sops`: Raft cannot run without volumes)")),
            // Consul's servers keep the catalog, config entries and ACLs in volumes; Istio keeps none.
            new(CapabilityIds.ServiceMesh, settings => new StatefulClaim(CapabilityIds.ServiceMesh, Configuration.PlatformConfigKeys.ServiceMesh.Name,
                settings.ServiceMesh.Provider != Components.ServiceMesh.MeshProvider.Consul,
                $"or use Istio (`pulumi config set --path {Configuration.PlatformConfigKeys.ServiceMesh.FullName}.provider istio`: it keeps no volume)")),
        ]);

    /// <summary>The Prometheus Operator's CRDs, when the monitoring capability is on in <paramref name="decisions"/>:
    /// registered with the cluster's provider as soon as the API is reachable, before the CNI layer (a release of CRDs
    /// runs no pods), so that the charts of every later layer can create ServiceMonitors and PrometheusRules; every layer
    /// after the CNI waits for them (<see cref="ClusterReady"/>). Null when monitoring is off. Call it once, before the
    /// layers, and put the result in <see cref="PlatformContext.Monitoring"/>.</summary>
    public static MetricsScraping? MonitoringCrds(Configuration.PlatformSettings settings, IReadOnlyList<CapabilityDecision> decisions, Cluster cluster)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(cluster);
        if (!decisions.Any(d => d.Id == CapabilityIds.Monitoring && d.Enabled)) return null;
        var crds = new Components.Observability.MonitoringCrds($"{settings.ClusterName}-monitoring-crds",
            new ComponentResourceOptions { Providers = { cluster.Access.Provider } });
        return new MetricsScraping { Namespace = MonitoringLayer.Namespace, CrdsReady = crds.Release };
    }

    /// <summary>What a layer that claims volumes waits for: the release holding the CephCluster, its pools and
    /// StorageClasses when the platform deploys Rook-Ceph; nothing when the class already exists or there is none.</summary>
    public static IReadOnlyList<Resource> StorageReady(PlatformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Layers.GetValueOrDefault(CapabilityIds.Storage) is StorageLayer { CephCluster: { } cluster } ? [cluster] : [];
    }

    /// <summary>
    /// The parts of the <see cref="Core"/> that run as pods, so they come after the CNI, registered whatever else is
    /// switched on: the kubelet serving-certificate approver, whenever kubelets request their serving
    /// certificates from the cluster CA (hardening switch <c>kubeletServingCertificates</c>), scoped to the inventory's
    /// node names and addresses; kured (<see cref="NodeReboots"/>), unless <c>platform:reboots.enabled</c> is false; and each
    /// team's namespace of <c>platform:tenants</c> (<see cref="Components.Tenancy.TenantNamespace"/>, at
    /// <see cref="ClusterPodSecurity.TenantLevel"/>). Call it once the <see cref="CapabilityIds.Cni"/> layer is in
    /// <see cref="PlatformContext.Layers"/>; it takes the same ordering rule as the layers (<see cref="OnCluster"/>).
    /// Nothing waits for it: a node's <c>kubectl logs/exec</c> work once its certificate is approved, seconds after the
    /// approver starts; a node added later is denied until the approver's release has its name and address (after the
    /// node's registration), and its kubelet asks again every 32 seconds until then. Nothing waits for kured either: it
    /// only ever acts on a node that asks for a reboot. With <see cref="PlatformContext.Monitoring"/> set, the metrics
    /// proxies too (<see cref="Components.Observability.Scraping.ControlPlaneMetricsProxy"/>): the control plane's
    /// loopback-bound metrics, kube-proxy's and (with Calico) Felix's, served to Prometheus; nothing waits for them.
    /// </summary>
    /// <returns>The components registered, in order.</returns>
    public static IReadOnlyList<ComponentResource> CoreOnCluster(PlatformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        var components = new List<ComponentResource>();
        if (Configuration.HardeningSwitches.Apply(settings.HardeningExceptions.Keys).KubeletServingCertificates)
        {
            components.Add(new KubeletServingCertificateApprover($"{settings.ClusterName}-serving-certificates",
                new KubeletServingCertificateApproverArgs { Nodes = settings.Nodes, Metrics = context.Monitoring }, OnCluster(context)));
        }
        if (settings.Reboots.Enabled)
        {
            components.Add(new NodeReboots($"{settings.ClusterName}-reboots",
                new NodeRebootsArgs { Options = settings.Reboots, Metrics = context.Monitoring }, OnCluster(context)));
        }
        if (context.Monitoring is { } monitoring)
        {
            // The control plane's loopback-bound metrics, served to Prometheus by authenticating proxies on the nodes.
            components.Add(new Components.Observability.Scraping.ControlPlaneMetricsProxy($"{settings.ClusterName}-metrics-proxy",
                new Components.Observability.Scraping.ControlPlaneMetricsProxyArgs
                {
                    ClusterCa = context.Cluster.Pki.ClusterCa,
                    Metrics = monitoring,
                    KubeProxy = context.Cluster.KubeProxy,
                    CalicoFelix = settings.Cni.Plugin == CniPlugin.Calico,
                }, OnCluster(context)));
        }
        // Teams' namespaces belong to the core, not to nonRootContainers (which only sets their default level): switching
        // a capability off must never delete a team's namespace and everything in it.
        // A team in the service mesh (platform:serviceMesh.namespaces) gets the mesh's label and allowances here, so that
        // its pods are meshed from their first start.
        var mesh = MeshOn(context) ? settings.ServiceMesh : null;
        foreach (var tenant in settings.Tenants)
        {
            var meshed = mesh is not null && mesh.Namespaces.Contains(tenant.Name, StringComparer.Ordinal);
            components.Add(new Components.Tenancy.TenantNamespace($"{settings.ClusterName}-tenant-{tenant.Name}", new Components.Tenancy.TenantNamespaceArgs
            {
                Tenant = tenant,
                Enforce = ClusterPodSecurity.TenantLevel(tenant, settings, context.Capabilities),
                MeshLabels = meshed ? Components.ServiceMesh.MeshMembership.Labels(mesh!) : new Dictionary<string, string>(),
                MeshAllowances = meshed ? Components.ServiceMesh.MeshMembership.Allowances(mesh!) : [],
            }, OnCluster(context)));
        }
        return components;
    }

    /// <summary>
    /// The logging capability's second half, Fluent Bit shipping every node's logs to the logging layer's OpenSearch
    /// (<see cref="LogShippingLayer"/>), when <see cref="PlatformContext.Logging"/> is set: call it right after the
    /// logging layer is registered (it sets the backend). Null when logging is off. The DaemonSet tolerates every taint
    /// of the inventory, ships the audit log unless the hardening switch <c>auditLog</c> is excepted, has its
    /// ServiceMonitor with monitoring on, and takes the ordering rule of the layers (<see cref="OnCluster"/>); its release
    /// waits for the backend's <see cref="LoggingBackend.Ready"/>. Nothing waits for it.
    /// </summary>
    public static LogShippingLayer? LogShipping(PlatformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Logging is not { } logging) return null;
        var settings = context.Settings;
        return new LogShippingLayer($"{settings.ClusterName}-log-shipping", new LogShippingLayerArgs
        {
            Options = settings.LogShipping,
            Logging = logging,
            NodeTaints = [.. settings.Nodes.SelectMany(n => n.Taints).Distinct()],
            AuditLog = Configuration.HardeningSwitches.Apply(settings.HardeningExceptions.Keys).AuditLog,
            Metrics = context.Monitoring,
        }, OnCluster(context));
    }

    /// <summary>
    /// The options of every layer after the CNI: the cluster's provider for its children, and the one ordering rule of
    /// the composition: every resource in the layer waits for the CNI's release and for every node's registration, so a
    /// layer's atomic releases never race a slow first bring-up, and on destroy the layer goes before the network and the
    /// nodes it runs on. The rule is a transformation of the layer, so it holds for every child without the layer's
    /// own code knowing it.
    /// </summary>
    private static ComponentResourceOptions OnCluster(PlatformContext context)
    {
        var options = new ComponentResourceOptions { Providers = { context.Cluster.Access.Provider } };
        var ready = ClusterReady(context);
#pragma warning disable CS0618 // ResourceTransformations is the transformation hook that also runs under the mock engine.
        options.ResourceTransformations.Add(args => args switch
        {
            { Resource: CustomResource, Options: CustomResourceOptions custom } =>
                new ResourceTransformationResult(args.Args, CustomResourceOptions.Merge(custom, new CustomResourceOptions { DependsOn = ready.ToArray() })),
            _ => null,
        });
#pragma warning restore CS0618
        return options;
    }

    /// <summary>What a layer after the CNI waits for: the CNI's release (when the cni capability is on), every node's
    /// registration, and the Prometheus Operator's CRDs when monitoring is on (the layers' charts then create
    /// ServiceMonitors and PrometheusRules, which Helm refuses before their CRDs exist).</summary>
    public static IReadOnlyList<Resource> ClusterReady(PlatformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ready = new List<Resource>();
        if (context.Layers.GetValueOrDefault(CapabilityIds.Cni) is ContainerNetwork cni) ready.Add(cni.Release);
        if (context.Monitoring is { } monitoring) ready.Add(monitoring.CrdsReady);
        ready.AddRange(context.Cluster.Nodes.Select(n => n.Registered));
        return ready;
    }

    /// <summary>The options of the CNI layer: the cluster's provider; it needs only the API server, which the provider
    /// already waits for, as nodes become Ready only once the CNI runs.</summary>
    private static ComponentResourceOptions OnClusterNetwork(PlatformContext context)
        => new() { Providers = { context.Cluster.Access.Provider } };

    private static ComponentResource ContainerNetwork(PlatformContext context)
    {
        var settings = context.Settings;
        var cluster = context.Cluster;
        // Services always have a proxy while kube-proxy comes or goes: kube-proxy is back before Cilium stops replacing
        // it (the releases wait for the step), and Cilium replaces it before it goes (the step waits for the release).
        var proxyFirst = cluster.KubeProxy ? cluster.ReconcileServiceProxy([]) : null;
        var network = new ContainerNetwork($"{settings.ClusterName}-cni", new ContainerNetworkArgs
        {
            InstallAfter = proxyFirst is null ? [] : [proxyFirst],
            // Cilium spreads its operator replicas over nodes: a one-node cluster can run only one. The mesh's CNI plugin
            // (Istio's or Consul's, both always on with the serviceMesh capability) chains after the cluster's.
            Options = (settings.Nodes.Count == 1 ? settings.Cni with { CiliumOperatorReplicas = 1 } : settings.Cni) with { MeshCni = MeshOn(context) },
            ExtraCiliumValues = settings.LoadBalancer.Provider == LoadBalancerProvider.CiliumL2
                ? CiliumLoadBalancerResources.CiliumValuesOverlay()
                : new Dictionary<string, object>(),
            Cluster = new CniClusterFacts
            {
                ClusterName = settings.ClusterName,
                PodCidr = settings.PodCidr.ToString(),
                ApiServerHost = settings.ApiEndpoint.Host,
                ApiServerPort = settings.ApiEndpoint.Port,
            },
            Metrics = context.Monitoring,
        }, OnClusterNetwork(context));
        if (!cluster.KubeProxy) cluster.ReconcileServiceProxy([network.Release]);
        return network;
    }

    private static ComponentResource Storage(PlatformContext context)
    {
        var settings = context.Settings;
        return new StorageLayer($"{settings.ClusterName}-storage", new StorageLayerArgs
        {
            Options = settings.Storage,
            Nodes = settings.Nodes,
            // The ServiceMonitors and PrometheusRules need the Prometheus Operator's CRDs, which the monitoring layer brings.
            Metrics = context.Monitoring,
        }, OnCluster(context));
    }

    /// <summary>Velero and its schedules, to the stack's backup target; the in-cluster bucket's claim waits for the Ceph
    /// cluster's release (<see cref="StorageReady"/>).</summary>
    private static ComponentResource Backup(PlatformContext context)
    {
        var settings = context.Settings;
        var target = context.BackupTarget!;
        return new Components.Backup.BackupLayer($"{settings.ClusterName}-backup", new Components.Backup.BackupLayerArgs
        {
            Target = target,
            Credentials = context.BackupCredentials,
            Schedules = PlatformBackup.Schedules(settings),
            IncludedNamespaces = settings.Backup.IncludeNamespaces,
            ExcludedNamespaces = settings.Backup.EffectiveExcludedNamespaces,
            Volumes = settings.Backup.Volumes,
            // The ServiceMonitor and PodMonitor need the Prometheus Operator's CRDs, which the monitoring layer brings.
            Metrics = context.Monitoring,
            StorageReady = target.InCluster ? StorageReady(context) : [],
        }, OnCluster(context));
    }

    private static ComponentResource Ingress(PlatformContext context)
    {
        var settings = context.Settings;
        var ingress = OneSchedulableNode(settings)
            ? settings.Ingress with { Controllers = [.. settings.Ingress.Controllers.Select(c => c with { Replicas = 1 })] }
            : settings.Ingress;
        return new IngressLayer($"{settings.ClusterName}-ingress", new IngressLayerArgs
        {
            Ingress = ingress,
            LoadBalancer = settings.LoadBalancer,
            CiliumIsTheCni = settings.Cni.Plugin == CniPlugin.Cilium,
            CiliumReplacesKubeProxy = settings.Cni.KubeProxyReplacement,
            Metrics = context.Monitoring,
        }, OnCluster(context));
    }

    private static ComponentResource Certificates(PlatformContext context)
    {
        var settings = context.Settings;
        var config = new Config(Configuration.PlatformConfigKeys.Namespace);
        return new CertificatesLayer($"{settings.ClusterName}-certificates", new CertificatesLayerArgs
        {
            Options = OneSchedulableNode(settings)
                ? (settings.Certificates ?? new Components.Networking.Certificates.CertificateOptions()) with { Replicas = 1 }
                : settings.Certificates ?? new Components.Networking.Certificates.CertificateOptions(),
            DefaultIngressClass = settings.Ingress.Controllers.Single(c => c.Default).EffectiveClassName,
            DefaultIngressController = DefaultController(settings),
            Rfc2136TsigSecret = config.GetSecret(Configuration.PlatformConfigKeys.Rfc2136TsigSecret.Name) is { } tsig ? (Input<string>)tsig : null,
            ClusterName = settings.ClusterName,
            Metrics = context.Monitoring,
        }, OnCluster(context));
    }

    /// <summary>Whether workloads have one node to run on (one worker without a NoSchedule or NoExecute taint, or one
    /// node and no workers): the platform's
    /// Deployments then run one replica each, without a PodDisruptionBudget. Two replicas on the one node protect
    /// nothing across its drain, and their budget would stop the drain of an upgrade for good (the evicted replica has
    /// nowhere to go, so the other may never be evicted).</summary>
    private static bool OneSchedulableNode(Configuration.PlatformSettings settings)
    {
        var workers = settings.Nodes.Where(n => n.Role == Components.Cluster.NodeRole.Worker).ToList();
        if (workers.Count == 0) return settings.Nodes.Count == 1;
        return workers.Count(w => !w.Taints.Any(t => t.Effect is Components.Cluster.TaintEffect.NoSchedule or Components.Cluster.TaintEffect.NoExecute)) == 1;
    }

    /// <summary>Where the default IngressClass's controller runs and which pod ports serve its traffic.</summary>
    private static DefaultIngressController DefaultController(Configuration.PlatformSettings settings)
    {
        var kind = settings.Ingress.Controllers.Single(c => c.Default).Kind;
        // HTTP-01 is plain HTTP: the controller's HTTP container port, not its admin or webhook ports.
        return new DefaultIngressController(Components.Networking.Ingress.IngressControllerCharts.Namespace(kind),
            [Components.Networking.Ingress.IngressPorts.Http(kind)]);
    }

    /// <summary>metrics-server and kube-state-metrics. metrics-server runs two replicas with a disruption budget from the
    /// medium tier up (one where workloads have one node), and takes its serving certificate from cert-manager when the
    /// certificates capability is on. It waits for the kubelet serving-certificate approver: metrics-server is ready
    /// only once it has scraped kubelets, whose serving certificates the approver approves.</summary>
    private static ComponentResource ClusterMetrics(PlatformContext context)
    {
        var settings = context.Settings;
        var certificates = context.Layers.GetValueOrDefault(CapabilityIds.Certificates) as CertificatesLayer;
        var approver = context.CoreOnCluster.OfType<KubeletServingCertificateApprover>().SingleOrDefault();
        return new ClusterMetricsLayer($"{settings.ClusterName}-cluster-metrics", new ClusterMetricsLayerArgs
        {
            Options = new ClusterMetricsOptions
            {
                MetricsServerReplicas = settings.Tier != Configuration.PlatformTier.Small && !OneSchedulableNode(settings) ? 2 : 1,
                ServingCertificateFromCertManager = certificates != null,
            },
            CertManager = certificates is null ? [] : [certificates.Release],
            ServingCertificateApprover = approver is null ? [] : [approver.Release],
            Metrics = context.Monitoring,
        }, OnCluster(context));
    }

    /// <summary>kube-prometheus-stack with the tier's sizing (one replica each where workloads have one node), its volumes
    /// on the platform's StorageClass after the storage layer (unless ephemeral), Grafana on the default IngressClass
    /// with a certificate from cert-manager's Let's Encrypt (production) issuer, or the internal CA without Let's Encrypt,
    /// when the certificates capability is on. kube-state-metrics stays the cluster metrics layer's; the stack runs its
    /// own only when that layer is off.</summary>
    private static ComponentResource Monitoring(PlatformContext context)
    {
        var settings = context.Settings;
        var options = settings.Monitoring;
        if (OneSchedulableNode(settings))
        {
            options = options with
            {
                Prometheus = options.Prometheus with { Replicas = 1 },
                Alertmanager = options.Alertmanager with { Replicas = 1 },
            };
        }
        var on = context.Capabilities.Where(d => d.Enabled).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var issuer = WebIssuer(context);
        var defaultController = settings.Ingress.Controllers.Single(c => c.Default);
        var secrets = new Config(Configuration.PlatformConfigKeys.Namespace).GetSecret(Configuration.PlatformConfigKeys.MonitoringSecrets.Name);
        return new MonitoringLayer($"{settings.ClusterName}-monitoring", new MonitoringLayerArgs
        {
            Options = options,
            Crds = context.Monitoring!.CrdsReady,
            StorageClass = options.Ephemeral ? null : context.Storage.ClassName,
            StorageReady = options.Ephemeral ? [] : StorageReady(context),
            KubeStateMetrics = !on.Contains(CapabilityIds.ClusterMetrics),
            Ingress = on.Contains(CapabilityIds.Ingress)
                ? (defaultController.EffectiveClassName, Components.Networking.Ingress.IngressControllerCharts.Namespace(defaultController.Kind))
                : null,
            ClusterIssuer = issuer,
            ReceiverSecrets = secrets is null ? null : (Input<string>)secrets,
            Dashboards = Dashboards(context, on),
            // Grafana's built-in Elasticsearch data source refuses OpenSearch 3.x: the OpenSearch plugin reads the logs.
            GrafanaPlugins = on.Contains(CapabilityIds.Logging)
                ? [$"{Components.Observability.Monitoring.GrafanaDataSourceDocuments.OpenSearchPluginId}@{Components.Observability.Monitoring.GrafanaDataSourceDocuments.OpenSearchPluginVersion}"]
                : [],
            Identity = context.Identity,
            IssuerRoute = context.Identity is null ? null : IssuerRouteOf(settings),
            ControlPlaneScrapeValues = ControlPlaneScrapeValues.Render(new ControlPlaneScrapeOptions
            {
                KubeProxy = context.Cluster.KubeProxy,
                KubeletServingCertificates = Configuration.HardeningSwitches.Apply(settings.HardeningExceptions.Keys).KubeletServingCertificates,
            }),
            // Prometheus reaches the metrics proxies on the nodes' addresses (a port, like the kubelets': node
            // addresses are not matched by pod selectors), the ones of kube-proxy and Felix only where they run.
            ExtraAllowances =
            [
                new NetworkAllowance
                {
                    Name = "allow-metrics-proxies",
                    Direction = TrafficDirection.Egress,
                    AnyPeer = true,
                    Ports =
                    [
                        .. new[] { MetricsUpstreams.ControllerManager, MetricsUpstreams.Scheduler, MetricsUpstreams.Etcd }
                            .Concat(context.Cluster.KubeProxy ? [MetricsUpstreams.KubeProxy] : [])
                            .Concat(settings.Cni.Plugin == CniPlugin.Calico ? [MetricsUpstreams.CalicoFelix] : [])
                            .Select(upstream => (upstream.ListenPort, "TCP")),
                    ],
                },
                .. HostNetworkMetrics(settings),
                .. DataSourceTraffic(context, on),
                .. SecurityAuditsAlerts(on),
                .. GitOpsAlerts(settings, on),
                .. HeadlampPrometheus(on),
            ],
        }, OnCluster(context));
    }

    /// <summary>OpenSearch and OpenSearch Dashboards with the tier's sizing (one node where workloads have one node), the
    /// nodes' volumes on the platform's StorageClass after the storage layer (unless ephemeral), Dashboards on the
    /// default IngressClass with a certificate from the same issuer as Grafana's. Once registered, the layer's
    /// <see cref="LoggingLayer.Backend"/> becomes <see cref="PlatformContext.Logging"/> for every layer after it.</summary>
    private static ComponentResource Logging(PlatformContext context)
    {
        var settings = context.Settings;
        var options = settings.Logging;
        if (OneSchedulableNode(settings))
            options = options with { Replicas = 1, DashboardsReplicas = 1 };
        var on = context.Capabilities.Where(d => d.Enabled).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var defaultController = settings.Ingress.Controllers.Single(c => c.Default);
        var layer = new LoggingLayer($"{settings.ClusterName}-logging", new LoggingLayerArgs
        {
            Options = options,
            StorageClass = options.Ephemeral ? null : context.Storage.ClassName,
            StorageReady = options.Ephemeral ? [] : StorageReady(context),
            ClusterDomain = settings.ClusterDomain,
            Ingress = on.Contains(CapabilityIds.Ingress)
                ? (defaultController.EffectiveClassName, Components.Networking.Ingress.IngressControllerCharts.Namespace(defaultController.Kind))
                : null,
            ClusterIssuer = WebIssuer(context),
            Identity = context.Identity,
            IssuerRoute = context.Identity is null ? null : IssuerRouteOf(settings),
        }, OnCluster(context));
        context.Logging = layer.Backend;
        return layer;
    }

    /// <summary>The ClusterIssuer of a web UI's certificate on the default IngressClass (Grafana, OpenSearch Dashboards,
    /// Jaeger, Harbor): Let's Encrypt (production) when the certificates layer has it, else the internal CA, else none (no
    /// certificates capability).</summary>
    private static string? WebIssuer(PlatformContext context)
    {
        var certificates = context.Layers.GetValueOrDefault(CapabilityIds.Certificates) as CertificatesLayer;
        return certificates?.Issuers.Contains(Components.Networking.Certificates.ClusterIssuers.LetsEncryptProduction) == true
            ? Components.Networking.Certificates.ClusterIssuers.LetsEncryptProduction
            : certificates?.Issuers.Contains(Components.Networking.Certificates.ClusterIssuers.InternalCa) == true
                ? Components.Networking.Certificates.ClusterIssuers.InternalCa
                : null;
    }

    /// <summary>The static clients of the identity provider: kubelogin's public <see cref="OidcClients.Kubernetes"/>
    /// always, and each web consumer that is on and served on the default IngressClass, with its callback under its host
    /// (<see cref="OidcClientRegistration.Web"/>): Grafana (<c>platform:monitoring.grafana.host</c>), OpenSearch Dashboards
    /// (<c>platform:logging.dashboards.host</c>) and Harbor (<c>platform:imageScanning.harbor.host</c>). A consumer without
    /// a host has no login page to come back to, so it gets no client.</summary>
    public static IReadOnlyList<OidcClientRegistration> OidcClientRegistrations(PlatformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        var on = context.Capabilities.Where(d => d.Enabled).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var registrations = new List<OidcClientRegistration> { OidcClientRegistration.Kubernetes };
        if (!on.Contains(CapabilityIds.Ingress)) return registrations;
        if (on.Contains(CapabilityIds.Monitoring) && settings.Monitoring.GrafanaHost is { } grafana)
            registrations.Add(OidcClientRegistration.Web(OidcClients.Grafana, grafana));
        if (on.Contains(CapabilityIds.Logging) && settings.Logging.DashboardsHost is { } dashboards)
            registrations.Add(OidcClientRegistration.Web(OidcClients.OpenSearchDashboards, dashboards));
        if (on.Contains(CapabilityIds.ImageScanning)
            && settings.ImageScanning is { Registry: Components.Security.Scanning.ImageRegistry.Harbor, Harbor: { } harbor })
            registrations.Add(OidcClientRegistration.Web(OidcClients.Harbor, harbor.Host));
        if (on.Contains(CapabilityIds.GitOps) && settings.GitOps.Host is { } argoCd)
            registrations.Add(OidcClientRegistration.Web(OidcClients.ArgoCd, argoCd));
        if (on.Contains(CapabilityIds.UserInterface) && settings.UserInterface.Host is { } headlamp)
            registrations.Add(OidcClientRegistration.Web(OidcClients.Headlamp, headlamp));
        return registrations;
    }

    /// <summary>The issuer the API servers trust: the authentication layer's, accepting kubelogin's tokens and, when
    /// Headlamp signs users in, Headlamp's (it hands the user's ID token, whose audience is its own client, to the API
    /// server).</summary>
    public static OidcIssuer ApiServerIssuer(PlatformContext context, AuthenticationLayer layer)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(layer);
        var issuer = layer.ApiServerIssuer;
        return layer.Identity.Clients.ContainsKey(OidcClients.Headlamp)
            ? issuer with { Audiences = [.. issuer.Audiences, Components.UserInterface.UserInterfaceLayer.ApiServerAudience] }
            : issuer;
    }

    /// <summary>Dex on the default IngressClass, its certificate from <see cref="WebIssuer"/> (the internal CA's PEM goes
    /// to the API servers and kubelogin when it signs it), the tier's replicas (one on small and where workloads have
    /// one node, two otherwise), one static client per <see cref="OidcClientRegistrations"/> entry, and each team's group
    /// bound to edit in its namespace (after the team's namespace). The release waits for cert-manager's and the ingress
    /// controllers' releases. Once registered, the layer's <see cref="AuthenticationLayer.Identity"/> becomes
    /// <see cref="PlatformContext.Identity"/> for every layer after it.</summary>
    private static ComponentResource Authentication(PlatformContext context)
    {
        var settings = context.Settings;
        var options = settings.Authentication!;
        var certificates = (CertificatesLayer)context.Layers[CapabilityIds.Certificates];
        var ingress = context.Layers.GetValueOrDefault(CapabilityIds.Ingress) as IngressLayer;
        // LayerRequirements checked that there is an issuer.
        var issuer = WebIssuer(context)!;
        var defaultController = settings.Ingress.Controllers.Single(c => c.Default);
        var replicas = options.Replicas ?? (settings.Tier == Configuration.PlatformTier.Small ? 1 : 2);
        if (OneSchedulableNode(settings)) replicas = 1;
        var secrets = new Config(Configuration.PlatformConfigKeys.Namespace).GetSecret(Configuration.PlatformConfigKeys.AuthenticationSecrets.Name);
        var dependsOn = new List<Resource> { certificates.Release };
        if (ingress is not null) dependsOn.AddRange(ingress.Releases);
        var layer = new AuthenticationLayer($"{settings.ClusterName}-authentication", new AuthenticationLayerArgs
        {
            Options = options,
            Clients = OidcClientRegistrations(context),
            ConnectorSecrets = secrets is null ? null : (Input<string>)secrets,
            Ingress = (defaultController.EffectiveClassName, Components.Networking.Ingress.IngressControllerCharts.Namespace(defaultController.Kind)),
            ClusterIssuer = issuer,
            IssuerCaPem = issuer == Components.Networking.Certificates.ClusterIssuers.InternalCa ? certificates.InternalCaCertPem : null,
            Replicas = replicas,
            Tenants = [.. settings.Tenants.Select(t => (t.Name, t.EffectiveGroup))],
            TenantsReady = [.. context.CoreOnCluster.OfType<Components.Tenancy.TenantNamespace>().Select(t => (Resource)t.Namespace.Namespace)],
            DependsOn = dependsOn,
            Metrics = context.Monitoring,
        }, OnCluster(context));
        context.Identity = layer.Identity;
        return layer;
    }

    /// <summary>The Trivy operator, with the tier's scan-job concurrency; with <c>registry: harbor</c>, Harbor on the default
    /// IngressClass with a certificate from cert-manager's Let's Encrypt (production) issuer, or the internal CA without
    /// Let's Encrypt, its volumes on the platform's StorageClass. Harbor's release waits for the storage layer's release
    /// (<see cref="StorageReady"/>), cert-manager's (the ClusterIssuer) and the ingress controllers' (the IngressClass);
    /// the operator waits for nothing but the cluster.</summary>
    private static ComponentResource ImageScanning(PlatformContext context)
    {
        var settings = context.Settings;
        var options = settings.ImageScanning;
        var harbor = options.Registry == Components.Security.Scanning.ImageRegistry.Harbor;
        var certificates = context.Layers.GetValueOrDefault(CapabilityIds.Certificates) as CertificatesLayer;
        var ingress = context.Layers.GetValueOrDefault(CapabilityIds.Ingress) as IngressLayer;
        // Harbor needs the certificates capability (a configuration error without it), so there is an issuer.
        var issuer = WebIssuer(context) ?? Components.Networking.Certificates.ClusterIssuers.InternalCa;
        var defaultController = settings.Ingress.Controllers.Single(c => c.Default);
        var waitFor = new List<Resource>();
        if (harbor)
        {
            waitFor.AddRange(StorageReady(context));
            if (certificates is not null) waitFor.Add(certificates.Release);
            if (ingress is not null) waitFor.AddRange(ingress.Releases);
        }
        return new Components.Security.ImageScanningLayer($"{settings.ClusterName}-image-scanning", new Components.Security.ImageScanningLayerArgs
        {
            Options = options,
            Metrics = context.Monitoring,
            Ingress = harbor ? (defaultController.EffectiveClassName, Components.Networking.Ingress.IngressControllerCharts.Namespace(defaultController.Kind)) : null,
            ClusterIssuer = harbor ? issuer : null,
            StorageClass = harbor ? context.Storage.ClassName : null,
            HarborDependsOn = waitFor,
            Identity = harbor ? context.Identity : null,
            IssuerRoute = harbor && context.Identity is not null ? IssuerRouteOf(settings) : null,
        }, OnCluster(context));
    }

    /// <summary>The platform's dashboards for the capabilities that are on and whose charts ship none: one per ingress
    /// controller kind, Rook-Ceph's when the platform deploys it, Velero's with backups.</summary>
    private static IReadOnlyList<Components.Observability.Monitoring.Dashboards.GrafanaDashboard> Dashboards(PlatformContext context, IReadOnlySet<string> on)
    {
        var dashboards = new List<Components.Observability.Monitoring.Dashboards.GrafanaDashboard>();
        if (on.Contains(CapabilityIds.Ingress))
        {
            dashboards.AddRange(context.Settings.Ingress.Controllers.Select(c => c.Kind).Distinct()
                .Select(Components.Observability.Monitoring.Dashboards.PlatformDashboards.Ingress));
        }
        if (StorageReady(context).Count > 0)
            dashboards.Add(Components.Observability.Monitoring.Dashboards.PlatformDashboards.RookCeph());
        if (on.Contains(CapabilityIds.Backup))
            dashboards.Add(Components.Observability.Monitoring.Dashboards.PlatformDashboards.Velero());
        return dashboards;
    }

    /// <summary>Grafana's egress to its data sources beyond the monitoring namespace: OpenSearch's HTTPS port in the
    /// logging namespace (and grafana.com, where Grafana downloads the OpenSearch plugin: the monitoring layer's own
    /// allowance), Jaeger's query port in the tracing namespace.</summary>
    private static IEnumerable<NetworkAllowance> DataSourceTraffic(PlatformContext context, IReadOnlySet<string> on)
    {
        if (on.Contains(CapabilityIds.Logging))
        {
            // The logging layer's contract: OpenSearch in namespace "logging" on 9200 (LoggingBackend's defaults), known
            // here before that layer runs.
            yield return new NetworkAllowance { Name = "allow-grafana-to-opensearch", Direction = TrafficDirection.Egress,
                Namespace = context.Logging?.Namespace ?? "logging", Ports = [(context.Logging?.Port ?? 9200, "TCP")] };
        }
        if (on.Contains(CapabilityIds.Tracing))
        {
            yield return new NetworkAllowance { Name = "allow-grafana-to-jaeger", Direction = TrafficDirection.Egress,
                Namespace = TracingLayer.Namespace, Ports = [(Components.Observability.Tracing.JaegerConfiguration.QueryHttpPort, "TCP")] };
        }
    }

    /// <summary>Jaeger v2 with the tier's sampling rate and sizing. Traces go to the logging layer's OpenSearch when
    /// <see cref="PlatformContext.Logging"/> is set (the tier's replicas, one shard replica from medium up), to memory
    /// otherwise (one replica). One replica where workloads have one node. The UI on the default IngressClass when
    /// <c>platform:tracing.host</c> is set, with the certificate of <see cref="WebIssuer"/>; with monitoring, Grafana's
    /// Jaeger data source.</summary>
    private static ComponentResource Tracing(PlatformContext context)
    {
        var settings = context.Settings;
        var options = settings.Tracing;
        var replicas = options.Replicas ?? (context.Logging is null ? 1 : Configuration.TracingTierSizing.Replicas(settings.Tier));
        if (OneSchedulableNode(settings)) replicas = 1;
        var on = context.Capabilities.Where(d => d.Enabled).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var defaultController = settings.Ingress.Controllers.Single(c => c.Default);
        var monitoring = context.Layers.GetValueOrDefault(CapabilityIds.Monitoring) as MonitoringLayer;
        return new TracingLayer($"{settings.ClusterName}-tracing", new TracingLayerArgs
        {
            Options = options with { Replicas = replicas },
            Logging = context.Logging,
            // As many replicas of each trace index as the logging layer gives its own: a replica can never sit beside its
            // primary, so a one-node OpenSearch (small tier, one schedulable node, or replicas: 1) gets none.
            IndexReplicas = (OneSchedulableNode(settings) ? settings.Logging with { Replicas = 1 } : settings.Logging).IndexReplicas,
            Metrics = context.Monitoring,
            GrafanaReady = monitoring is null ? [] : [monitoring.NamespaceResource],
            Ingress = on.Contains(CapabilityIds.Ingress)
                ? (defaultController.EffectiveClassName, Components.Networking.Ingress.IngressControllerCharts.Namespace(defaultController.Kind))
                : null,
            ClusterIssuer = WebIssuer(context),
        }, OnCluster(context));
    }

    /// <summary>What joins two layers once every layer is registered: Grafana's OpenSearch logs data source (index
    /// pattern <c>logs-*</c>, user <see cref="LoggingClients.Grafana"/>, TLS verified against the logging layer's CA)
    /// when monitoring and logging are both on. Call it once, after the layers.</summary>
    /// <returns>The components registered.</returns>
    public static IReadOnlyList<ComponentResource> Integrations(PlatformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var components = new List<ComponentResource>();
        if (context.Monitoring is { } metrics && context.Logging is { } logging
            && context.Layers.GetValueOrDefault(CapabilityIds.Monitoring) is MonitoringLayer monitoring)
        {
            if (!logging.Users.TryGetValue(LoggingClients.Grafana, out var user))
                throw new InvalidOperationException($"The logging backend has no '{LoggingClients.Grafana}' user for Grafana's data source.");
            var endpoint = logging.Endpoint;
            components.Add(new GrafanaDataSource($"{context.Settings.ClusterName}-grafana-opensearch-logs", new GrafanaDataSourceArgs
            {
                Name = "opensearch-logs",
                Namespace = metrics.Namespace,
                Document = Output.Tuple(logging.CaCertificatePem, user.Password).Apply(t =>
                    Components.Observability.Monitoring.GrafanaDataSourceDocuments.OpenSearchLogs(endpoint, "logs-*", user.Username, t.Item2, t.Item1)),
                After = [monitoring.NamespaceResource, logging.Ready],
            }, OnCluster(context)));
        }
        return components;
    }

    /// <summary>How the UIs' pods reach the identity provider's issuer, which is served on the default IngressClass:
    /// its controller's pods on their HTTPS container port (<see cref="Components.Identity.IssuerRoute"/>).</summary>
    public static Components.Identity.IssuerRoute IssuerRouteOf(Configuration.PlatformSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var controller = settings.Ingress.Controllers.Single(c => c.Default);
        return new Components.Identity.IssuerRoute
        {
            ControllerNamespace = Components.Networking.Ingress.IngressControllerCharts.Namespace(controller.Kind),
            // For lists HTTP first, HTTPS second.
            HttpsPort = Components.Networking.Ingress.IngressPorts.For(controller.Kind)[1].Port,
            ThroughLoadBalancer = controller.Exposure == Components.Networking.Ingress.IngressExposure.LoadBalancer,
        };
    }

    /// <summary>Headlamp's Prometheus plugin queries Prometheus through the API server's service proxy: the API server
    /// connects to Prometheus's pod from its control-plane node's address, which no pod or namespace selector matches, so
    /// the port is the rule (the admission webhook's reasoning).</summary>
    private static IEnumerable<NetworkAllowance> HeadlampPrometheus(IReadOnlySet<string> on)
    {
        if (!on.Contains(CapabilityIds.UserInterface)) yield break;
        yield return new NetworkAllowance
        {
            Name = "allow-prometheus-from-api-server",
            Direction = TrafficDirection.Ingress,
            AnyPeer = true,
            Ports = [(Components.Observability.Monitoring.KubePrometheusStackValues.PrometheusPort, "TCP")],
        };
    }

    /// <summary>Headlamp on the default IngressClass with the certificate of <see cref="WebIssuer"/>, one replica on the
    /// small tier and where workloads have one node, two otherwise; single sign-on through
    /// <see cref="PlatformContext.Identity"/> when it is set, else token login; with monitoring, the Prometheus plugin's
    /// access to the monitoring layer's Prometheus (after its namespace).</summary>
    private static ComponentResource UserInterface(PlatformContext context)
    {
        var settings = context.Settings;
        var options = settings.UserInterface;
        var replicas = OneSchedulableNode(settings) ? 1 : options.Replicas ?? (settings.Tier == Configuration.PlatformTier.Small ? 1 : 2);
        var defaultController = settings.Ingress.Controllers.Single(c => c.Default);
        var monitoring = context.Layers.GetValueOrDefault(CapabilityIds.Monitoring) as MonitoringLayer;
        var on = context.Capabilities.Where(d => d.Enabled).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return new Components.UserInterface.UserInterfaceLayer($"{settings.ClusterName}-user-interface", new Components.UserInterface.UserInterfaceLayerArgs
        {
            Options = options with { Replicas = replicas },
            Ingress = on.Contains(CapabilityIds.Ingress)
                ? (defaultController.EffectiveClassName, Components.Networking.Ingress.IngressControllerCharts.Namespace(defaultController.Kind))
                : null,
            ClusterIssuer = WebIssuer(context),
            Identity = context.Identity,
            IssuerRoute = context.Identity is null ? null : IssuerRouteOf(settings),
            Prometheus = monitoring is null ? null
                : (MonitoringLayer.Namespace, Components.Observability.Monitoring.KubePrometheusStackValues.PrometheusService,
                    Components.Observability.Monitoring.KubePrometheusStackValues.PrometheusPort),
            MonitoringReady = monitoring is null ? [] : [monitoring.NamespaceResource],
        }, OnCluster(context));
    }

    /// <summary>Falcosidekick's alerts into Alertmanager's port, from the security audits namespace, when that capability
    /// is on (the monitoring namespace lets nothing else in from other namespaces).</summary>
    private static IEnumerable<NetworkAllowance> SecurityAuditsAlerts(IReadOnlySet<string> on)
    {
        if (!on.Contains(CapabilityIds.SecurityAudits)) yield break;
        yield return new NetworkAllowance
        {
            Name = "allow-alerts-from-falco",
            Direction = TrafficDirection.Ingress,
            Namespace = Components.Security.SecurityAuditsLayer.Namespace,
            PodLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "falcosidekick" },
            Ports = [(Components.Security.SecurityAuditsLayer.AlertmanagerPort, "TCP")],
        };
    }

    /// <summary>Argo CD's notifications into Alertmanager's port, from the argocd namespace's notifications controller,
    /// when the gitOps capability is on with notifications (the monitoring namespace lets nothing else in from other
    /// namespaces).</summary>
    private static IEnumerable<NetworkAllowance> GitOpsAlerts(Configuration.PlatformSettings settings, IReadOnlySet<string> on)
    {
        if (!on.Contains(CapabilityIds.GitOps) || !settings.GitOps.Notifications) yield break;
        yield return new NetworkAllowance
        {
            Name = "allow-alerts-from-argocd",
            Direction = TrafficDirection.Ingress,
            Namespace = Components.GitOps.GitOpsLayer.Namespace,
            PodLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "argocd-notifications-controller" },
            Ports = [(Components.Security.SecurityAuditsLayer.AlertmanagerPort, "TCP")],
        };
    }

    /// <summary>Argo CD (<see cref="Components.GitOps.GitOpsLayer"/>): highly available from the medium tier up (one of
    /// each component where workloads have one node; Redis HA's pods on nodes of their own only with three schedulable
    /// nodes), the server on the default IngressClass with the certificate of <see cref="WebIssuer"/> when
    /// <c>platform:gitOps.host</c> is set, single sign-on through <see cref="PlatformContext.Identity"/> when that is set
    /// and Argo CD has a hostname (the callback address), notifications to Alertmanager after the monitoring layer's
    /// release, and the bootstrap repository's credentials from the secret
    /// <c>platform:gitOpsRepositoryCredentials</c>.</summary>
    private static ComponentResource GitOps(PlatformContext context)
    {
        var settings = context.Settings;
        var options = settings.GitOps;
        var on = context.Capabilities.Where(d => d.Enabled).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var defaultController = settings.Ingress.Controllers.Single(c => c.Default);
        var monitoring = context.Layers.GetValueOrDefault(CapabilityIds.Monitoring) as MonitoringLayer;
        var ingress = on.Contains(CapabilityIds.Ingress)
            ? (defaultController.EffectiveClassName, Components.Networking.Ingress.IngressControllerCharts.Namespace(defaultController.Kind),
                Components.Networking.Ingress.IngressPorts.For(defaultController.Kind)[1].Port)
            : ((string, string, int)?)null;
        var notify = options.Notifications && monitoring is not null && context.Monitoring is not null;
        var credentials = options.Bootstrap is null
            ? null
            : GitOpsCredentials.From(new Config(Configuration.PlatformConfigKeys.Namespace).GetSecret(Configuration.PlatformConfigKeys.GitOpsRepositoryCredentials.Name));
        return new Components.GitOps.GitOpsLayer($"{settings.ClusterName}-gitops", new Components.GitOps.GitOpsLayerArgs
        {
            Options = options,
            HighAvailability = settings.Tier != Configuration.PlatformTier.Small && !OneSchedulableNode(settings),
            RedisHardAntiAffinity = SchedulableNodes(settings) >= 3,
            Ingress = ingress,
            ClusterIssuer = WebIssuer(context),
            Metrics = context.Monitoring,
            Alertmanager = notify
                ? (context.Monitoring!.Namespace,
                    $"{Components.Security.SecurityAuditsLayer.AlertmanagerService}.{context.Monitoring.Namespace}.svc:{Components.Security.SecurityAuditsLayer.AlertmanagerPort}")
                : null,
            AlertmanagerReady = notify ? [monitoring!.Release] : [],
            Identity = options.Host is not null && ingress is not null ? context.Identity : null,
            RepositoryCredentials = credentials,
        }, OnCluster(context));
    }

    /// <summary>The nodes workloads can run on: the workers without a NoSchedule or NoExecute taint, or every node when
    /// there are no workers.</summary>
    private static int SchedulableNodes(Configuration.PlatformSettings settings)
    {
        var workers = settings.Nodes.Where(n => n.Role == Components.Cluster.NodeRole.Worker).ToList();
        if (workers.Count == 0) return settings.Nodes.Count;
        return workers.Count(w => !w.Taints.Any(t => t.Effect is Components.Cluster.TaintEffect.NoSchedule or Components.Cluster.TaintEffect.NoExecute));
    }

    /// <summary>The platform namespaces whose pods reach public addresses by design: kube-system (CoreDNS forwards to the
    /// nodes' resolvers), cert-manager (ACME), external-dns (the DNS provider), velero (an external S3 target) and
    /// monitoring (Alertmanager's receivers, Grafana's plugin download), the Trivy operator's (its database, registries'
    /// manifests), Harbor's (the proxy cache, its scanner's database), Argo CD's (Git repositories) and Dex's (the
    /// organisation's identity providers, GitHub or an upstream OIDC provider). Falco raises a public connection from any
    /// other platform namespace.</summary>
    public static IReadOnlySet<string> ReachOutside { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "kube-system", CertificatesLayer.Namespace, ExternalDnsLayer.Namespace, Components.Backup.BackupNamespaces.Velero, MonitoringLayer.Namespace,
        Components.Security.ImageScanningLayer.Namespace, Components.Security.ImageScanningLayer.HarborNamespace,
        Components.GitOps.GitOpsLayer.Namespace,
        AuthenticationLayer.Namespace,
    };

    /// <summary>Falco on every node and Falcosidekick, forwarding to Alertmanager when monitoring is on (after the monitoring
    /// layer's release) and to OpenSearch when logging is on (after <see cref="Components.Observability.LoggingBackend.Ready"/>).
    /// The platform rules watch the platform's namespaces (<see cref="Configuration.PlatformNamespaceNames.Reserved"/>),
    /// the outbound rule those not in <see cref="ReachOutside"/>.</summary>
    private static ComponentResource SecurityAudits(PlatformContext context)
    {
        var settings = context.Settings;
        var platformNamespaces = Configuration.PlatformNamespaceNames.Reserved.Where(n => n != "default").Order(StringComparer.Ordinal).ToList();
        var monitoring = context.Layers.GetValueOrDefault(CapabilityIds.Monitoring) as MonitoringLayer;
        return new Components.Security.SecurityAuditsLayer($"{settings.ClusterName}-security-audits", new Components.Security.SecurityAuditsLayerArgs
        {
            Options = settings.SecurityAudits,
            PlatformNamespaces = platformNamespaces,
            ClusterOnlyNamespaces = [.. platformNamespaces.Where(n => !ReachOutside.Contains(n))],
            // The API endpoint only: the nodes' addresses would change Falco's release (and restart it everywhere) with
            // every node added or removed.
            ClusterAddresses = [.. new[] { settings.ApiEndpoint.Host }.Where(a => Configuration.ConfigSyntax.Ipv4OrNull(a) is not null)],
            Metrics = context.Monitoring,
            AlertmanagerReady = monitoring is null ? [] : [monitoring.Release],
            Logging = context.Logging,
            SidekickReplicas = OneSchedulableNode(settings) ? 1 : 2,
        }, OnCluster(context));
    }

    /// <summary>Prometheus' egress to the metrics of the platform's pods on the host network, which no pod or namespace
    /// selector matches (their target is the node's address): Cilium's agents (9962), operator (9963) and, with Hubble,
    /// its flow metrics (9965); MetalLB's speakers (9120).</summary>
    private static IEnumerable<NetworkAllowance> HostNetworkMetrics(Configuration.PlatformSettings settings)
    {
        var ports = new List<(int Port, string Protocol)>();
        if (settings.Cni.Plugin == CniPlugin.Cilium)
        {
            ports.AddRange([(9962, "TCP"), (9963, "TCP")]);
            if (settings.Cni.Hubble) ports.Add((9965, "TCP"));
        }
        if (settings.LoadBalancer.Provider == LoadBalancerProvider.MetalLb) ports.AddRange(MetalLbValues.MetricsPorts);
        if (ports.Count == 0) yield break;
        yield return new NetworkAllowance { Name = "allow-host-network-metrics", Direction = TrafficDirection.Egress, AnyPeer = true, Ports = ports };
    }

    /// <summary>Gatekeeper and the typed policies of <c>platform:policies</c>. The webhook runs one replica on the small
    /// tier, two on medium and three on enterprise (one where workloads have one node); it fails closed on enterprise
    /// when it has more than one replica, else open (the audit then reports what it missed). kube-system and every
    /// namespace of the platform's (<see cref="Configuration.PlatformNamespaceNames.Reserved"/> but <c>default</c>, where
    /// teams' workloads may go) are exempt.</summary>
    private static ComponentResource PolicyEnforcement(PlatformContext context)
    {
        var settings = context.Settings;
        var replicas = OneSchedulableNode(settings) ? 1 : settings.Tier switch
        {
            Configuration.PlatformTier.Small => 1,
            Configuration.PlatformTier.Medium => 2,
            _ => 3,
        };
        var policies = settings.Policies;
        // The platform's own registry is always allowed: with Harbor on, teams pull through it (its Docker Hub cache too).
        if (policies.AllowedRegistries is { } allowed
            && context.Capabilities.Any(d => d.Id == CapabilityIds.ImageScanning && d.Enabled)
            && settings.ImageScanning is { Registry: Components.Security.Scanning.ImageRegistry.Harbor, Harbor: { } harbor }
            && !allowed.Registries.Contains(harbor.Host, StringComparer.Ordinal))
        {
            policies = policies with { AllowedRegistries = allowed with { Registries = [.. allowed.Registries, harbor.Host] } };
        }
        return new Components.Security.PolicyEnforcementLayer($"{settings.ClusterName}-policy-enforcement", new Components.Security.PolicyEnforcementLayerArgs
        {
            Policies = policies.Enabled,
            ExemptNamespaces = [.. PolicyExemptNamespaces()],
            Replicas = replicas,
            FailClosed = settings.Tier == Configuration.PlatformTier.Enterprise && replicas > 1,
            Metrics = context.Monitoring,
        }, OnCluster(context));
    }

    /// <summary>The namespaces no policy checks: every platform and Kubernetes namespace but <c>default</c>.</summary>
    public static IReadOnlyList<string> PolicyExemptNamespaces() =>
        [.. Configuration.PlatformNamespaceNames.Reserved.Where(n => n != "default").Order(StringComparer.Ordinal)];

    /// <summary>Whether the serviceMesh capability is on.</summary>
    private static bool MeshOn(PlatformContext context) => context.Capabilities.Any(d => d.Id == CapabilityIds.ServiceMesh && d.Enabled);

    /// <summary>The cluster's Gateway API CRDs (<see cref="GatewayApiCrds"/>): registered on the first call, with the
    /// ordering rule of the layers, and the same install returned to every later caller
    /// (<see cref="PlatformContext.GatewayApi"/>), so the cluster has one owner of them whichever layers use them.</summary>
    public static GatewayApiCrds GatewayApi(PlatformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GatewayApi ??= new GatewayApiCrds($"{context.Settings.ClusterName}-gateway-api", OnCluster(context));
    }

    /// <summary>The service mesh: Istio (istiod with one replica on the small tier and where workloads have one node, two
    /// otherwise) or Consul (the tier's server replicas, one where workloads have one node, their volumes on the
    /// platform's StorageClass after the storage layer), both after the cluster's Gateway API CRDs.</summary>
    private static ComponentResource ServiceMesh(PlatformContext context)
    {
        var settings = context.Settings;
        var options = settings.ServiceMesh;
        var one = OneSchedulableNode(settings);
        if (one) options = options with { ConsulServerReplicas = 1 };
        var consul = options.Provider == Components.ServiceMesh.MeshProvider.Consul;
        return new Components.ServiceMesh.ServiceMeshLayer($"{settings.ClusterName}-service-mesh", new Components.ServiceMesh.ServiceMeshLayerArgs
        {
            Options = options,
            GatewayApiReady = GatewayApi(context).Crds,
            IstiodReplicas = one || settings.Tier == Configuration.PlatformTier.Small ? 1 : 2,
            CiliumIsTheCni = settings.Cni.Plugin == CniPlugin.Cilium,
            StorageClass = consul ? context.Storage.ClassName : null,
            StorageReady = consul ? StorageReady(context) : [],
            Metrics = context.Monitoring,
        }, OnCluster(context));
    }

    private static ComponentResource ExternalDns(PlatformContext context)
    {
        var settings = context.Settings;
        var key = Configuration.PlatformConfigKeys.ExternalDnsCredentials;
        var credentials = new Config(Configuration.PlatformConfigKeys.Namespace).GetSecret(key.Name)?.Apply(json =>
        {
            try
            {
                return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json)!.ToImmutableDictionary();
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new RunException($"{key.FullName} is not a JSON object of text values ({e.Message}). Set it with `{key.SetCommand}`.");
            }
        });
        return new ExternalDnsLayer($"{settings.ClusterName}-external-dns", new ExternalDnsLayerArgs
        {
            Options = settings.ExternalDns!,
            ClusterName = settings.ClusterName,
            Credentials = credentials,
            Metrics = context.Monitoring,
        }, OnCluster(context));
    }

    /// <summary>The secret-management capability: with provider sops the sops-secrets-operator and the age key
    /// (<see cref="Components.Secrets.SopsLayer"/>); with vault the Vault or OpenBao servers (one where workloads have one
    /// node), their Raft volumes on the platform's StorageClass after the storage layer, their certificate signed by the
    /// cluster CA, the transit token from <c>platform:secretManagementTransitToken</c>; the layer's
    /// <see cref="Components.Secrets.VaultLayer.Server"/> becomes <see cref="PlatformContext.Vault"/>, on which the External
    /// Secrets Operator (<see cref="Components.Secrets.ExternalSecretsLayer"/>) syncs the teams' and the platform's
    /// secrets.</summary>
    private static ComponentResource SecretManagement(PlatformContext context)
    {
        var settings = context.Settings;
        var options = settings.SecretManagement;
        var name = $"{settings.ClusterName}-secret-management";
        if (options.Provider == Components.Secrets.SecretManagementProvider.Sops)
            return new Components.Secrets.SopsLayer(name, new Components.Secrets.SopsLayerArgs { Options = options.Sops }, OnCluster(context));
        var vault = OneSchedulableNode(settings) ? options.Vault with { Replicas = 1 } : options.Vault;
        var token = vault.Unseal == Components.Secrets.VaultUnsealMode.Transit
            ? new Config(Configuration.PlatformConfigKeys.Namespace).RequireSecret(Configuration.PlatformConfigKeys.SecretManagementTransitToken.Name)
            : null;
        var layer = new Components.Secrets.VaultLayer(name, new Components.Secrets.VaultLayerArgs
        {
            Server = options.Server,
            Options = vault,
            ClusterCa = context.Cluster.Pki.ClusterCa,
            // LayerRequirements refuses the vault provider without a StorageClass before anything is registered.
            StorageClass = context.Storage.ClassName!,
            StorageReady = StorageReady(context),
            ClusterDomain = settings.ClusterDomain,
            TransitToken = token is null ? null : (Input<string>)token,
        }, OnCluster(context));
        context.Vault = layer.Server;
        // The External Secrets Operator syncs the server's paths into Secrets: its Vault configuration Job waits for the
        // server (VaultServer.Ready) and runs only when the server is configurable (SecretManagementWarnings says when not).
        _ = new Components.Secrets.ExternalSecretsLayer($"{settings.ClusterName}-external-secrets", new Components.Secrets.ExternalSecretsLayerArgs
        {
            Vault = layer.Server,
            Tenants = settings.Tenants,
            TenantsReady = [.. context.CoreOnCluster.OfType<Components.Tenancy.TenantNamespace>().Select(t => (Resource)t.Namespace.Namespace)],
            Metrics = context.Monitoring,
        }, OnCluster(context));
        return layer;
    }
}
