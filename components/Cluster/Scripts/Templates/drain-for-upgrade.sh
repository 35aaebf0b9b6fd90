#!/usr/bin/env bash
# Platform: drain node @@NODE@@ before its upgrade to Kubernetes @@KUBERNETES_VERSION@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=@@ADMIN_KUBECONFIG@@
node=@@NODE@@
running="$(kubectl get node "$node" -o jsonpath='{.status.nodeInfo.kubeletVersion}')"
if [ "$running" != "v@@KUBERNETES_VERSION@@" ]; then
  kubectl drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=15m
fi
