#!/usr/bin/env bash
# Platform: register node worker-1: labels and taints
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
node=worker-1
for _ in $(seq 1 60); do
  kubectl get node "$node" >/dev/null 2>&1 && break
  sleep 5
done
kubectl get node "$node" >/dev/null
managed='topology.kubernetes.io/zone'
previous="$(kubectl get node "$node" -o jsonpath='{.metadata.annotations.platform/managed-labels}' 2>/dev/null || true)"
for key in $(echo "$previous" | tr ',' ' '); do
  case ",$managed," in
    *",$key,"*) ;;
    *) kubectl label node "$node" "$key-" >/dev/null ;;
  esac
done
kubectl label node "$node" --overwrite 'topology.kubernetes.io/zone=rack-a' >/dev/null
kubectl annotate node "$node" --overwrite "platform/managed-labels=$managed" >/dev/null
# Taints the same way (key:Effect each): kubeadm sets them when the node registers, this step when the inventory changes
# later. The ones the platform set earlier and no longer wants go, and so does the control-plane taint on a
# control-plane node, which the platform alone decides (there when the cluster has workers).
managed_taints=''
always_managed=''
previous_taints="$(kubectl get node "$node" -o jsonpath='{.metadata.annotations.platform/managed-taints}' 2>/dev/null || true)"
current_taints="$(kubectl get node "$node" -o jsonpath='{range .spec.taints[*]}{.key}:{.effect}{"\n"}{end}')"
for taint in $(echo "$previous_taints,$always_managed" | tr ',' ' '); do
  case ",$managed_taints," in
    *",$taint,"*) ;;
    *) if grep -qxF "$taint" <<<"$current_taints"; then kubectl taint node "$node" "$taint-" >/dev/null; fi ;;
  esac
done
kubectl annotate node "$node" --overwrite "platform/managed-taints=$managed_taints" >/dev/null
