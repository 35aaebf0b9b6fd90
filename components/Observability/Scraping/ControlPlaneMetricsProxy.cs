using Platform.Components.Networking;
using Pulumi;
using Pulumi.Kubernetes.Apps.V1;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Rbac.V1;
using Pulumi.Kubernetes.Types.Inputs.Apps.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Rbac.V1;
using Pulumi.Tls;
using Pulumi.Tls.Inputs;

namespace Platform.Components.Observability.Scraping;

/// <summary>
/// Serves the metrics of the control plane's loopback-bound endpoints (controller manager, scheduler, etcd) and of
/// kube-proxy to Prometheus without binding any of them elsewhere: a DaemonSet on the control-plane nodes and, where
/// kube-proxy runs, one on every node, in <see cref="MetricsProxyIdentity.Namespace"/> on the host network, each
/// container a kube-rbac-proxy (<see cref="MetricsProxyArguments"/>) on the node's address and its own port
/// (<see cref="MetricsUpstreams"/>). Prometheus verifies the proxies' serving certificate (signed by the cluster CA, for
/// <see cref="MetricsProxyIdentity.ServerName"/>) and is authenticated by TokenReview and authorised by
/// SubjectAccessReview; the proxies' ServiceAccount may create those reviews and nothing else, and their client
/// certificate's user may only <c>get /metrics</c>. kube-prometheus-stack's own Services and ServiceMonitors scrape the
/// control-plane proxies (<see cref="ControlPlaneScrapeValues"/>); this component adds the Services and ServiceMonitors
/// of the node proxies (kube-proxy, whose chart ServiceMonitor cannot name the TLS server, and Calico's Felix).
/// </summary>
public sealed class ControlPlaneMetricsProxy : ComponentResource, Cluster.Certificates.IStateCertificates
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:observability:ControlPlaneMetricsProxy";

    /// <summary>The name of the ServiceAccount, the DaemonSets' prefix and the RBAC objects' suffix.</summary>
    public const string Name = "metrics-proxy";

    /// <summary>The Secret holding the serving certificate.</summary>
    public const string ServingSecret = "metrics-proxy-serving";

    /// <summary>The pod-template annotation holding the SHA-256 of the proxies' serving and client certificates: a
    /// renewal changes it and rolls the DaemonSets (kube-rbac-proxy reads its client certificate only at start).</summary>
    public const string CertificatesAnnotation = "platform/certificates-sha256";

    /// <summary>The Secret holding the client certificate.</summary>
    public const string ClientSecret = "metrics-proxy-client";

    /// <summary>The port name every scrape uses (kube-prometheus-stack's <c>http-metrics</c>).</summary>
    public const string PortName = "http-metrics";

    private static readonly string[] ServerUses = ["server_auth", "digital_signature", "key_encipherment"];
    private static readonly string[] ClientUses = ["client_auth", "digital_signature", "key_encipherment"];

    /// <summary>The control-plane metrics proxies.</summary>
    public ControlPlaneMetricsProxy(string name, ControlPlaneMetricsProxyArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var child = new CustomResourceOptions { Parent = this };
        const string ns = MetricsProxyIdentity.Namespace;

        var serving = Certificate($"{name}-serving", ServingSecret, args, new CertRequestArgs
        {
            Subject = new CertRequestSubjectArgs { CommonName = MetricsProxyIdentity.ServerName },
            DnsNames = { MetricsProxyIdentity.ServerName },
        }, ServerUses);
        SecretObjects.Create(this, $"{name}-serving", ServingSecret, ns, "kubernetes.io/tls", TlsData(serving));
        var client = Certificate($"{name}-client", ClientSecret, args, new CertRequestArgs
        {
            Subject = new CertRequestSubjectArgs { CommonName = MetricsProxyIdentity.UpstreamUser },
        }, ClientUses);
        SecretObjects.Create(this, $"{name}-client", ClientSecret, ns, "kubernetes.io/tls", TlsData(client));
        CertificateExpiries = Cluster.Certificates.CertificateExpiry.InState(expiries);

        _ = new ServiceAccount($"{name}-service-account", new ServiceAccountArgs
        {
            Metadata = new ObjectMetaArgs { Name = Name, Namespace = ns },
        }, child);
        // The reviews kube-rbac-proxy asks the API server for, and nothing else.
        var reviews = new ClusterRole($"{name}-reviews", new ClusterRoleArgs
        {
            Metadata = new ObjectMetaArgs { Name = $"platform:{Name}-reviews" },
            Rules =
            {
                new PolicyRuleArgs { ApiGroups = { "authentication.k8s.io" }, Resources = { "tokenreviews" }, Verbs = { "create" } },
                new PolicyRuleArgs { ApiGroups = { "authorization.k8s.io" }, Resources = { "subjectaccessreviews" }, Verbs = { "create" } },
            },
        }, child);
        _ = new ClusterRoleBinding($"{name}-reviews", new ClusterRoleBindingArgs
        {
            Metadata = new ObjectMetaArgs { Name = $"platform:{Name}-reviews" },
            RoleRef = new RoleRefArgs { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = reviews.Metadata.Apply(m => m.Name) },
            Subjects = { new SubjectArgs { Kind = "ServiceAccount", Name = Name, Namespace = ns } },
        }, child);
        // What the controller manager and the scheduler let the client certificate's user do: read their metrics.
        var upstream = new ClusterRole($"{name}-upstream", new ClusterRoleArgs
        {
            Metadata = new ObjectMetaArgs { Name = $"platform:{Name}-upstream" },
            Rules = { new PolicyRuleArgs { NonResourceURLs = { MetricsProxyArguments.MetricsPath }, Verbs = { "get" } } },
        }, child);
        _ = new ClusterRoleBinding($"{name}-upstream", new ClusterRoleBindingArgs
        {
            Metadata = new ObjectMetaArgs { Name = $"platform:{Name}-upstream" },
            RoleRef = new RoleRefArgs { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = upstream.Metadata.Apply(m => m.Name) },
            Subjects = { new SubjectArgs { Kind = "User", ApiGroup = "rbac.authorization.k8s.io", Name = MetricsProxyIdentity.UpstreamUser } },
        }, child);

        // kube-rbac-proxy reads its upstream client certificate once, at start: a renewed certificate (a new digest in
        // the pod template) rolls the proxies.
        var certificates = Output.Tuple(serving.Item1, client.Item1).Apply(pems =>
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(pems.Item1 + pems.Item2))));
        ControlPlane = DaemonSet($"{name}-control-plane", $"control-plane-{Name}", MetricsProxyIdentity.ControlPlaneApp,
            [MetricsUpstreams.ControllerManager, MetricsUpstreams.Scheduler, MetricsUpstreams.Etcd],
            new Dictionary<string, string> { ["node-role.kubernetes.io/control-plane"] = "" }, certificates, child);

        var nodeUpstreams = new List<MetricsUpstream>();
        if (args.KubeProxy) nodeUpstreams.Add(MetricsUpstreams.KubeProxy);
        if (args.CalicoFelix) nodeUpstreams.Add(MetricsUpstreams.CalicoFelix);
        if (nodeUpstreams.Count > 0)
        {
            Nodes = DaemonSet($"{name}-nodes", $"node-{Name}", MetricsProxyIdentity.NodeApp, nodeUpstreams, null, certificates, child);
            foreach (var nodeUpstream in nodeUpstreams)
                NodeMonitor(name, nodeUpstream, args.Metrics);
        }

        RegisterOutputs(new Dictionary<string, object?> { ["namespace"] = ns, ["nodeUpstreams"] = nodeUpstreams.Select(u => u.Name).ToArray() });
    }

    /// <summary>The DaemonSet on the control-plane nodes (controller manager, scheduler, etcd).</summary>
    public DaemonSet ControlPlane { get; }

    /// <summary>The DaemonSet on every node (kube-proxy, Calico's Felix); null where neither runs.</summary>
    public DaemonSet? Nodes { get; }

    /// <summary>The proxies' serving and client certificates (named by their Secrets), renewed by a <c>pulumi up</c> in
    /// their early-renewal window; the proxies read them from the Secrets' mounted files.</summary>
    public Output<IReadOnlyList<Cluster.Certificates.CertificateExpiry>> CertificateExpiries { get; }

    /// <summary>The name of the scrape Service and ServiceMonitor of the node upstream <paramref name="upstream"/>.</summary>
    public static string MonitorName(MetricsUpstream upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        return $"{upstream.Name}-metrics";
    }

    /// <summary>A node upstream's scrape endpoint: HTTPS, the proxies' certificate verified against the cluster CA for
    /// their server name, Prometheus' token presented (kube-prometheus-stack's kube-proxy ServiceMonitor cannot name the
    /// server, so the platform writes its own).</summary>
    public static IReadOnlyDictionary<string, object> NodeEndpoint() => new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["port"] = PortName,
        ["scheme"] = "https",
        ["bearerTokenFile"] = ControlPlaneScrapeValues.ServiceAccountToken,
        ["tlsConfig"] = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["caFile"] = ControlPlaneScrapeValues.ServiceAccountCa,
            ["serverName"] = MetricsProxyIdentity.ServerName,
            ["insecureSkipVerify"] = false,
        },
    };

    // The headless Service selecting the node proxies on the upstream's port, and its ServiceMonitor; the job label is
    // the upstream's name (kube-prometheus-stack's kube-proxy rules and dashboards select job="kube-proxy").
    private void NodeMonitor(string name, MetricsUpstream upstream, MetricsScraping metrics)
    {
        const string ns = MetricsProxyIdentity.Namespace;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app.kubernetes.io/name"] = MetricsProxyIdentity.NodeApp,
            ["app.kubernetes.io/managed-by"] = "platform",
            ["jobLabel"] = upstream.Name,
        };
        _ = new Service($"{name}-{upstream.Name}", new ServiceArgs
        {
            Metadata = new ObjectMetaArgs { Name = MonitorName(upstream), Namespace = ns, Labels = labels },
            Spec = new ServiceSpecArgs
            {
                ClusterIP = "None",
                Selector = MetricsProxyIdentity.Labels(MetricsProxyIdentity.NodeApp).ToDictionary(kv => kv.Key, kv => kv.Value),
                Ports = { new ServicePortArgs { Name = PortName, Port = upstream.ListenPort, TargetPort = upstream.ListenPort, Protocol = "TCP" } },
            },
        }, new CustomResourceOptions { Parent = this });
        _ = new Pulumi.Kubernetes.ApiExtensions.CustomResource($"{name}-{upstream.Name}", new CustomObjectArgs("monitoring.coreos.com/v1", "ServiceMonitor")
        {
            Metadata = new ObjectMetaArgs { Name = MonitorName(upstream), Namespace = ns },
            Spec = new InputMap<object>
            {
                { "jobLabel", "jobLabel" },
                { "selector", new Dictionary<string, object> { ["matchLabels"] = labels.ToDictionary(kv => kv.Key, kv => (object)kv.Value) } },
                { "namespaceSelector", new Dictionary<string, object> { ["matchNames"] = new object[] { ns } } },
                { "endpoints", new object[] { NodeEndpoint() } },
            },
        }, new CustomResourceOptions { Parent = this, DependsOn = { metrics.CrdsReady } });
    }

    private readonly List<(string, Output<string>, bool)> expiries = [];

    private (Output<string> Cert, Output<string> Key) Certificate(string name, string secretName, ControlPlaneMetricsProxyArgs args, CertRequestArgs request, string[] uses)
    {
        var child = new CustomResourceOptions { Parent = this };
        var key = new PrivateKey($"{name}-key", new PrivateKeyArgs { Algorithm = "ECDSA", EcdsaCurve = "P256" }, child);
        request.PrivateKeyPem = key.PrivateKeyPem;
        var csr = new CertRequest($"{name}-csr", request, child);
        var cert = new LocallySignedCert($"{name}-cert", new LocallySignedCertArgs
        {
            CertRequestPem = csr.CertRequestPem,
            CaCertPem = args.ClusterCa.CertPem,
            CaPrivateKeyPem = args.ClusterCa.KeyPem,
            ValidityPeriodHours = args.CertificateValidityHours,
            EarlyRenewalHours = args.CertificateEarlyRenewalHours,
            AllowedUses = uses,
        }, child);
        expiries.Add((secretName, cert.ValidityEndTime, true));
        return (cert.CertPem, Output.CreateSecret(key.PrivateKeyPem));
    }

    private static InputMap<string> TlsData((Output<string> Cert, Output<string> Key) pair) => new()
    {
        { "tls.crt", pair.Cert },
        { "tls.key", pair.Key },
    };

    private DaemonSet DaemonSet(string resourceName, string daemonSetName, string app, IReadOnlyList<MetricsUpstream> upstreams,
        Dictionary<string, string>? nodeSelector, Output<string> certificates, CustomResourceOptions options)
    {
        var labels = MetricsProxyIdentity.Labels(app).ToDictionary(kv => kv.Key, kv => kv.Value);
        var pod = new PodSpecArgs
        {
            HostNetwork = true,
            // On the host network, cluster DNS only with this policy (kube-rbac-proxy reaches the API by the Service address).
            DnsPolicy = "ClusterFirstWithHostNet",
            ServiceAccountName = Name,
            PriorityClassName = "system-node-critical",
            // Every node it belongs on, whatever its taints, as kube-proxy and the CNI agents.
            Tolerations = { new TolerationArgs { Operator = "Exists" } },
            SecurityContext = RestrictedSecurityContext.PodArgs(65532, 65532),
            Containers = upstreams.Select(Container).ToArray(),
            Volumes =
            {
                new VolumeArgs { Name = "serving", Secret = new SecretVolumeSourceArgs { SecretName = ServingSecret } },
                new VolumeArgs { Name = "client", Secret = new SecretVolumeSourceArgs { SecretName = ClientSecret } },
                new VolumeArgs
                {
                    Name = "cluster-ca",
                    ConfigMap = new ConfigMapVolumeSourceArgs { Name = "kube-root-ca.crt", Items = { new KeyToPathArgs { Key = "ca.crt", Path = "ca.crt" } } },
                },
            },
        };
        if (nodeSelector != null) pod.NodeSelector = nodeSelector;
        return new DaemonSet(resourceName, new DaemonSetArgs
        {
            Metadata = new ObjectMetaArgs { Name = daemonSetName, Namespace = MetricsProxyIdentity.Namespace, Labels = labels },
            Spec = new DaemonSetSpecArgs
            {
                Selector = new LabelSelectorArgs { MatchLabels = labels },
                Template = new PodTemplateSpecArgs
                {
                    Metadata = new ObjectMetaArgs { Labels = labels, Annotations = { { CertificatesAnnotation, certificates } } },
                    Spec = pod,
                },
            },
        }, options);
    }

    private static ContainerArgs Container(MetricsUpstream upstream)
    {
        var mounts = new List<VolumeMountArgs> { new() { Name = "serving", MountPath = MetricsProxyArguments.ServingDir, ReadOnly = true } };
        if (upstream.Tls)
        {
            mounts.Add(new VolumeMountArgs { Name = "client", MountPath = MetricsProxyArguments.ClientDir, ReadOnly = true });
            mounts.Add(new VolumeMountArgs { Name = "cluster-ca", MountPath = MetricsProxyArguments.ClusterCaDir, ReadOnly = true });
        }
        return new ContainerArgs
        {
            Name = upstream.Name,
            Image = ObservabilityImages.KubeRbacProxy,
            Args = MetricsProxyArguments.For(upstream).ToArray(),
            Env =
            {
                new EnvVarArgs
                {
                    Name = MetricsProxyArguments.NodeIpVariable,
                    ValueFrom = new EnvVarSourceArgs { FieldRef = new ObjectFieldSelectorArgs { FieldPath = "status.hostIP" } },
                },
            },
            Ports = { new ContainerPortArgs { Name = upstream.Name, ContainerPortValue = upstream.ListenPort, Protocol = "TCP" } },
            ReadinessProbe = new ProbeArgs { TcpSocket = new TCPSocketActionArgs { Port = upstream.ListenPort }, PeriodSeconds = 10 },
            Resources = new ResourceRequirementsArgs
            {
                Requests = { { "cpu", "10m" }, { "memory", "20Mi" } },
                Limits = { { "memory", "64Mi" } },
            },
            SecurityContext = RestrictedSecurityContext.ContainerArgs(),
            VolumeMounts = mounts,
        };
    }
}
