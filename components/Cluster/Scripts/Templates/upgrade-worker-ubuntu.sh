#!/usr/bin/env bash
# Platform: upgrade this worker to Kubernetes @@KUBERNETES_VERSION@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
K8S_VERSION=@@KUBERNETES_VERSION@@
TARGET="$K8S_VERSION"
node=@@NODE@@
@@VERSION_GUARD@@
@@APT@@
@@CONTAINERD_SUPPORT@@
@@CONTAINERD_UBUNTU@@
@@KUBERNETES_PACKAGES@@
mark_upgrade_under_way
# The worker is drained (its drain step): containerd first, where this minor does not support the running one.
if ! containerd_supported "$(containerd_version)"; then
  apt_get update -q
  install_containerd
fi
configure_containerd
upgrade_packages kubeadm
kubeadm upgrade node
upgrade_packages kubelet kubectl
@@KUBELET_NODE_IP_PIN@@
systemctl daemon-reload
systemctl restart kubelet
rm -f @@UPGRADE_MARKER@@
@@KUBELET_FILE_PERMISSIONS@@
