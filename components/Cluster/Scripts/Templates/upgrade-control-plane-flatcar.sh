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
@@CONTAINERD_SUPPORT@@
@@CONTAINERD_FLATCAR@@
require_supported_containerd
@@KUBERNETES_SYSEXT@@
# kubeadm comes with the kubelet in the sysext: the image is downloaded and checked first (a failure leaves the node as
# it was), the node is drained, and only then does the switch put the new kubelet on disk.
fetch_kubernetes_sysext "$TARGET"
mark_upgrade_under_way
drain_for_upgrade "$node"
switch_kubernetes_sysext "$TARGET"
@@KUBELET_SERVICE_DROP_IN@@
@@KUBEADM_UPGRADE@@
use_platform_containerd_config
configure_containerd
@@KUBELET_NODE_IP_PIN@@
systemctl daemon-reload
systemctl restart kubelet
rm -f @@UPGRADE_MARKER@@
uncordon_after_upgrade "$node"
@@KUBELET_FILE_PERMISSIONS@@
@@CONTROL_PLANE_CERTIFICATE_PERMISSIONS@@
@@ETCD_DATA_OWNERSHIP@@
