# The kubeadm configuration at the version the control plane runs now, for kubeadm's upload-config and addon phases:
# the Service proxy may change while an upgrade is still to come, and neither the cluster's kubeadm-config nor
# kube-proxy may get ahead of the API servers (the upgrade moves both on).
running_config=@@KUBEADM_CONFIG@@.running
trap 'rm -f "$running_config"' EXIT
write_running_config() {
  running="$(kubectl get --raw /version | sed -n 's/.*"gitVersion": *"\(v[0-9][^"]*\)".*/\1/p')"
  if [ -z "$running" ]; then
    echo "could not read the API server's version (kubectl get --raw /version)" >&2
    exit 1
  fi
  (umask 077 && sed "s/^kubernetesVersion: .*/kubernetesVersion: $running/" @@KUBEADM_CONFIG@@ >"$running_config")
}
