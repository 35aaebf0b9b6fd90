#!/usr/bin/env bash
# Platform: make kube-proxy the cluster's Service proxy (add it when it is missing)
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
# The kubeadm configuration at the version the cluster's own kubeadm-config names, for kubeadm's upload-config and
# addon phases: the Service proxy may change while an upgrade is still to come, and neither kubeadm-config nor
# kube-proxy may get ahead of it (kubeadm upgrade apply moves both on). kubeadm upgrade apply on this node holds the
# same lock: the version is read and used under it (take_kubeadm_lock ... release_kubeadm_lock), so the two never
# overlap, and no wait for a roll-out holds it.
running_config=/etc/kubernetes/platform/kubeadm.yaml.running
trap 'rm -f "$running_config"' EXIT
take_kubeadm_lock() {
  exec 8>/run/platform-kubeadm.lock
  flock 8
}
release_kubeadm_lock() {
  flock -u 8
  exec 8>&-
}
write_running_config() {
  running="$(kubectl -n kube-system get configmap kubeadm-config -o jsonpath='{.data.ClusterConfiguration}' | sed -n 's/^kubernetesVersion: *\(v[0-9][^ ]*\) *$/\1/p')"
  if [ -z "$running" ]; then
    echo "could not read the cluster's Kubernetes version (kubeadm-config's ClusterConfiguration in kube-system)" >&2
    exit 1
  fi
  (umask 077 && sed "s/^kubernetesVersion: .*/kubernetesVersion: $running/" /etc/kubernetes/platform/kubeadm.yaml >"$running_config")
}
if [ -z "$(kubectl -n kube-system get daemonset kube-proxy --ignore-not-found -o name)" ]; then
  # The cluster's kubeadm configuration first: it no longer says kube-proxy is disabled, so upgrades keep it current.
  take_kubeadm_lock
  write_running_config
  kubeadm init phase upload-config kubeadm --config "$running_config"
  kubeadm init phase addon kube-proxy --config "$running_config"
  release_kubeadm_lock
fi
kubectl -n kube-system rollout status daemonset/kube-proxy --timeout=10m
