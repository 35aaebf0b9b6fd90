#!/usr/bin/env bash
# Platform: reset the node (kubeadm reset) when it leaves the cluster
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
# First, so no renewal starts while kubeadm resets the node.
# The certificate renewal timer and service of a control-plane node go with it (its script is among the platform's
# files); where there are none, nothing happens.
if [ -f /etc/systemd/system/platform-certificate-renewal.timer ] || [ -f /etc/systemd/system/platform-certificate-renewal.service ]; then
  systemctl disable --now platform-certificate-renewal.timer || true
  rm -f /etc/systemd/system/platform-certificate-renewal.timer /etc/systemd/system/platform-certificate-renewal.service
  systemctl daemon-reload
fi
if command -v kubeadm >/dev/null 2>&1 && { [ -f /etc/kubernetes/kubelet.conf ] || [ -d /etc/kubernetes/manifests ]; }; then
  kubeadm reset --force
fi
# The platform's files and markers go when the node leaves; the files step's own delete leaves them.
rm -rf /etc/cni/net.d /etc/kubernetes/platform /var/lib/platform
rm -f /etc/kubernetes/manifests/kube-vip.yaml
