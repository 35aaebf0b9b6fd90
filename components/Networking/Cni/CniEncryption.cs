namespace Platform.Components.Networking.Cni;

/// <summary>What the CNI encrypts between nodes, always with WireGuard (UDP 51871 for Cilium, 51820 for Calico must be
/// open between nodes).</summary>
public enum CniEncryption
{
    /// <summary>No transparent encryption.</summary>
    None,

    /// <summary>Traffic between pods on different nodes. Cilium and Calico.</summary>
    PodTraffic,

    /// <summary>Pod traffic and node-to-node, pod-to-node and node-to-pod traffic. Cilium only (its node encryption;
    /// control-plane nodes opt out of the node part so workers can always reach the API to publish new keys).</summary>
    AllTraffic,
}
