#!/usr/bin/env bash
# Platform: remove kube-proxy once Cilium's kube-proxy replacement serves Services
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
