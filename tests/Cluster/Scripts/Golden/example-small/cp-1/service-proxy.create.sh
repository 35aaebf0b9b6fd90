#!/usr/bin/env bash
# Platform: make kube-proxy the cluster's Service proxy (add it when it is missing)
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
# The kubeadm configuration at the version the control plane runs now, for kubeadm's upload-config and addon phases:
# the Service proxy may change while an upgrade is still to come, and neither the cluster's kubeadm-config nor
# kube-proxy may get ahead of the API servers (the upgrade moves both on).
running_config=/etc/kubernetes/platform/kubeadm.yaml.running
trap 'rm -f "$running_config"' EXIT
write_running_config() {
  running="$(kubectl get --raw /version | sed -n 's/.*"gitVersion": *"\(v[0-9][^"]*\)".*/\1/p')"
  if [ -z "$running" ]; then
    echo "could not read the API server's version (kubectl get --raw /version)" >&2
    exit 1
  fi
  (umask 077 && sed "s/^kubernetesVersion: .*/kubernetesVersion: $running/" /etc/kubernetes/platform/kubeadm.yaml >"$running_config")
}
if [ -z "$(kubectl -n kube-system get daemonset kube-proxy --ignore-not-found -o name)" ]; then
  # The cluster's kubeadm configuration first: it no longer says kube-proxy is disabled, so upgrades keep it current.
  write_running_config
  kubeadm init phase upload-config kubeadm --config "$running_config"
  kubeadm init phase addon kube-proxy --config "$running_config"
fi
kubectl -n kube-system rollout status daemonset/kube-proxy --timeout=10m
