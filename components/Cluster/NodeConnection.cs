using Pulumi;
using Pulumi.Command.Remote.Inputs;

namespace Platform.Components.Cluster;

/// <summary>The SSH connection to a node, through its bastion when it has one.</summary>
public static class NodeConnection
{
    /// <summary>Failed dials tolerated before a command fails (a host may still be booting): 30.</summary>
    public const int DialErrorLimit = 30;

    /// <summary>Seconds one dial may take: 30.</summary>
    public const int PerDialTimeout = 30;

    /// <summary>The connection to <paramref name="node"/> with <paramref name="privateKey"/> (kept secret).</summary>
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
        if (node.Bastion is { } bastion)
        {
            connection.Proxy = new ProxyConnectionArgs
            {
                Host = bastion.Host,
                Port = bastion.Port,
                User = bastion.User,
                PrivateKey = key,
                DialErrorLimit = DialErrorLimit,
                PerDialTimeout = PerDialTimeout,
            };
        }
        return connection;
    }
}
