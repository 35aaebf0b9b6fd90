namespace Platform.Components.Networking.Cni;

/// <summary>The CNI plugin that networks the cluster's pods. Both enforce Kubernetes NetworkPolicy.</summary>
public enum CniPlugin
{
    /// <summary>Cilium (eBPF), the default: can replace kube-proxy, encrypt all traffic with WireGuard and run Hubble.</summary>
    Cilium,

    /// <summary>Calico through the Tigera operator: WireGuard covers pod-to-pod traffic only; kube-proxy stays.</summary>
    Calico,
}
