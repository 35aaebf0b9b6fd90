using System.Text.Json;
using Platform.Components.Networking.Ingress;
using Platform.Components.Networking.LoadBalancing;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:ingress</c> (the controllers) and <c>platform:loadBalancer</c> (what hands out addresses).</summary>
internal static class IngressOptionsParser
{
    private const string IngressExample = """{"controllers": [{"kind": "traefik", "default": true}, {"kind": "contour"}]}""";
    private const string LoadBalancerExample = """{"provider": "metallb", "pools": [{"name": "default", "addresses": ["192.168.10.200-192.168.10.220"]}]}""";

    private static readonly Dictionary<string, IngressControllerKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["traefik"] = IngressControllerKind.Traefik,
        ["ingress-nginx"] = IngressControllerKind.IngressNginx,
        ["contour"] = IngressControllerKind.Contour,
        ["haproxy"] = IngressControllerKind.HAProxy,
        ["emissary"] = IngressControllerKind.Emissary,
    };

    private static readonly Dictionary<string, IngressExposure> Exposures = new(StringComparer.OrdinalIgnoreCase)
    {
        ["loadBalancer"] = IngressExposure.LoadBalancer,
        ["nodePort"] = IngressExposure.NodePort,
        ["hostPort"] = IngressExposure.HostPort,
    };

    private static readonly Dictionary<string, LoadBalancerProvider> Providers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = LoadBalancerProvider.None,
        ["metallb"] = LoadBalancerProvider.MetalLb,
        ["cilium-l2"] = LoadBalancerProvider.CiliumL2,
    };

    /// <summary>The load balancing; none (NodePort or host ports) when unset.</summary>
    public static LoadBalancerOptions? ReadLoadBalancer(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.LoadBalancer;
        if (!TryObject(source, key, LoadBalancerExample, problems, out var root, out var unset))
            return null;
        if (unset)
            return new LoadBalancerOptions { Provider = LoadBalancerProvider.None };

        var before = problems.Count;
        var options = new LoadBalancerOptions { Provider = LoadBalancerProvider.None };
        foreach (var property in ConfigJson.Properties(root, key.Name, problems))
        {
            var path = ConfigSyntax.PathSegment(key.Name, property.Name);
            switch (property.Name)
            {
                case "provider":
                    if (ConfigJson.Choice(property.Value, Providers, path, problems) is { } provider) options = options with { Provider = provider };
                    break;
                case "pools":
                    if (ReadPools(property.Value, path, problems) is { } pools) options = options with { Pools = pools };
                    break;
                default:
                    problems.Add(path, $"'{property.Name}' is not a load-balancer setting{ConfigSyntax.DidYouMean(property.Name, ["provider", "pools"])}. Use provider and pools.");
                    break;
            }
        }
        return problems.Count == before ? options : null;
    }

    /// <summary>
    /// Records a problem for every pool address that takes addresses the cluster or its hosts already use: the pod range,
    /// the Service range, a node's IPv4 address or the API endpoint's IPv4 address. Each names its key
    /// (<c>loadBalancer.pools[i].addresses[j]</c>), the pool, what it overlaps and the fix. Pools overlapping each other
    /// are reported by <see cref="LoadBalancerOptions.Validate"/>. Any argument may be null when its key was invalid.
    /// </summary>
    public static void CheckPoolsAreFree(LoadBalancerOptions loadBalancer, Ipv4Cidr? podCidr, Ipv4Cidr? serviceCidr,
        IReadOnlyList<Platform.Components.Cluster.ClusterNode>? nodes, ApiEndpoint? apiEndpoint, ProblemCollector problems)
    {
        if (loadBalancer.Provider == LoadBalancerProvider.None)
            return;
        var key = PlatformConfigKeys.LoadBalancer.Name;
        const string splitFix = "Leave that address out of the pool, e.g. split the range around it.";

        void Check(string range, string overlap, string fix)
        {
            foreach (var (pool, address) in loadBalancer.AddressesOverlapping(range))
            {
                var text = loadBalancer.Pools[pool].Addresses[address];
                problems.Add($"{key}.pools[{pool}].addresses[{address}]", $"'{text}' (pool '{loadBalancer.Pools[pool].Name}') {overlap}. {fix}");
            }
        }

        if (podCidr is not null)
            Check(podCidr.ToString(), $"overlaps platform:{PlatformConfigKeys.PodCidr.Name} {podCidr}, the cluster's pod addresses: traffic to a LoadBalancer address there would be routed to pods",
                $"Use a free range of the nodes' network outside platform:{PlatformConfigKeys.PodCidr.Name} and platform:{PlatformConfigKeys.ServiceCidr.Name}, or choose another platform:{PlatformConfigKeys.PodCidr.Name}.");
        if (serviceCidr is not null)
            Check(serviceCidr.ToString(), $"overlaps platform:{PlatformConfigKeys.ServiceCidr.Name} {serviceCidr}, the cluster's Service addresses: a LoadBalancer address there would collide with Service cluster IPs",
                $"Use a free range of the nodes' network outside platform:{PlatformConfigKeys.PodCidr.Name} and platform:{PlatformConfigKeys.ServiceCidr.Name}, or choose another platform:{PlatformConfigKeys.ServiceCidr.Name}.");

        var nodeAddresses = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (nodes?.Count ?? 0); i++)
        {
            if (ConfigSyntax.Ipv4OrNull(nodes![i].Address) is not { } address)
                continue;
            nodeAddresses.Add(address.ToString());
            var node = nodes[i].Name;
            Check(address.ToString(), $"holds {address}, the address of node {node} (platform:{PlatformConfigKeys.Nodes.Name}[{i}].address): a Service would take over the node's own address", splitFix);
        }

        if (apiEndpoint?.HostAddress is { } api && !nodeAddresses.Contains(api.ToString()))
            Check(api.ToString(), $"holds {api}, the API endpoint (platform:{PlatformConfigKeys.ApiEndpoint.Name}, e.g. kube-vip's virtual IP or your load balancer): a Service would take over the Kubernetes API's address", splitFix);
    }

    /// <summary>The ingress controllers; Traefik as the default class when unset. Its exposure follows the load balancing.</summary>
    public static IngressOptions? ReadIngress(IPlatformConfigSource source, LoadBalancerOptions? loadBalancer, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Ingress;
        var defaultExposure = loadBalancer?.Provider is null or LoadBalancerProvider.None ? IngressExposure.NodePort : IngressExposure.LoadBalancer;
        if (!TryObject(source, key, IngressExample, problems, out var root, out var unset))
            return null;
        IngressOptions options;
        if (unset)
        {
            options = new IngressOptions
            {
                Controllers = [new IngressControllerSpec { Kind = IngressControllerKind.Traefik, Default = true, Exposure = defaultExposure }],
            };
        }
        else
        {
            var before = problems.Count;
            var controllers = new List<IngressControllerSpec>();
            foreach (var property in ConfigJson.Properties(root, key.Name, problems))
            {
                var path = ConfigSyntax.PathSegment(key.Name, property.Name);
                if (property.Name != "controllers")
                {
                    problems.Add(path, $"'{property.Name}' is not an ingress setting{ConfigSyntax.DidYouMean(property.Name, ["controllers"])}. Use controllers, e.g. `{IngressExample}`.");
                    continue;
                }
                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    problems.Add(path, $"is {ConfigSyntax.Describe(property.Value.ValueKind)}, not a list. Use e.g. `{IngressExample}`.");
                    continue;
                }
                var index = 0;
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (ReadController(item, $"{path}[{index++}]", defaultExposure, problems) is { } controller) controllers.Add(controller);
                }
            }
            if (problems.Count != before)
                return null;
            options = new IngressOptions { Controllers = controllers };
        }

        var checks = problems.Count;
        foreach (var problem in options.Validate())
            problems.Add(key.Name, problem);
        for (var i = 0; i < options.Controllers.Count; i++)
        {
            if (options.Controllers[i].Exposure == IngressExposure.LoadBalancer && loadBalancer?.Provider == LoadBalancerProvider.None)
            {
                problems.Add(
                    $"{key.Name}.controllers[{i}].exposure",
                    "loadBalancer needs something that hands out LoadBalancer addresses on bare metal, and platform:loadBalancer is none. " +
                    $"Configure it (e.g. `{LoadBalancerExample}`) or use nodePort or hostPort.");
            }
        }
        return problems.Count == checks ? options : null;
    }

    private static IngressControllerSpec? ReadController(JsonElement item, string path, IngressExposure defaultExposure, ProblemCollector problems)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, $"is {ConfigSyntax.Describe(item.ValueKind)}, not an object. Use e.g. {{\"kind\": \"traefik\", \"default\": true}}.");
            return null;
        }
        var before = problems.Count;
        IngressControllerKind? kind = null;
        var spec = new IngressControllerSpec { Kind = IngressControllerKind.Traefik, Exposure = defaultExposure };
        foreach (var property in ConfigJson.Properties(item, path, problems))
        {
            var field = ConfigSyntax.PathSegment(path, property.Name);
            switch (property.Name)
            {
                case "kind":
                    kind = ConfigJson.Choice(property.Value, Kinds, field, problems);
                    break;
                case "className":
                    if (property.Value.ValueKind == JsonValueKind.String) spec = spec with { ClassName = property.Value.GetString() };
                    else problems.Add(field, "is not text. Use a DNS-1123 name such as traefik.");
                    break;
                case "default":
                    if (property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False) spec = spec with { Default = property.Value.GetBoolean() };
                    else problems.Add(field, "is not a boolean. Use true or false without quotes.");
                    break;
                case "replicas":
                    if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var replicas)) spec = spec with { Replicas = replicas };
                    else problems.Add(field, "is not a whole number. Use e.g. 2.");
                    break;
                case "exposure":
                    if (ConfigJson.Choice(property.Value, Exposures, field, problems) is { } exposure) spec = spec with { Exposure = exposure };
                    break;
                default:
                    problems.Add(field, $"'{property.Name}' is not a controller setting{ConfigSyntax.DidYouMean(property.Name, ["kind", "className", "default", "replicas", "exposure"])}. Use kind, className, default, replicas or exposure.");
                    break;
            }
        }
        if (kind is null && problems.Count == before)
            problems.Add(path, $"needs a kind: one of {string.Join(", ", Kinds.Keys)}.");
        return problems.Count == before ? spec with { Kind = kind!.Value } : null;
    }

    private static List<AddressPool>? ReadPools(JsonElement value, string path, ProblemCollector problems)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            problems.Add(path, $"is {ConfigSyntax.Describe(value.ValueKind)}, not a list. Use e.g. [{{\"name\": \"default\", \"addresses\": [\"192.168.10.200-192.168.10.220\"]}}].");
            return null;
        }
        var before = problems.Count;
        var pools = new List<AddressPool>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("addresses", out var addresses) || addresses.ValueKind != JsonValueKind.Array
                || addresses.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.String)
                || item.EnumerateObject().Any(p => p.Name is not ("name" or "addresses")))
            {
                problems.Add(itemPath, "must be {\"name\": text, \"addresses\": [CIDR or range, ...]} and nothing else, e.g. {\"name\": \"default\", \"addresses\": [\"192.168.10.200-192.168.10.220\"]}.");
                continue;
            }
            pools.Add(new AddressPool { Name = name.GetString()!, Addresses = addresses.EnumerateArray().Select(a => a.GetString()!).ToList() });
        }
        return problems.Count == before ? pools : null;
    }

    private static bool TryObject(IPlatformConfigSource source, PlatformConfigKey key, string example, ProblemCollector problems,
        out JsonElement root, out bool unset)
    {
        root = default;
        var text = source.Get(key.Name)?.Trim();
        unset = string.IsNullOrEmpty(text);
        if (unset)
            return true;
        if (!ConfigJson.TryParse(text!, key.Name, example, problems, out root))
            return false;
        if (root.ValueKind == JsonValueKind.Object)
            return true;
        problems.Add(key.Name, $"is {ConfigSyntax.Describe(root.ValueKind)}, not an object. Use e.g. `{example}`.");
        return false;
    }
}
