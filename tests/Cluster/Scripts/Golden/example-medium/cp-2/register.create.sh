#!/usr/bin/env bash
# Platform: register node cp-2: labels
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
node=cp-2
for _ in $(seq 1 60); do
  kubectl get node "$node" >/dev/null 2>&1 && break
  sleep 5
done
kubectl get node "$node" >/dev/null
managed=''
previous="$(kubectl get node "$node" -o jsonpath='{.metadata.annotations.platform/managed-labels}' 2>/dev/null || true)"
for key in $(echo "$previous" | tr ',' ' '); do
  case ",$managed," in
    *",$key,"*) ;;
    *) kubectl label node "$node" "$key-" >/dev/null ;;
  esac
done
kubectl annotate node "$node" --overwrite "platform/managed-labels=$managed" >/dev/null
