#!/usr/bin/env bash
# Platform: take worker worker-2 out of the cluster: drain it
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
node=worker-2
# The drain evicts (PodDisruptionBudgets are respected) for 15 minutes at most.
if kubectl get node "$node" >/dev/null 2>&1; then
  kubectl drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=15m
fi
