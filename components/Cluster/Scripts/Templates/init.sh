#!/usr/bin/env bash
# Platform: initialise the cluster on the first control-plane node, unless the node is a member already
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
# Earlier releases kept the marker among the platform's files, which the files step owns.
if [ -f @@LEGACY_INITIALISED_MARKER@@ ]; then
  install -d -m 0700 @@STATE_DIR@@
  mv -f @@LEGACY_INITIALISED_MARKER@@ @@INITIALISED_MARKER@@
fi
@@CONFIGURATION_DIGEST@@
@@KUBE_VIP_FUNCTION@@
# Initialising is a one-time fact of the cluster: a node that joined it is a member and is never initialised, though
# it becomes the first control-plane node of the inventory when the ones before it leave.
if [ -f @@JOINED_MARKER@@ ] || [ -f @@LEGACY_JOINED_MARKER@@ ]; then
  echo "node joined the cluster, which is initialised already: it is not initialised again"
elif [ -f @@INITIALISED_MARKER@@ ]; then
  echo "control plane already initialised"
elif [ -f /etc/kubernetes/admin.conf ]; then
  echo "an earlier kubeadm init stopped half-way; it is not retried on its own because kubeadm reset also deletes the PKI: run 'kubeadm reset --force' on this node, then 'pulumi up --replace <urn>' with the URN of this node's files step (this step's name, ending in -files instead of -kubeadm), which puts the PKI back; this step then runs again" >&2
  exit 1
else
@@KUBE_VIP_BEFORE_INIT@@
  kubeadm init --config @@KUBEADM_CONFIG@@ --skip-token-print @@KUBEADM_INIT_FLAGS@@
  install -d -m 0700 @@STATE_DIR@@
  touch @@INITIALISED_MARKER@@
  # What kubeadm-config and kubelet-config were uploaded from, so this node's reconfigure step finds them current.
  kubectl --kubeconfig @@ADMIN_KUBECONFIG@@ -n kube-system annotate configmap kubeadm-config --overwrite \
    "@@UPLOADED_CONFIGURATION_ANNOTATION@@=$(configuration_digest @@KUBEADM_CONFIG@@)" >/dev/null
fi
@@KUBE_VIP_AFTER_INIT@@
@@KUBELET_FILE_PERMISSIONS@@
@@CONTROL_PLANE_CERTIFICATE_PERMISSIONS@@
@@ETCD_DATA_OWNERSHIP@@
