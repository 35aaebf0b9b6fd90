#!/usr/bin/env bash
# Platform: prepare a @@OS_NAME@@ host for Kubernetes @@KUBERNETES_VERSION@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
K8S_VERSION=@@KUBERNETES_VERSION@@
@@KERNEL_SETTINGS@@
@@KERNEL_BTF_CHECK@@
@@KUBELET_NODE_IP_CHECK@@
@@APT@@
if ! dpkg -s conntrack socat curl gpg ca-certificates >/dev/null 2>&1; then
  apt_get update -q
  apt_get install -y -q conntrack socat curl gpg ca-certificates
fi
@@CONTAINERD_SUPPORT@@
@@CONTAINERD_UBUNTU@@
# The runtime of a host that is not in the cluster yet is set up here; a member's runtime changes only in its
# upgrade step, drained.
if [ ! -f /etc/kubernetes/kubelet.conf ]; then
  if ! dpkg -s containerd >/dev/null 2>&1 || ! containerd_supported "$(containerd_version)"; then
    apt_get update -q
    install_containerd
  fi
  configure_containerd
elif ! containerd_supported "$(containerd_version)"; then
  # The upgrade step replaces it once the node is drained; that apt has a supported one is checked now, before any
  # drain (the upgrades wait for this step).
  apt_get update -q
  check_containerd_candidate
  echo "warning: containerd $(containerd_version) is not supported with Kubernetes $K8S_VERSION (supported: $CONTAINERD_MINIMUMS or newer); this node's next upgrade step replaces it with $candidate" >&2
fi
systemctl enable --now containerd
@@KUBERNETES_PACKAGES@@
if ! dpkg -s kubeadm kubelet kubectl >/dev/null 2>&1; then
  TARGET="$K8S_VERSION"
  upgrade_packages kubeadm kubelet kubectl
fi
systemctl enable kubelet
@@KUBELET_FILE_PERMISSIONS@@
