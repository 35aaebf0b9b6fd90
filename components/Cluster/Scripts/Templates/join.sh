#!/usr/bin/env bash
# Platform: join the cluster as a @@JOIN_ROLE@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
# Earlier releases kept the marker among the platform's files, which the files step owns.
if [ -f @@LEGACY_JOINED_MARKER@@ ]; then
  install -d -m 0700 @@STATE_DIR@@
  mv -f @@LEGACY_JOINED_MARKER@@ @@JOINED_MARKER@@
fi
if [ -f @@JOINED_MARKER@@ ]; then
  echo "node already joined"
elif [ -f @@INITIALISED_MARKER@@ ] || [ -f @@LEGACY_INITIALISED_MARKER@@ ]; then
  # The node that initialised the cluster is a member: it never joins, though it is no longer the first control-plane
  # node of the inventory once another one is put before it.
  echo "node initialised the cluster: it is a member and does not join again"
elif [ -f /etc/kubernetes/kubelet.conf ]; then
  echo "an earlier kubeadm join stopped half-way: run 'kubeadm reset --force' on this node, then 'pulumi up --replace <urn> --replace <urn>' with the URNs of this node's files and bootstrap-token steps (this step's name, ending in -files and -bootstrap-token instead of -kubeadm), which put back the files kubeadm reset removes and make the token valid again; this step then runs again" >&2
  exit 1
else
  # kubeadm's discovery waits for the bootstrap token, which the node's bootstrap-token step makes valid meanwhile.
  kubeadm join --config @@KUBEADM_CONFIG@@
  install -d -m 0700 @@STATE_DIR@@
  touch @@JOINED_MARKER@@
fi
@@KUBE_VIP_FUNCTION@@
@@KUBE_VIP_AFTER_JOIN@@
@@KUBELET_FILE_PERMISSIONS@@
@@CONTROL_PLANE_CERTIFICATE_PERMISSIONS@@
@@ETCD_DATA_OWNERSHIP@@
