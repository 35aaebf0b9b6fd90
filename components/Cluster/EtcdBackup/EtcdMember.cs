namespace Platform.Components.Cluster.EtcdBackup;

/// <summary>One member of the cluster's stacked etcd, as a restore gives it to <c>etcdutl snapshot restore</c>: kubeadm
/// names the member after its node and advertises <c>https://&lt;address&gt;:2380</c> to its peers.</summary>
/// <param name="Name">The control-plane node's name.</param>
/// <param name="Address">The node's advertise address (its inventory address).</param>
public sealed record EtcdMember(string Name, string Address)
{
    /// <summary>The member's peer URL.</summary>
    public string PeerUrl => Address.Contains(':', StringComparison.Ordinal)
        ? $"https://[{Address}]:{Scripts.NodeScripts.EtcdPeerPort}"
        : $"https://{Address}:{Scripts.NodeScripts.EtcdPeerPort}";
}
