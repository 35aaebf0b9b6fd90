namespace Platform.Components.Networking;

/// <summary>
/// Traffic a platform namespace allows through its default-deny policy: one direction, to or from one kind of peer,
/// on some ports. Exactly one of <see cref="Namespace"/>, <see cref="AnyNamespace"/>, <see cref="Cidr"/> or
/// <see cref="AnyPeer"/> names the peer.
/// </summary>
public sealed record NetworkAllowance
{
    /// <summary>A short name for the policy, a DNS-1123 label unique in the namespace, e.g. <c>allow-webhooks</c>. Required.</summary>
    public required string Name { get; init; }

    /// <summary>Whether the traffic comes in to the namespace's pods or goes out of them. Required.</summary>
    public required TrafficDirection Direction { get; init; }

    /// <summary>The peer namespace (by its <c>kubernetes.io/metadata.name</c> label); null when another peer is named.</summary>
    public string? Namespace { get; init; }

    /// <summary>Labels that select the peer pods inside <see cref="Namespace"/>; empty means every pod there.</summary>
    public IReadOnlyDictionary<string, string> PodLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>Every pod of the cluster, in any namespace (e.g. an ingress controller's backends). Default false.</summary>
    public bool AnyNamespace { get; init; }

    /// <summary>An IPv4 range of the peer (outside the cluster, e.g. the API server or a DNS server); null otherwise.</summary>
    public string? Cidr { get; init; }

    /// <summary>Any peer at all (e.g. an ingress controller's traffic from the internet). Default false.</summary>
    public bool AnyPeer { get; init; }

    /// <summary>The ports, as (port, protocol); empty (with no <see cref="PortRanges"/>) means every port.</summary>
    public IReadOnlyList<(int Port, string Protocol)> Ports { get; init; } = [];

    /// <summary>Port ranges, as (first, last, protocol), both ends included (NetworkPolicy <c>endPort</c>), beside
    /// <see cref="Ports"/>: e.g. Ceph's daemon ports 6800-7300. Default none.</summary>
    public IReadOnlyList<(int First, int Last, string Protocol)> PortRanges { get; init; } = [];

    /// <summary>The ports a pod reaches the API server on: 443, the <c>kubernetes</c> Service, and 6443, where every
    /// control-plane node's API server listens (NetworkPolicy sees the node port once the Service address is translated).</summary>
    public static IReadOnlyList<(int Port, string Protocol)> ApiServerPorts { get; } = [(443, "TCP"), (6443, "TCP")];

    /// <summary>Egress to the API server, on its ports only, to any address: the API server's addresses are the
    /// control-plane nodes', which Cilium's NetworkPolicy does not match by IP block (it gives nodes their own identity),
    /// so a port is the narrowest rule that holds with both CNIs.</summary>
    public static NetworkAllowance ToApiServer(string name = "allow-api-server") => new()
    {
        Name = name,
        Direction = TrafficDirection.Egress,
        AnyPeer = true,
        Ports = ApiServerPorts,
    };

    /// <summary>Why the allowance is wrong, or null when it is fine.</summary>
    public string? Problem()
    {
        var peers = (Namespace is null ? 0 : 1) + (AnyNamespace ? 1 : 0) + (Cidr is null ? 0 : 1) + (AnyPeer ? 1 : 0);
        if (peers != 1)
            return $"allowance '{Name}' must name exactly one peer (a namespace, every namespace, a CIDR or any), not {peers}";
        if (Ports.Any(p => p.Port is < 1 or > 65535 || p.Protocol is not ("TCP" or "UDP" or "SCTP")))
            return $"allowance '{Name}' has a port outside 1-65535 or a protocol other than TCP, UDP or SCTP";
        if (PortRanges.Any(r => r.First is < 1 or > 65535 || r.Last < r.First || r.Last > 65535 || r.Protocol is not ("TCP" or "UDP" or "SCTP")))
            return $"allowance '{Name}' has a port range that is not first <= last within 1-65535, or a protocol other than TCP, UDP or SCTP";
        return null;
    }
}
