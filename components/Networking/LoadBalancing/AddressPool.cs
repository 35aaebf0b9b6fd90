namespace Platform.Components.Networking.LoadBalancing;

/// <summary>A named pool of IPv4 addresses that LoadBalancer Services may get.</summary>
public sealed record AddressPool
{
    /// <summary>The pool's name, a DNS-1123 label; also the name of the pool object in the cluster. Required.</summary>
    public required string Name { get; init; }

    /// <summary>The pool's addresses: each a CIDR such as <c>192.0.2.0/28</c> (written as its network address) or an
    /// inclusive range such as <c>192.0.2.10-192.0.2.20</c>. At least one is required; they must not overlap each
    /// other or another pool.</summary>
    public required IReadOnlyList<string> Addresses { get; init; }
}
