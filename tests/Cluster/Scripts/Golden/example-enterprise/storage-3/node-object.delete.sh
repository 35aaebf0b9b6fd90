#!/usr/bin/env bash
# Platform: delete the Node object of storage-3 once the node has left the cluster
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
node=storage-3
# Only where the removal of every control-plane node this could run on goes with it (pulumi destroy) is there no
# admin kubeconfig left here.
if [ ! -f /etc/kubernetes/admin.conf ]; then
  echo "this control-plane node has left the cluster too, so it cannot delete node $node: if a cluster is left that lists it, run kubectl delete node $node there" >&2
  exit 0
fi
if kubectl get node "$node" >/dev/null 2>&1; then
  kubectl delete node "$node"
fi
