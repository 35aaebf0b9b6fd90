#!/usr/bin/env bash
# Platform: upgrade control-plane node @@NODE@@ to Kubernetes @@KUBERNETES_VERSION@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
K8S_VERSION=@@KUBERNETES_VERSION@@
TARGET="$K8S_VERSION"
node=@@NODE@@
export KUBECONFIG=@@ADMIN_KUBECONFIG@@
@@UPGRADE_CORDON@@
# A run that stopped after the kubelet's upgrade left the node cordoned: finish it before the version guard ends here.
if [ "$(reported_kubelet_version "$node")" = "v$TARGET" ] && [ ! -f @@UPGRADE_MARKER@@ ]; then
  uncordon_after_upgrade "$node"
fi
@@VERSION_GUARD@@
# No reboot while kubeadm upgrades this node's control plane and etcd member, nor while it is drained.
hold_reboot_lock
@@ETCD_SNAPSHOT@@
# None once kubeadm has upgraded this node's API server (it runs the target): a retry then keeps the snapshot from
# before the upgrade instead of rotating it out.
if ! grep -qE "/kube-apiserver:v${TARGET//./[.]}\$" /etc/kubernetes/manifests/kube-apiserver.yaml 2>/dev/null; then
  etcd_snapshot "the upgrade of $node to v$TARGET" "$running-to-v$TARGET" '*Z-v*-to-v*.db' copy
fi
@@APT@@
@@CONTAINERD_SUPPORT@@
@@CONTAINERD_UBUNTU@@
@@KUBERNETES_PACKAGES@@
# A containerd this minor does not support is replaced once the node is drained; a missing candidate fails here,
# before anything changed.
if ! containerd_supported "$(containerd_version)"; then
  apt_get update -q
  check_containerd_candidate
fi
mark_upgrade_under_way
upgrade_packages kubeadm
@@KUBEADM_UPGRADE@@
drain_for_upgrade "$node"
if ! containerd_supported "$(containerd_version)"; then
  install_containerd
fi
configure_containerd
upgrade_packages kubelet kubectl
@@KUBELET_NODE_IP_PIN@@
systemctl daemon-reload
systemctl restart kubelet
rm -f @@UPGRADE_MARKER@@
uncordon_after_upgrade "$node"
@@KUBELET_FILE_PERMISSIONS@@
@@CONTROL_PLANE_CERTIFICATE_PERMISSIONS@@
@@ETCD_DATA_OWNERSHIP@@
