using System.Text.RegularExpressions;

namespace Platform.Components.Networking.LoadBalancing;

/// <summary>How LoadBalancer Services get addresses on bare metal: the provider and its address pools.</summary>
public sealed partial record LoadBalancerOptions
{
    /// <summary>The provider. Default <see cref="LoadBalancerProvider.MetalLb"/>, which works with either CNI.</summary>
    public LoadBalancerProvider Provider { get; init; } = LoadBalancerProvider.MetalLb;

    /// <summary>The address pools the provider hands out from. Default none; MetalLB and Cilium L2 need at least one,
    /// <see cref="LoadBalancerProvider.None"/> takes none.</summary>
    public IReadOnlyList<AddressPool> Pools { get; init; } = [];

    /// <summary>Every problem with these options, each naming the pool or address and what is wrong; empty when they
    /// are valid.</summary>
    /// <param name="ciliumIsTheCni">Whether the cluster's CNI is Cilium (Cilium L2 announcements need it).</param>
    /// <param name="ciliumReplacesKubeProxy">Whether Cilium runs with kube-proxy replacement, which Cilium's L2
    /// announcements require. Ignored unless the provider is <see cref="LoadBalancerProvider.CiliumL2"/>.</param>
    public IReadOnlyList<string> Validate(bool ciliumIsTheCni, bool ciliumReplacesKubeProxy = true)
    {
        var problems = new List<string>();
        switch (Provider)
        {
            case LoadBalancerProvider.None:
                if (Pools.Count > 0)
                    problems.Add($"loadBalancer: provider none hands out no addresses, so the pools ({string.Join(", ", Pools.Select(pool => $"'{pool.Name}'"))}) would be unused: choose metallb or cilium-l2, or remove the pools");
                return problems;
            case LoadBalancerProvider.MetalLb:
                break;
            case LoadBalancerProvider.CiliumL2:
                if (!ciliumIsTheCni)
                    problems.Add("loadBalancer: provider cilium-l2 needs Cilium as the CNI; with Calico use metallb");
                else if (!ciliumReplacesKubeProxy)
                    problems.Add("loadBalancer: provider cilium-l2 needs Cilium's kube-proxy replacement, which is off; turn it on (platform:cni kubeProxyReplacement) or use metallb");
                break;
            default:
                problems.Add($"loadBalancer: unknown provider {(int)Provider}");
                return problems;
        }

        if (Pools.Count == 0)
            problems.Add($"loadBalancer: provider {ProviderName(Provider)} needs at least one address pool");

        var blocks = new List<(string Pool, string Text, Ipv4Block Block)>();
        foreach (var pool in Pools)
        {
            if (pool.Name is null || !Dns1123Label().IsMatch(pool.Name))
                problems.Add($"loadBalancer.pools: name '{pool.Name}' is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)");
            if (pool.Addresses is null || pool.Addresses.Count == 0)
            {
                problems.Add($"loadBalancer.pools['{pool.Name}']: needs at least one address (CIDR or range)");
                continue;
            }

            foreach (var text in pool.Addresses)
            {
                if (Ipv4Block.TryParse(text, out var block, out var error))
                    blocks.Add((pool.Name!, text, block));
                else
                    problems.Add($"loadBalancer.pools['{pool.Name}']: address '{text}' {error}");
            }
        }

        foreach (var name in Pools.GroupBy(pool => pool.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            problems.Add($"loadBalancer.pools: name '{name}' is used by more than one pool");

        for (var i = 0; i < blocks.Count; i++)
        {
            for (var j = i + 1; j < blocks.Count; j++)
            {
                if (!blocks[i].Block.Overlaps(blocks[j].Block))
                    continue;
                problems.Add(blocks[i].Pool == blocks[j].Pool
                    ? $"loadBalancer.pools['{blocks[i].Pool}']: addresses '{blocks[i].Text}' and '{blocks[j].Text}' overlap"
                    : $"loadBalancer.pools: pools '{blocks[i].Pool}' and '{blocks[j].Pool}' overlap ('{blocks[i].Text}' and '{blocks[j].Text}'); an address must belong to one pool");
            }
        }

        return problems;
    }

    /// <summary>
    /// The pool addresses that share at least one address with <paramref name="range"/>, each as the index of its pool
    /// in <see cref="Pools"/> and of the address in that pool's <see cref="AddressPool.Addresses"/>, in that order.
    /// Addresses that are not a CIDR or a range are skipped (<see cref="Validate"/> reports them). The stack uses it to
    /// keep the pools out of the ranges the cluster and its hosts already use: the pod and Service ranges, the nodes'
    /// addresses and the API endpoint.
    /// </summary>
    /// <param name="range">An IPv4 CIDR (<c>10.96.0.0/12</c>), an inclusive range (<c>192.0.2.10-192.0.2.20</c>) or a single
    /// IPv4 address (<c>192.0.2.10</c>).</param>
    /// <returns>The overlapping addresses; empty when none overlaps.</returns>
    /// <exception cref="ArgumentException"><paramref name="range"/> is none of these.</exception>
    public IReadOnlyList<(int Pool, int Address)> AddressesOverlapping(string range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var single = !range.Contains('/', StringComparison.Ordinal) && !range.Contains('-', StringComparison.Ordinal);
        if (!Ipv4Block.TryParse(single ? range + "/32" : range, out var taken, out var error))
            throw new ArgumentException($"'{range}' {error}.", nameof(range));

        var overlapping = new List<(int Pool, int Address)>();
        for (var pool = 0; pool < Pools.Count; pool++)
        {
            var addresses = Pools[pool].Addresses ?? [];
            for (var address = 0; address < addresses.Count; address++)
            {
                if (Ipv4Block.TryParse(addresses[address], out var block, out _) && block.Overlaps(taken))
                    overlapping.Add((pool, address));
            }
        }
        return overlapping;
    }

    private static string ProviderName(LoadBalancerProvider provider) => provider switch
    {
        LoadBalancerProvider.MetalLb => "metallb",
        LoadBalancerProvider.CiliumL2 => "cilium-l2",
        _ => "none",
    };

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();
}
