using System.Collections.ObjectModel;
using System.Text.Json;
using Platform.Components.Cluster;
using Platform.Components.Cluster.Kubeadm;

namespace Platform.Stacks.Configuration;

/// <summary>Reads the control-plane keys: <c>platform:apiLoadBalancer</c> and <c>platform:hardeningExceptions</c>.</summary>
internal static class ControlPlaneOptionsParser
{
    private const string HardeningExample = """{"auditLog": "collected by the SIEM agent"}""";

    /// <summary>The API endpoint mode: explicit, or derived from the endpoint and the control-plane nodes; checked against both.</summary>
    public static ApiEndpointMode? ReadApiLoadBalancer(
        IPlatformConfigSource source, ApiEndpoint? endpoint, IReadOnlyList<ClusterNode>? nodes, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.ApiLoadBalancer;
        var text = source.Get(key.Name)?.Trim();
        if (endpoint is null || nodes is null)
        {
            return null;
        }

        var controlPlanes = nodes.Where(n => n.Role == NodeRole.ControlPlane).ToList();
        var isNodeAddress = nodes.Any(n => string.Equals(n.Address, endpoint.Host, StringComparison.OrdinalIgnoreCase));
        ApiEndpointMode mode;
        switch (text?.ToLowerInvariant())
        {
            case null or "":
                mode = controlPlanes.Count == 1 && string.Equals(controlPlanes[0].Address, endpoint.Host, StringComparison.OrdinalIgnoreCase)
                    ? ApiEndpointMode.Direct
                    : endpoint.HostAddress is not null ? ApiEndpointMode.KubeVip : ApiEndpointMode.External;
                break;
            case "kube-vip":
                mode = ApiEndpointMode.KubeVip;
                break;
            case "external":
                mode = ApiEndpointMode.External;
                break;
            case "none":
                mode = ApiEndpointMode.Direct;
                break;
            default:
                problems.Add(key.Name, $"'{text}' is not a load balancer mode. Use kube-vip, external or none.");
                return null;
        }

        var before = problems.Count;
        if (mode == ApiEndpointMode.KubeVip && endpoint.HostAddress is null)
        {
            problems.Add(key.Name, $"kube-vip needs an IPv4 address as platform:apiEndpoint, not '{endpoint.Host}'. " +
                "Set platform:apiEndpoint to a free address in the control-plane nodes' network, or use external with a load balancer.");
        }
        else if (mode == ApiEndpointMode.KubeVip && isNodeAddress)
        {
            problems.Add(key.Name, $"kube-vip needs a virtual IP that no node uses, but {endpoint.Host} is a node's address. " +
                "Set platform:apiEndpoint to a free address in the control-plane nodes' network.");
        }
        else if (mode == ApiEndpointMode.KubeVip && endpoint.Port != 6443)
        {
            problems.Add(key.Name, $"kube-vip serves the API on the control-plane nodes' port 6443, so platform:apiEndpoint cannot use port {endpoint.Port}. " +
                "Drop the port from platform:apiEndpoint, or use external with a load balancer that maps it.");
        }

        if (mode == ApiEndpointMode.Direct && controlPlanes.Count != 1)
        {
            problems.Add(key.Name, $"none (no load balancer) works with one control-plane node, not {controlPlanes.Count}: " +
                "clients and joining nodes would depend on a single node. Use kube-vip with a free IPv4 address, or external.");
        }
        else if (mode == ApiEndpointMode.Direct && !string.Equals(controlPlanes[0].Address, endpoint.Host, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(key.Name, $"none (no load balancer) needs platform:apiEndpoint to be the control-plane node's address {controlPlanes[0].Address}, not {endpoint.Host}. " +
                "Set platform:apiEndpoint to it, or use kube-vip or external.");
        }
        else if (mode == ApiEndpointMode.Direct && endpoint.Port != KubeadmConfigRenderer.ApiServerBindPort)
        {
            var chosen = string.IsNullOrEmpty(text)
                ? "none (no load balancer; derived, as platform:apiEndpoint is the only control-plane node's address)"
                : "none (no load balancer)";
            problems.Add(key.Name, $"{chosen} sends clients straight to the node's API server, which listens on port " +
                $"{KubeadmConfigRenderer.ApiServerBindPort}, so platform:apiEndpoint cannot use port {endpoint.Port}. " +
                $"Set platform:apiEndpoint to {endpoint.Host} (port {KubeadmConfigRenderer.ApiServerBindPort}), or set platform:apiLoadBalancer to external " +
                $"with a load balancer that forwards port {endpoint.Port} to port {KubeadmConfigRenderer.ApiServerBindPort} of the node.");
        }

        return problems.Count == before ? mode : null;
    }

    /// <summary>Hardening defaults switched off: switch id to the reason given.</summary>
    public static ReadOnlyDictionary<string, string>? ReadHardeningExceptions(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.HardeningExceptions;
        var exceptions = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = source.Get(key.Name)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return exceptions.AsReadOnly();
        }

        if (!ConfigJson.TryParse(text, key.Name, HardeningExample, problems, out var root))
        {
            return null;
        }

        if (root.ValueKind == JsonValueKind.Null)
        {
            return exceptions.AsReadOnly();
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(key.Name, $"is {ConfigSyntax.Describe(root.ValueKind)}, not a map. Use an object of switch id to the reason, e.g. `{HardeningExample}`.");
            return null;
        }

        var before = problems.Count;
        foreach (var property in ConfigJson.Properties(root, key.Name, problems))
        {
            var path = ConfigSyntax.PathSegment(key.Name, property.Name);
            if (!HardeningSwitches.Ids.Contains(property.Name, StringComparer.Ordinal))
            {
                problems.Add(path, $"'{property.Name}' is not a hardening switch{ConfigSyntax.DidYouMean(property.Name, HardeningSwitches.Ids)}. " +
                    $"Use one of {string.Join(", ", HardeningSwitches.Ids)}.");
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(property.Value.GetString()))
            {
                problems.Add(path, "needs the reason it is switched off, as text (hardening is only given up deliberately), e.g. " +
                    $"`pulumi config set --path '{PlatformConfigKeys.Prefix}{path}' 'collected by the SIEM agent'`.");
                continue;
            }

            exceptions[property.Name] = property.Value.GetString()!.Trim();
        }

        return problems.Count == before ? exceptions.AsReadOnly() : null;
    }
}
