using static Platform.Components.Networking.Ingress.ValuesTree;

namespace Platform.Components.Networking.LoadBalancing;

/// <summary>Cilium LB IPAM with L2 announcements: the custom resource specs that hand out and announce LoadBalancer
/// addresses, and the extra Cilium Helm values the feature needs. For the pinned Cilium 1.20 line.</summary>
/// <remarks><c>CiliumLoadBalancerIPPool</c> is <c>cilium.io/v2</c> (its deprecated <c>v2alpha1</c> version is no
/// longer served by Cilium 1.20) while <c>CiliumL2AnnouncementPolicy</c> exists only as <c>cilium.io/v2alpha1</c>, so
/// the two kinds have different API versions and no version serves both. Both are cluster-scoped. The Cilium operator
/// registers both CRDs when it starts; the chart ships none.</remarks>
public static class CiliumLoadBalancerResources
{
    /// <summary>The API version of <see cref="PoolKind"/>.</summary>
    public const string PoolApiVersion = "cilium.io/v2";

    /// <summary>The API version of <see cref="L2PolicyKind"/>.</summary>
    public const string L2PolicyApiVersion = "cilium.io/v2alpha1";

    /// <summary>The kind of an LB IPAM address pool.</summary>
    public const string PoolKind = "CiliumLoadBalancerIPPool";

    /// <summary>The kind of the policy that announces addresses over L2 (ARP).</summary>
    public const string L2PolicyKind = "CiliumL2AnnouncementPolicy";

    /// <summary>The spec of the <see cref="PoolKind"/> object named after <paramref name="pool"/>: one block per
    /// address, <c>cidr</c> for a CIDR and <c>start</c>/<c>stop</c> for a range. The addresses must be valid (see
    /// <see cref="LoadBalancerOptions.Validate"/>).</summary>
    /// <exception cref="ArgumentException">An address is neither an IPv4 CIDR nor a range.</exception>
    public static IReadOnlyDictionary<string, object> PoolSpec(AddressPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var blocks = new List<object>();
        foreach (var text in pool.Addresses)
        {
            if (!Ipv4Block.TryParse(text, out var block, out var error))
                throw new ArgumentException($"pool '{pool.Name}': address '{text}' {error}", nameof(pool));
            var dash = text.IndexOf('-', StringComparison.Ordinal);
            blocks.Add(block.IsCidr
                ? Map(("cidr", text))
                : Map(("start", text[..dash]), ("stop", text[(dash + 1)..])));
        }

        return Map(("blocks", blocks.ToArray()));
    }

    /// <summary>The spec of one <see cref="L2PolicyKind"/> object announcing every LoadBalancer address (not
    /// externalIPs) from every node, on all interfaces.</summary>
    public static IReadOnlyDictionary<string, object> L2PolicySpec() => Map(
        ("loadBalancerIPs", true),
        ("externalIPs", false));

    /// <summary>The Cilium Helm values L2 announcements need, for the lead to merge into the Cilium values: the
    /// feature switch, and a higher Kubernetes client rate limit for the agent, whose per-Service leader-election
    /// leases are renewed through the API server (Cilium's documentation asks to raise the default 10 qps / 20 burst
    /// with the number of announced Services). <c>externalIPs.enabled</c> stays untouched: only LoadBalancer addresses
    /// are announced. Kube-proxy replacement must be on as well (see <see cref="LoadBalancerOptions.Validate"/>).</summary>
    public static IReadOnlyDictionary<string, object> CiliumValuesOverlay() => Map(
        ("l2announcements", Map(("enabled", true))),
        ("k8sClientRateLimit", Map(("qps", 20), ("burst", 40))));
}
