using Platform.Components.Catalog;
using Platform.Components.Networking;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.ServiceMesh;

/// <summary>
/// The service mesh capability. Istio (default): base (CRDs) and istiod in <see cref="IstioNamespace"/> at the
/// restricted Pod Security level, the CNI node agent and, in ambient mode, ztunnel in <see cref="IstioNodeNamespace"/>
/// at privileged, and one mesh-wide <c>PeerAuthentication</c> (STRICT or PERMISSIVE). Consul: the chart with Connect,
/// transparent proxy, ACLs and TLS in <see cref="ConsulNamespace"/>, its CNI plugin in <see cref="ConsulCniNamespace"/>.
/// Namespaces join the mesh through <see cref="MeshMembership"/> (the teams' namespaces carry it); the Gateway API CRDs
/// are the cluster's (<see cref="GatewayApiCrds"/>), which the releases wait for.
/// </summary>
public sealed class ServiceMeshLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:serviceMesh:ServiceMesh";

    /// <summary>Istio's control plane namespace (base, istiod, the mesh-wide policies: Istio's root namespace).</summary>
    public const string IstioNamespace = "istio-system";

    /// <summary>Istio's node agents' namespace (CNI agent, ztunnel), privileged.</summary>
    public const string IstioNodeNamespace = "istio-node";

    /// <summary>Consul's namespace (servers, connect injector, the ACL and TLS bootstrap Secrets).</summary>
    public const string ConsulNamespace = "consul";

    /// <summary>The Consul CNI plugin's namespace, privileged.</summary>
    public const string ConsulCniNamespace = "consul-cni";

    /// <summary>PeerAuthentication's API version (Istio base chart's CRD, <c>security.istio.io</c>).</summary>
    public const string PeerAuthenticationApiVersion = "security.istio.io/v1";

    /// <summary>istiod's webhook port (sidecar injection, config validation), which the API server calls.</summary>
    public const int IstiodWebhookPort = 15017;

    /// <summary>istiod's metrics port (<c>http-monitoring</c>).</summary>
    public const int IstiodMetricsPort = 15014;

    /// <summary>ztunnel's metrics port (<c>/stats/prometheus</c>).</summary>
    public const int ZtunnelMetricsPort = 15020;

    /// <summary>Installs the configured mesh.</summary>
    public ServiceMeshLayer(string name, ServiceMeshLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var problems = args.Options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException($"Service mesh: {string.Join(" ", problems)}", nameof(args));
        Releases = args.Options.Provider == MeshProvider.Istio ? Istio(name, args) : Consul(name, args);
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["provider"] = args.Options.Provider.ToString().ToLowerInvariant(),
            ["namespaces"] = args.Options.Namespaces,
        });
    }

    /// <summary>The releases, in install order (Istio: base, istiod, cni and, in ambient mode, ztunnel; Consul: consul).</summary>
    public IReadOnlyList<Release> Releases { get; }

    /// <summary>The mesh-wide PeerAuthentication (Istio); null with Consul.</summary>
    public Pulumi.Kubernetes.ApiExtensions.CustomResource? PeerAuthentication { get; private set; }

    private List<Release> Istio(string name, ServiceMeshLayerArgs args)
    {
        var mode = args.Options.Mode;
        var child = new ComponentResourceOptions { Parent = this };
        var metrics = args.Metrics;
        var control = new PlatformNamespace($"{name}-istio-namespace", new PlatformNamespaceArgs
        {
            Name = IstioNamespace,
            Enforce = PodSecurityLevel.Restricted,
            Allowances =
            [
                // Sidecars and ztunnel fetch configuration and certificates from every namespace.
                new() { Name = "allow-xds", Direction = TrafficDirection.Ingress, AnyNamespace = true, Ports = [(MeshMembership.IstiodXdsPort, "TCP")] },
                // The API server (on the nodes' addresses) calls the injection and validation webhooks.
                new() { Name = "allow-webhooks", Direction = TrafficDirection.Ingress, AnyPeer = true, Ports = [(IstiodWebhookPort, "TCP")] },
                NetworkAllowance.ToApiServer(),
            ],
            MetricsPorts = metrics is null ? [] : [(IstiodMetricsPort, "TCP")],
        }, child);
        var nodes = new PlatformNamespace($"{name}-istio-node-namespace", new PlatformNamespaceArgs
        {
            Name = IstioNodeNamespace,
            Enforce = PodSecurityLevel.Privileged,
            Allowances =
            [
                new() { Name = "allow-istiod", Direction = TrafficDirection.Egress, Namespace = IstioNamespace, Ports = [(MeshMembership.IstiodXdsPort, "TCP")] },
                NetworkAllowance.ToApiServer(),
            ],
            MetricsPorts = metrics is null || mode != IstioDataplaneMode.Ambient ? [] : [(ZtunnelMetricsPort, "TCP")],
        }, child);

        var baseRelease = HelmInstall.Chart($"{name}-istio-base", HelmCharts.IstioBase, control.NamespaceName, IstioValues.Base(),
            new CustomResourceOptions { Parent = this, DependsOn = new Resource[] { control.Namespace } });
        var istiodAfter = new List<Resource> { baseRelease };
        istiodAfter.AddRange(args.GatewayApiReady);
        var istiod = HelmInstall.Chart($"{name}-istiod", HelmCharts.Istiod, control.NamespaceName, IstioValues.Istiod(mode, args.IstiodReplicas),
            new CustomResourceOptions { Parent = this, DependsOn = istiodAfter.ToArray() });
        var cni = HelmInstall.Chart($"{name}-istio-cni", HelmCharts.IstioCni, nodes.NamespaceName, IstioValues.Cni(mode),
            new CustomResourceOptions { Parent = this, DependsOn = new Resource[] { nodes.Namespace } });
        var releases = new List<Release> { baseRelease, istiod, cni };
        if (mode == IstioDataplaneMode.Ambient)
        {
            // ztunnel becomes ready once istiod serves it its certificates.
            releases.Add(HelmInstall.Chart($"{name}-ztunnel", HelmCharts.Ztunnel, nodes.NamespaceName, IstioValues.Ztunnel(),
                new CustomResourceOptions { Parent = this, DependsOn = new Resource[] { nodes.Namespace, istiod } }));
            if (args.CiliumIsTheCni) AmbientProbes(name);
        }

        // The root namespace's PeerAuthentication named default applies to the whole mesh.
        PeerAuthentication = new Pulumi.Kubernetes.ApiExtensions.CustomResource($"{name}-peer-authentication",
            new CustomObjectArgs(PeerAuthenticationApiVersion, "PeerAuthentication")
            {
                Metadata = new ObjectMetaArgs { Name = "default", Namespace = IstioNamespace },
                Spec = new InputMap<object> { ["mtls"] = Map(("mode", args.Options.Mtls == MeshMtlsMode.Strict ? "STRICT" : "PERMISSIVE")) },
            }, new CustomResourceOptions { Parent = this, DependsOn = new Resource[] { baseRelease, istiod } });

        if (metrics is not null)
        {
            Monitor($"{name}-istiod-service-monitor", "ServiceMonitor", "istiod", IstioNamespace, new InputMap<object>
            {
                ["selector"] = Map(("matchLabels", Map(("app", "istiod")))),
                ["endpoints"] = new object[] { Map(("port", "http-monitoring"), ("interval", "30s")) },
            }, [metrics.CrdsReady, istiod]);
            if (mode == IstioDataplaneMode.Ambient)
            {
                Monitor($"{name}-ztunnel-pod-monitor", "PodMonitor", "ztunnel", IstioNodeNamespace, new InputMap<object>
                {
                    ["selector"] = Map(("matchLabels", Map(("app", "ztunnel")))),
                    ["podMetricsEndpoints"] = new object[] { Map(("port", "ztunnel-stats"), ("path", "/stats/prometheus"), ("interval", "30s")) },
                }, [metrics.CrdsReady, releases[^1]]);
            }
        }
        return releases;
    }

    // Istio's platform prerequisites for Cilium: ambient SNATs the kubelet's probes to 169.254.7.127, which Cilium no
    // longer exempts from policy once a default-deny NetworkPolicy selects the pod (every platform and team namespace).
    private void AmbientProbes(string name) => _ = new Pulumi.Kubernetes.ApiExtensions.CustomResource($"{name}-ambient-probes",
        new CustomObjectArgs("cilium.io/v2", "CiliumClusterwideNetworkPolicy")
        {
            Metadata = new ObjectMetaArgs { Name = "allow-ambient-hostprobes" },
            Spec = new InputMap<object>
            {
                ["description"] = "Allows the kubelet's health probes, SNATed by Istio ambient, into ambient pods",
                ["endpointSelector"] = new Dictionary<string, object>(),
                ["ingress"] = new object[] { Map(("fromCIDR", new object[] { "169.254.7.127/32" })) },
                // A rule with an ingress section puts every endpoint it selects (here: all) into ingress default-deny
                // unless it says otherwise (Cilium's policy rule reference, enableDefaultDeny): this one only adds.
                ["enableDefaultDeny"] = Map(("ingress", false), ("egress", false)),
            },
        }, new CustomResourceOptions { Parent = this });

    private List<Release> Consul(string name, ServiceMeshLayerArgs args)
    {
        var storageClass = args.StorageClass
            ?? throw new ArgumentException("Service mesh: Consul's servers keep their data in volumes; give a StorageClass.", nameof(args));
        var child = new ComponentResourceOptions { Parent = this };
        var metrics = args.Metrics;
        // The servers, the injector and the bootstrap Jobs pass baseline; restricted would need seccomp and capability
        // settings on every container of the chart, which its values do not all expose.
        var ns = new PlatformNamespace($"{name}-consul-namespace", new PlatformNamespaceArgs
        {
            Name = ConsulNamespace,
            Enforce = PodSecurityLevel.Baseline,
            Allowances =
            [
                // Servers talk to each other (RPC 8300, Serf 8301-8302) and to the injector and Jobs beside them.
                new() { Name = "allow-in-namespace-in", Direction = TrafficDirection.Ingress, Namespace = ConsulNamespace },
                new() { Name = "allow-in-namespace-out", Direction = TrafficDirection.Egress, Namespace = ConsulNamespace },
                // consul-dataplane beside every meshed pod reaches the servers' API and gRPC ports.
                new() { Name = "allow-dataplanes", Direction = TrafficDirection.Ingress, AnyNamespace = true, Ports = MeshMembership.ConsulServerPorts },
                // The API server calls the connect injector's webhook (port 8080 of its pods).
                new() { Name = "allow-webhooks", Direction = TrafficDirection.Ingress, AnyPeer = true, Ports = [(8080, "TCP")] },
                NetworkAllowance.ToApiServer(),
            ],
        }, child);
        var cniNs = new PlatformNamespace($"{name}-consul-cni-namespace", new PlatformNamespaceArgs
        {
            Name = ConsulCniNamespace,
            Enforce = PodSecurityLevel.Privileged,
            Allowances = [NetworkAllowance.ToApiServer()],
        }, child);
        var after = new List<Resource> { ns.Namespace, cniNs.Namespace };
        after.AddRange(args.GatewayApiReady);
        after.AddRange(args.StorageReady);
        var release = HelmInstall.Chart($"{name}-consul", HelmCharts.Consul, ns.NamespaceName,
            ConsulValues.Render(args.Options, storageClass, metrics is not null),
            new CustomResourceOptions { Parent = this, DependsOn = after.ToArray() });
        return [release];
    }

    private void Monitor(string resourceName, string kind, string objectName, string ns, InputMap<object> spec, Resource[] after)
        => _ = new Pulumi.Kubernetes.ApiExtensions.CustomResource(resourceName, new CustomObjectArgs("monitoring.coreos.com/v1", kind)
        {
            Metadata = new ObjectMetaArgs { Name = objectName, Namespace = ns },
            Spec = spec,
        }, new CustomResourceOptions { Parent = this, DependsOn = after });
}
