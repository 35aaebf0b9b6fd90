#!/usr/bin/env bash
# Platform: prepare a Flatcar Container Linux host for Kubernetes @@KUBERNETES_VERSION@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
K8S_VERSION=@@KUBERNETES_VERSION@@
@@KERNEL_SETTINGS@@
@@KUBELET_NODE_IP_CHECK@@
@@CONTAINERD_SUPPORT@@
@@CONTAINERD_FLATCAR@@
# The runtime of a host that is not in the cluster yet is set up here; a member's runtime changes only in its
# upgrade step, drained.
if [ ! -f /etc/kubernetes/kubelet.conf ]; then
  require_supported_containerd
  use_platform_containerd_config
  configure_containerd
elif ! containerd_supported "$(containerd_version)"; then
  echo "warning: containerd $(containerd_version) is not supported with Kubernetes $K8S_VERSION (supported: $CONTAINERD_MINIMUMS or newer); update Flatcar before this node's next upgrade" >&2
fi
systemctl enable --now containerd
@@KUBERNETES_SYSEXT@@
if [ ! -e /etc/extensions/kubernetes.raw ]; then
  switch_kubernetes_sysext "$K8S_VERSION"
fi
systemctl enable kubelet
@@KUBELET_FILE_PERMISSIONS@@
@@KUBELET_SERVICE_DROP_IN@@
