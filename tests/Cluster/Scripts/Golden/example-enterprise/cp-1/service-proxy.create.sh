#!/usr/bin/env bash
# Platform: make kube-proxy the cluster's Service proxy (add it when it is missing)
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
if [ -z "$(kubectl -n kube-system get daemonset kube-proxy --ignore-not-found -o name)" ]; then
  # The cluster's kubeadm configuration first: it no longer says kube-proxy is disabled, so upgrades keep it current.
  kubeadm init phase upload-config kubeadm --config /etc/kubernetes/platform/kubeadm.yaml
  kubeadm init phase addon kube-proxy --config /etc/kubernetes/platform/kubeadm.yaml
fi
kubectl -n kube-system rollout status daemonset/kube-proxy --timeout=10m
