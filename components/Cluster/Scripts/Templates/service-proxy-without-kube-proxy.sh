#!/usr/bin/env bash
# Platform: remove kube-proxy once Cilium's kube-proxy replacement serves Services
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=@@ADMIN_KUBECONFIG@@
@@KUBEADM_CONFIG_AT_RUNNING_VERSION@@
if [ -n "$(kubectl -n kube-system get daemonset kube-proxy --ignore-not-found -o name)" ]; then
  replacement="$(kubectl -n kube-system get configmap cilium-config --ignore-not-found -o jsonpath='{.data.kube-proxy-replacement}')"
  if [ "$replacement" != "true" ]; then
    echo "refusing to remove kube-proxy: Cilium's kube-proxy replacement is not on (cilium-config has kube-proxy-replacement '$replacement'), so nothing else would serve Services" >&2
    exit 1
  fi
  # The setting is not enough: every Cilium agent must run with it before kube-proxy goes (Helm's wait lets a rolling
  # update still have agents restarting).
  kubectl -n kube-system rollout status daemonset/cilium --timeout=10m
  kubectl -n kube-system delete daemonset kube-proxy --cascade=foreground --timeout=10m
fi
if [ -n "$(kubectl -n kube-system get configmap kube-proxy --ignore-not-found -o name)" ]; then
  # The cluster's kubeadm configuration first: it says kube-proxy is disabled, which later kubeadm upgrades respect.
  take_kubeadm_lock
  write_running_config
  kubeadm init phase upload-config kubeadm --config "$running_config"
  kubectl -n kube-system delete configmap kube-proxy
  release_kubeadm_lock
fi
