#!/usr/bin/env bash
# Platform: drain node cp-3 and delete it from the cluster
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
node=cp-3
if kubectl get node "$node" >/dev/null 2>&1; then
  kubectl drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=15m
  kubectl delete node "$node"
fi
