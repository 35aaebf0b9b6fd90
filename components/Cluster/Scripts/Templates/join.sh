#!/usr/bin/env bash
# Platform: join the cluster as a @@JOIN_ROLE@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
if [ -f @@JOINED_MARKER@@ ]; then
  echo "node already joined"
elif [ -f /etc/kubernetes/kubelet.conf ]; then
  echo "an earlier kubeadm join stopped half-way: run 'kubeadm reset --force' on this node, then 'pulumi up --replace' on its files step and this step" >&2
  exit 1
else
  kubeadm join --config @@KUBEADM_CONFIG@@
  touch @@JOINED_MARKER@@
fi
@@KUBE_VIP_FUNCTION@@
@@KUBE_VIP_AFTER_JOIN@@
@@KUBELET_FILE_PERMISSIONS@@
@@CONTROL_PLANE_CERTIFICATE_PERMISSIONS@@
@@ETCD_DATA_OWNERSHIP@@
