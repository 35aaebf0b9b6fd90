#!/usr/bin/env bash
# Platform: reset the node (kubeadm reset) when it leaves the cluster
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
# First, so no renewal or backup starts while kubeadm resets the node.
@@CERTIFICATE_RENEWAL_REMOVAL@@
@@ETCD_BACKUP_REMOVAL@@
if command -v kubeadm >/dev/null 2>&1 && { [ -f /etc/kubernetes/kubelet.conf ] || [ -d /etc/kubernetes/manifests ]; }; then
  kubeadm reset --force
fi
# The platform's files and markers go when the node leaves; the files step's own delete leaves them.
rm -rf /etc/cni/net.d @@PLATFORM_DIR@@ @@STATE_DIR@@
rm -f /etc/kubernetes/manifests/kube-vip.yaml
