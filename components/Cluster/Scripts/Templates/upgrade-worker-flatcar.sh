#!/usr/bin/env bash
# Platform: upgrade this worker to Kubernetes @@KUBERNETES_VERSION@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
K8S_VERSION=@@KUBERNETES_VERSION@@
TARGET="$K8S_VERSION"
node=@@NODE@@
@@VERSION_GUARD@@
@@CONTAINERD_SUPPORT@@
@@CONTAINERD_FLATCAR@@
require_supported_containerd
mark_upgrade_under_way
use_platform_containerd_config
configure_containerd
@@KUBERNETES_SYSEXT@@
switch_kubernetes_sysext "$TARGET"
@@KUBELET_SERVICE_DROP_IN@@
kubeadm upgrade node
@@KUBELET_NODE_IP_PIN@@
systemctl daemon-reload
systemctl restart kubelet
rm -f @@UPGRADE_MARKER@@
@@KUBELET_FILE_PERMISSIONS@@
