#!/usr/bin/env bash
# Platform: remove kube-proxy once Cilium's kube-proxy replacement serves Services
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=@@ADMIN_KUBECONFIG@@
@@KUBEADM_CONFIG_AT_RUNNING_VERSION@@
daemonset="$(kubectl -n kube-system get daemonset kube-proxy --ignore-not-found -o name)"
configmap="$(kubectl -n kube-system get configmap kube-proxy --ignore-not-found -o name)"
if [ -n "$daemonset" ]; then
  replacement="$(kubectl -n kube-system get configmap cilium-config --ignore-not-found -o jsonpath='{.data.kube-proxy-replacement}')"
  if [ "$replacement" != "true" ]; then
    echo "refusing to remove kube-proxy: Cilium's kube-proxy replacement is not on (cilium-config has kube-proxy-replacement '$replacement'), so nothing else would serve Services" >&2
    exit 1
  fi
  # The setting is not enough: every Cilium agent must run with it before kube-proxy goes (Helm's wait lets a rolling
  # update still have agents restarting).
  kubectl -n kube-system rollout status daemonset/cilium --timeout=10m
fi
if [ -n "$daemonset" ] || [ -n "$configmap" ]; then
  # Under the lock kubeadm upgrade apply takes, so an upgrade's kube-proxy addon phase cannot put kube-proxy back in
  # between: the cluster's kubeadm configuration first (it says kube-proxy is disabled, which later kubeadm upgrades
  # respect), then the ConfigMap and the DaemonSet. The wait for kube-proxy's pods to go comes after the lock.
  take_kubeadm_lock
  write_running_config
  kubeadm init phase upload-config kubeadm --config "$running_config"
  kubectl -n kube-system delete configmap kube-proxy --ignore-not-found
  kubectl -n kube-system delete daemonset kube-proxy --ignore-not-found --cascade=foreground --wait=false
  release_kubeadm_lock
  if [ -n "$(kubectl -n kube-system get daemonset kube-proxy --ignore-not-found -o name)" ]; then
    kubectl -n kube-system wait --for=delete daemonset/kube-proxy --timeout=10m
  fi
fi
