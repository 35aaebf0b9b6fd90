# The SHA-256 of a kubeadm configuration's cluster-wide documents (ClusterConfiguration and KubeletConfiguration, not
# the node's own documents nor the bootstrap token), without the Kubernetes version, which only upgrades change: what
# the cluster's kubeadm-config and kubelet-config ConfigMaps were uploaded from, recorded on kubeadm-config.
configuration_digest() {
  awk '/^---$/ { if (keep) printf "%s", doc; doc = ""; keep = 0; next }
    /^kubernetesVersion:/ { next }
    { doc = doc $0 "\n" }
    /^kind: (ClusterConfiguration|KubeletConfiguration)$/ { keep = 1 }
    END { if (keep) printf "%s", doc }' "$1" | sha256sum | cut -d' ' -f1
}
