#!/usr/bin/env bash
# Platform: upgrade control-plane node @@NODE@@ to Kubernetes @@KUBERNETES_VERSION@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
K8S_VERSION=@@KUBERNETES_VERSION@@
TARGET="$K8S_VERSION"
node=@@NODE@@
export KUBECONFIG=@@ADMIN_KUBECONFIG@@
@@VERSION_GUARD@@
@@CONTAINERD_SUPPORT@@
@@CONTAINERD_FLATCAR@@
require_supported_containerd
@@KUBERNETES_SYSEXT@@
switch_kubernetes_sysext "$TARGET"
@@KUBEADM_UPGRADE@@
kubectl drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=15m
use_platform_containerd_config
configure_containerd
systemctl daemon-reload
systemctl restart kubelet
kubectl uncordon "$node"
@@KUBELET_FILE_PERMISSIONS@@
@@CONTROL_PLANE_CERTIFICATE_PERMISSIONS@@
@@ETCD_DATA_OWNERSHIP@@
@@KUBELET_SERVICE_DROP_IN@@
