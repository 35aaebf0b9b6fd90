using static Platform.Components.Networking.Ingress.ValuesTree;

namespace Platform.Components.Networking.LoadBalancing;

/// <summary>Specs of the MetalLB custom resources that turn address pools into announced LoadBalancer addresses, for
/// objects created (in <see cref="MetalLbValues.Namespace"/>) after the MetalLB release has installed its CRDs.</summary>
public static class MetalLbResources
{
    /// <summary>The API version of both kinds.</summary>
    public const string ApiVersion = "metallb.io/v1beta1";

    /// <summary>The kind of an address pool.</summary>
    public const string PoolKind = "IPAddressPool";

    /// <summary>The kind of the object that announces pools over L2 (ARP/NDP).</summary>
    public const string L2Kind = "L2Advertisement";

    /// <summary>The spec of the <see cref="PoolKind"/> object named after <paramref name="pool"/>: its addresses
    /// (CIDRs and ranges as MetalLB accepts them), handed out automatically.</summary>
    public static IReadOnlyDictionary<string, object> IPAddressPoolSpec(AddressPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return Map(
            ("addresses", pool.Addresses.Cast<object>().ToArray()),
            ("autoAssign", true));
    }

    /// <summary>The spec of one <see cref="L2Kind"/> object announcing every pool in <paramref name="pools"/>, from all
    /// nodes that run a speaker.</summary>
    public static IReadOnlyDictionary<string, object> L2AdvertisementSpec(IEnumerable<AddressPool> pools)
    {
        ArgumentNullException.ThrowIfNull(pools);
        return Map(("ipAddressPools", pools.Select(pool => (object)pool.Name).ToArray()));
    }
}
