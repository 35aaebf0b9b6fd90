#!/usr/bin/env bash
# Platform: make node worker-1 schedulable again after its upgrade
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
# An upgrade makes schedulable again only a node it cordoned itself: a node an operator cordoned stays cordoned. The
# annotation records it on the node, so an upgrade that stopped half-way is finished by the next run.
drain_for_upgrade() {
  if [ "$(kubectl get node "$1" -o jsonpath='{.spec.unschedulable}')" != "true" ]; then
    kubectl annotate node "$1" --overwrite platform/cordoned-for-upgrade=1.37.1 >/dev/null
  fi
  kubectl drain "$1" --ignore-daemonsets --delete-emptydir-data --timeout=15m
}
uncordon_after_upgrade() {
  if [ -n "$(kubectl get node "$1" -o jsonpath='{.metadata.annotations.platform/cordoned-for-upgrade}')" ]; then
    kubectl uncordon "$1"
    kubectl annotate node "$1" platform/cordoned-for-upgrade- >/dev/null
  fi
}
uncordon_after_upgrade worker-1
