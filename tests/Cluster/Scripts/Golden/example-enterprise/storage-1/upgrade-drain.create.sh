#!/usr/bin/env bash
# Platform: drain node storage-1 before its upgrade to Kubernetes 1.35.9
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
node=storage-1
running="$(kubectl get node "$node" -o jsonpath='{.status.nodeInfo.kubeletVersion}')"
if [ "$running" != "v1.35.9" ]; then
  kubectl drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=15m
fi
