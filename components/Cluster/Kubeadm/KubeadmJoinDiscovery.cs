namespace Platform.Components.Cluster.Kubeadm;

/// <summary>How a joining node finds and trusts the cluster: kubeadm's bootstrap-token discovery.</summary>
public sealed record KubeadmJoinDiscovery
{
    /// <summary>The API endpoint to join through, <c>host:port</c>.</summary>
    public required string ApiServerEndpoint { get; init; }

    /// <summary>The bootstrap token, <c>[a-z0-9]{6}.[a-z0-9]{16}</c>, e.g. <c>abcdef.0123456789abcdef</c>.</summary>
    public required string Token { get; init; }

    /// <summary>The pin of the cluster CA's public key, <c>sha256:</c> and 64 lower-case hex digits.</summary>
    public required string CaCertHash { get; init; }
}
