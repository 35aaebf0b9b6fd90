# The kubeadm configuration at the version the cluster's own kubeadm-config names, for kubeadm's upload-config and
# addon phases: the Service proxy may change while an upgrade is still to come, and neither kubeadm-config nor
# kube-proxy may get ahead of it (kubeadm upgrade apply moves both on). kubeadm upgrade apply on this node holds the
# same lock: the version is read and used under it (take_kubeadm_lock ... release_kubeadm_lock), so the two never
# overlap, and no wait for a roll-out holds it.
running_config=@@KUBEADM_CONFIG@@.running
trap 'rm -f "$running_config"' EXIT
take_kubeadm_lock() {
  exec 8>/run/platform-kubeadm.lock
  flock 8
}
release_kubeadm_lock() {
  flock -u 8
  exec 8>&-
}
write_running_config() {
  running="$(kubectl -n kube-system get configmap kubeadm-config -o jsonpath='{.data.ClusterConfiguration}' | sed -n 's/^kubernetesVersion: *\(v[0-9][^ ]*\) *$/\1/p')"
  if [ -z "$running" ]; then
    echo "could not read the cluster's Kubernetes version (kubeadm-config's ClusterConfiguration in kube-system)" >&2
    exit 1
  fi
  (umask 077 && sed "s/^kubernetesVersion: .*/kubernetesVersion: $running/" @@KUBEADM_CONFIG@@ >"$running_config")
}
