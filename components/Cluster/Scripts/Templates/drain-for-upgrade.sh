#!/usr/bin/env bash
# Platform: drain node @@NODE@@ before its upgrade to Kubernetes @@KUBERNETES_VERSION@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=@@ADMIN_KUBECONFIG@@
node=@@NODE@@
@@UPGRADE_CORDON@@
running="$(reported_kubelet_version "$node")"
# Also a node this upgrade cordoned and has not uncordoned yet (a Flatcar worker restarted on the new sysext's kubelet
# before kubeadm upgraded it): it stays drained, and the upgrade holds kured's reboot lock again while it finishes.
if [ "$running" != "v@@KUBERNETES_VERSION@@" ] || [ -n "$(kubectl get node "$node" -o jsonpath='{.metadata.annotations.@@CORDONED_ANNOTATION@@}')" ]; then
  drain_for_upgrade "$node"
fi
