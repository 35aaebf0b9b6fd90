#!/usr/bin/env bash
# Platform: make kube-proxy the cluster's Service proxy (add it when it is missing)
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=@@ADMIN_KUBECONFIG@@
@@KUBEADM_CONFIG_AT_RUNNING_VERSION@@
if [ -z "$(kubectl -n kube-system get daemonset kube-proxy --ignore-not-found -o name)" ]; then
  # The cluster's kubeadm configuration first: it no longer says kube-proxy is disabled, so upgrades keep it current.
  take_kubeadm_lock
  write_running_config
  kubeadm init phase upload-config kubeadm --config "$running_config"
  kubeadm init phase addon kube-proxy --config "$running_config"
  release_kubeadm_lock
fi
kubectl -n kube-system rollout status daemonset/kube-proxy --timeout=10m
