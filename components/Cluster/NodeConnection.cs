using Pulumi;
using Pulumi.Command.Remote.Inputs;

namespace Platform.Components.Cluster;

/// <summary>The SSH connection to a node, through its bastion when it has one. A node's or bastion's
/// <see cref="ClusterNode.HostKey"/> / <see cref="SshBastion.HostKey"/> is pinned (Pulumi.Command's <c>hostKey</c>);
/// without one the provider accepts any host key.</summary>
public static class NodeConnection
{
    /// <summary>Failed dials tolerated before a command fails (a host may still be booting): 30.</summary>
    public const int DialErrorLimit = 30;

    /// <summary>Seconds one dial may take: 30.</summary>
    public const int PerDialTimeout = 30;

    /// <summary>The connection to <paramref name="node"/> with <paramref name="privateKey"/> (kept secret).</summary>
    /// <exception cref="ArgumentException">The node's or its bastion's host key is not one that can be pinned.</exception>
    public static ConnectionArgs For(ClusterNode node, Input<string> privateKey)
    {
        ArgumentNullException.ThrowIfNull(node);
        var key = Output.CreateSecret(privateKey.ToOutput());
        var connection = new ConnectionArgs
        {
            Host = node.Address,
            Port = node.SshPort,
            User = node.SshUser,
            PrivateKey = key,
            DialErrorLimit = DialErrorLimit,
            PerDialTimeout = PerDialTimeout,
        };
        if (node.HostKey is { } hostKey)
            connection.HostKey = Pinned(hostKey, $"node {node.Name}");
        if (node.Bastion is { } bastion)
        {
            var proxy = new ProxyConnectionArgs
            {
                Host = bastion.Host,
                Port = bastion.Port,
                User = bastion.User,
                PrivateKey = key,
                DialErrorLimit = DialErrorLimit,
                PerDialTimeout = PerDialTimeout,
            };
            if (bastion.HostKey is { } bastionKey)
                proxy.HostKey = Pinned(bastionKey, $"bastion {bastion.Host} of node {node.Name}");
            connection.Proxy = proxy;
        }
        return connection;
    }

    /// <summary>The host key in the provider's form (<c>type base64</c>).</summary>
    private static string Pinned(string hostKey, string owner) =>
        SshHostKey.TryParse(hostKey, out var parsed, out var problem)
            ? parsed.ToString()
            : throw new ArgumentException($"The host key of {owner} {problem}", nameof(hostKey));
}
