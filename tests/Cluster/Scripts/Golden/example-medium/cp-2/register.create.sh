#!/usr/bin/env bash
# Platform: register node cp-2: serving certificate and labels
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
node=cp-2
for _ in $(seq 1 60); do
  kubectl get node "$node" >/dev/null 2>&1 && break
  sleep 5
done
kubectl get node "$node" >/dev/null
approve_serving_csrs() {
  kubectl get csr --no-headers \
    -o custom-columns=NAME:.metadata.name,SIGNER:.spec.signerName,USER:.spec.username,STATUS:.status.conditions \
    | awk -v user="system:node:$node" '$2 == "kubernetes.io/kubelet-serving" && $3 == user && $4 == "<none>" {print $1}'
}
for _ in $(seq 1 24); do
  pending="$(approve_serving_csrs)"
  if [ -n "$pending" ]; then
    echo "$pending" | xargs kubectl certificate approve
    break
  fi
  if kubectl get csr --no-headers -o custom-columns=SIGNER:.spec.signerName,USER:.spec.username,STATUS:.status.conditions \
    | awk -v user="system:node:$node" '$1 == "kubernetes.io/kubelet-serving" && $2 == user && $3 != "<none>" {found = 1} END {exit !found}'; then
    break
  fi
  sleep 5
done
managed=''
previous="$(kubectl get node "$node" -o jsonpath='{.metadata.annotations.platform/managed-labels}' 2>/dev/null || true)"
for key in $(echo "$previous" | tr ',' ' '); do
  case ",$managed," in
    *",$key,"*) ;;
    *) kubectl label node "$node" "$key-" >/dev/null ;;
  esac
done
kubectl annotate node "$node" --overwrite "platform/managed-labels=$managed" >/dev/null
