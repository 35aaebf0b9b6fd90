using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Platform.Components.Networking.Cni;

/// <summary>Facts about the cluster the CNI values are rendered for; they come from the cluster configuration, not from
/// the user's CNI choices.</summary>
public sealed partial record CniClusterFacts
{
    /// <summary>The cluster's name. Cilium records it as <c>cluster.name</c>, which must be at most 32 lower-case
    /// letters, digits and dashes, starting and ending with a letter or digit. Required.</summary>
    public required string ClusterName { get; init; }

    /// <summary>The IPv4 pod CIDR, the same one kubeadm is given (e.g. <c>10.244.0.0/16</c>). Required.</summary>
    public required string PodCidr { get; init; }

    /// <summary>The host (IPv4 address or DNS name) of the API endpoint every node can reach, e.g. the kube-vip address.
    /// Required.</summary>
    public required string ApiServerHost { get; init; }

    /// <summary>The API endpoint's port. Default 6443.</summary>
    public int ApiServerPort { get; init; } = 6443;

    /// <summary>The problems with these facts for <paramref name="plugin"/>, each a sentence naming the field and the
    /// fix; empty when valid.</summary>
    /// <param name="plugin">The plugin the facts are used for: Cilium carves a /24 per node out of the pod CIDR and
    /// restricts the cluster name; Calico allocates /26 blocks.</param>
    public IReadOnlyList<string> Validate(CniPlugin plugin)
    {
        var problems = new List<string>();

        if (plugin == CniPlugin.Cilium && (ClusterName is null || !CiliumClusterName().IsMatch(ClusterName)))
            problems.Add(Invariant($"clusterName '{ClusterName}' is not a valid Cilium cluster name. Use at most 32 lower-case letters, digits and dashes, starting and ending with a letter or digit."));

        var (maxPrefix, unit) = plugin == CniPlugin.Cilium ? (CiliumNodeMaskSize, "per-node /24") : (CalicoBlockSize, "/26 IPAM block");
        if (!TryParseIpv4Network(PodCidr, out var network))
            problems.Add(Invariant($"podCidr '{PodCidr}' is not an IPv4 CIDR with no host bits set. Use a network such as 10.244.0.0/16."));
        else if (network.PrefixLength > maxPrefix)
            problems.Add(Invariant($"podCidr {PodCidr} is smaller than one {unit}. Use a prefix of /{maxPrefix} or shorter, e.g. /16."));

        if (string.IsNullOrWhiteSpace(ApiServerHost))
            problems.Add("apiServerHost is empty. Set it to the API endpoint's address or DNS name.");
        if (ApiServerPort is < 1 or > 65535)
            problems.Add(Invariant($"apiServerPort {ApiServerPort} is not a TCP port. Use 1-65535 (6443 is the default)."));

        return problems;
    }

    /// <summary>The prefix of the pod CIDR slice the Cilium operator gives each node.</summary>
    internal const int CiliumNodeMaskSize = 24;

    /// <summary>The prefix of the IPAM blocks Calico hands to nodes.</summary>
    internal const int CalicoBlockSize = 26;

    // IPNetwork.TryParse tolerates host bits, so the address must also equal the network's base address.
    private static bool TryParseIpv4Network(string? text, out IPNetwork network)
    {
        network = default;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash > 0
            && IPAddress.TryParse(text.AsSpan(0, slash), out var address)
            && address.AddressFamily == AddressFamily.InterNetwork
            && IPNetwork.TryParse(text, out network)
            && network.BaseAddress.Equals(address);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex CiliumClusterName();
}
