#!/usr/bin/env bash
# Platform: drain node @@NODE@@ before its upgrade to Kubernetes @@KUBERNETES_VERSION@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=@@ADMIN_KUBECONFIG@@
node=@@NODE@@
@@UPGRADE_CORDON@@
running="$(reported_kubelet_version "$node")"
if [ "$running" != "v@@KUBERNETES_VERSION@@" ]; then
  drain_for_upgrade "$node"
fi
