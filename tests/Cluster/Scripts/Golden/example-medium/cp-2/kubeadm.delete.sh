#!/usr/bin/env bash
# Platform: reset the node (kubeadm reset) when it leaves the cluster
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
# First, so no renewal or backup starts while kubeadm resets the node.
# The certificate renewal timer and service of a control-plane node go with it (its script is among the platform's
# files); where there are none, nothing happens.
if [ -f /etc/systemd/system/platform-certificate-renewal.timer ] || [ -f /etc/systemd/system/platform-certificate-renewal.service ]; then
  systemctl disable --now platform-certificate-renewal.timer || true
  rm -f /etc/systemd/system/platform-certificate-renewal.timer /etc/systemd/system/platform-certificate-renewal.service
  systemctl daemon-reload
fi
# The scheduled etcd backup goes when the node leaves, or when the stack has no backup target: its timer and service,
# its script, the certificate it encrypts to and the target's credentials. Where there are none, nothing happens. The
# local snapshots stay until the node's reset removes the platform's state.
if [ -f /etc/systemd/system/platform-etcd-backup.timer ] || [ -f /etc/systemd/system/platform-etcd-backup.service ]; then
  systemctl disable --now platform-etcd-backup.timer || true
  rm -f /etc/systemd/system/platform-etcd-backup.timer /etc/systemd/system/platform-etcd-backup.service
  systemctl daemon-reload
fi
rm -rf /etc/kubernetes/platform/backup-etcd.sh /etc/kubernetes/platform/etcd-backup
if command -v kubeadm >/dev/null 2>&1 && { [ -f /etc/kubernetes/kubelet.conf ] || [ -d /etc/kubernetes/manifests ]; }; then
  kubeadm reset --force
fi
# The platform's files and markers go when the node leaves; the files step's own delete leaves them.
rm -rf /etc/cni/net.d /etc/kubernetes/platform /var/lib/platform
rm -f /etc/kubernetes/manifests/kube-vip.yaml
