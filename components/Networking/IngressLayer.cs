using Platform.Components.Catalog;
using Platform.Components.Networking.Ingress;
using Platform.Components.Networking.LoadBalancing;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace Platform.Components.Networking;

/// <summary>
/// The ingress capability: bare-metal load balancing (MetalLB, or Cilium's LB IPAM with L2 announcements, from the
/// configured address pools) and the ingress controllers, each in its own platform namespace with its IngressClass,
/// exactly one the default. Choosing the retired ingress-nginx logs a warning and lists it in <see cref="Warnings"/>.
/// </summary>
public sealed class IngressLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:networking:IngressLayer";

    /// <summary>Installs load balancing and the controllers.</summary>
    public IngressLayer(string name, IngressLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var problems = args.Ingress.Validate().Concat(args.LoadBalancer.Validate(args.CiliumIsTheCni, args.CiliumReplacesKubeProxy)).ToList();
        if (problems.Count > 0)
            throw new ArgumentException($"Ingress: {string.Join(" ", problems)}", nameof(args));

        var addressesReady = InstallLoadBalancing(name, args);
        var releases = new List<Release>();
        foreach (var controller in args.Ingress.Controllers)
            releases.Add(InstallController(name, controller, addressesReady, args.Metrics));
        Releases = releases;
        Warnings = args.Ingress.Warnings();
        foreach (var warning in Warnings)
            Log.Warn(warning, this);

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["classes"] = args.Ingress.Controllers.Select(c => c.ClassName).ToList(),
            ["warnings"] = Warnings.ToList(),
        });
    }

    /// <summary>The controllers' Helm releases, in configuration order.</summary>
    public IReadOnlyList<Release> Releases { get; }

    /// <summary>What the person running the stack should know (e.g. that ingress-nginx is retired).</summary>
    public IReadOnlyList<string> Warnings { get; }

    private List<Resource> InstallLoadBalancing(string name, IngressLayerArgs args)
    {
        var options = args.LoadBalancer;
        var ready = new List<Resource>();
        if (options.Provider == LoadBalancerProvider.MetalLb)
        {
            var ns = new PlatformNamespace($"{name}-metallb-system", new PlatformNamespaceArgs
            {
                Name = MetalLbValues.Namespace,
                // The speaker answers ARP on the host network with NET_RAW.
                Enforce = PodSecurityLevel.Privileged,
                Allowances =
                [
                    new NetworkAllowance { Name = "allow-webhook-and-memberlist", Direction = TrafficDirection.Ingress, AnyPeer = true,
                        Ports = [(9443, "TCP"), (7946, "TCP"), (7946, "UDP")] },
                    // The controller only talks to the API server; the speakers run on the host network, which
                    // NetworkPolicy does not govern.
                    NetworkAllowance.ToApiServer(),
                ],
                MetricsPorts = MetalLbValues.MetricsPorts,
            }, new ComponentResourceOptions { Parent = this });
            var release = HelmInstall.Chart($"{name}-metallb", HelmCharts.MetalLb, ns.NamespaceName,
                args.Metrics is null ? MetalLbValues.Render() : HelmValues.Merge(MetalLbValues.Render(), MetalLbValues.Monitoring()),
                new CustomResourceOptions { Parent = this, DependsOn = args.Metrics is null ? [] : [args.Metrics.CrdsReady] });
            foreach (var pool in options.Pools)
            {
                ready.Add(Object($"{name}-pool-{pool.Name}", MetalLbResources.ApiVersion, MetalLbResources.PoolKind, pool.Name,
                    ns.NamespaceName, MetalLbResources.IPAddressPoolSpec(pool), release));
            }
            ready.Add(Object($"{name}-l2-advertisement", MetalLbResources.ApiVersion, MetalLbResources.L2Kind, "platform",
                ns.NamespaceName, MetalLbResources.L2AdvertisementSpec(options.Pools), release));
        }
        else if (options.Provider == LoadBalancerProvider.CiliumL2)
        {
            foreach (var pool in options.Pools)
            {
                ready.Add(Object($"{name}-pool-{pool.Name}", CiliumLoadBalancerResources.PoolApiVersion, CiliumLoadBalancerResources.PoolKind,
                    pool.Name, null, CiliumLoadBalancerResources.PoolSpec(pool), null));
            }
            ready.Add(Object($"{name}-l2-announcements", CiliumLoadBalancerResources.L2PolicyApiVersion, CiliumLoadBalancerResources.L2PolicyKind,
                "platform", null, CiliumLoadBalancerResources.L2PolicySpec(), null));
        }
        return ready;
    }

    private Release InstallController(string name, IngressControllerSpec controller, IReadOnlyList<Resource> addressesReady, Observability.MetricsScraping? metrics)
    {
        var ns = new PlatformNamespace($"{name}-{controller.EffectiveClassName}", new PlatformNamespaceArgs
        {
            Name = IngressControllerCharts.Namespace(controller.Kind),
            // Host ports are outside the baseline Pod Security level.
            Enforce = controller.Exposure == IngressExposure.HostPort ? PodSecurityLevel.Privileged : PodSecurityLevel.Baseline,
            Allowances =
            [
                new NetworkAllowance { Name = "allow-web-traffic", Direction = TrafficDirection.Ingress, AnyPeer = true,
                    Ports = IngressPorts.For(controller.Kind) },
                // A controller proxies to backends in every namespace, on whatever ports they serve (so no port list);
                // backends outside the cluster's pods (ExternalName Services, host-network pods) are not reachable.
                new NetworkAllowance { Name = "allow-backends", Direction = TrafficDirection.Egress, AnyNamespace = true },
                NetworkAllowance.ToApiServer(),
            ],
            MetricsPorts = IngressPorts.Metrics(controller.Kind),
        }, new ComponentResourceOptions { Parent = this });
        var options = new CustomResourceOptions { Parent = this };
        var after = addressesReady.ToList();
        var chart = IngressControllerCharts.For(controller.Kind);
        if (chart.CrdChart is { } crdChart)
        {
            // A chart that ships no CRDs (Emissary): its CRD chart goes first, into the same namespace. Vendored CRDs
            // (Traefik) are resources HelmInstall registers before the release itself.
            after.Add(HelmInstall.Chart($"{name}-{controller.EffectiveClassName}-crds", crdChart, ns.NamespaceName,
                IngressControllerCharts.CrdChartValues(controller.Kind), new CustomResourceOptions { Parent = this }));
        }
        if (metrics != null) after.Add(metrics.CrdsReady);
        if (after.Count > 0) options.DependsOn = after.ToArray();
        var values = metrics is null ? IngressValues.Render(controller) : HelmValues.Merge(IngressValues.Render(controller), IngressValues.Monitoring(controller.Kind));
        return HelmInstall.Chart($"{name}-{controller.EffectiveClassName}", chart, ns.NamespaceName, values, options);
    }

    private Pulumi.Kubernetes.ApiExtensions.CustomResource Object(string resourceName, string apiVersion, string kind, string objectName,
        Input<string>? ns, IReadOnlyDictionary<string, object> spec, Resource? after)
    {
        var options = new CustomResourceOptions { Parent = this };
        if (after != null) options.DependsOn = new[] { after };
        return new Pulumi.Kubernetes.ApiExtensions.CustomResource(resourceName, new CustomObjectArgs(apiVersion, kind)
        {
            Metadata = new ObjectMetaArgs { Name = objectName, Namespace = ns! },
            Spec = spec.ToDictionary(kv => kv.Key, kv => kv.Value),
        }, options);
    }
}
