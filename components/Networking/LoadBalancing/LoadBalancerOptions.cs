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
                    problems.Add($"loadBalancer: provider none hands out no addresses, so the pools ({string.Join(", ", Pools.Select(pool => $"'{pool.Name}'"))}) would be unused: choose metalLb or ciliumL2, or remove the pools");
                return problems;
            case LoadBalancerProvider.MetalLb:
                break;
            case LoadBalancerProvider.CiliumL2:
                if (!ciliumIsTheCni)
                    problems.Add("loadBalancer: provider ciliumL2 needs Cilium as the CNI; with Calico use metalLb");
                else if (!ciliumReplacesKubeProxy)
                    problems.Add("loadBalancer: provider ciliumL2 needs Cilium's kube-proxy replacement, which is off; turn it on or use metalLb");
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

    private static string ProviderName(LoadBalancerProvider provider) => provider switch
    {
        LoadBalancerProvider.MetalLb => "metalLb",
        LoadBalancerProvider.CiliumL2 => "ciliumL2",
        _ => "none",
    };

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();
}
