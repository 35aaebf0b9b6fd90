#!/usr/bin/env bash
# Platform: make control-plane node @@NODE@@ run the cluster's configuration (static pods regenerated where they differ)
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=@@ADMIN_KUBECONFIG@@
node=@@NODE@@
if [ ! -f @@ADMIN_KUBECONFIG@@ ]; then
  echo "@@ADMIN_KUBECONFIG@@ is missing: this node has not been initialised or joined as a control-plane node" >&2
  exit 1
fi
@@CONFIGURATION_DIGEST@@
@@KUBEADM_CONFIG_AT_RUNNING_VERSION@@
@@ETCD_SNAPSHOT@@
# Under the node's kubeadm lock (kubeadm upgrade apply and node, the service-proxy step and the certificate renewal take
# it too) until kubeadm has replaced the static pods; the wait for them to be ready holds it no longer.
take_kubeadm_lock
write_running_config
@@UPLOAD_CONFIGURATION@@
# kubeadm's own comparison: the static pods it would write for this node from the cluster's ClusterConfiguration
# (kubeadm-config) at the version the cluster runs, against the ones the node runs. The manifests hold flags and paths,
# no secret, so the differences are shown.
differences="$(kubeadm upgrade diff)"
if ! grep -q '^+++ ' <<<"$differences"; then
  echo "the static pods of $node are current"
  exit 0
fi
echo "$differences"
etcd_snapshot "the reconfiguration of $node" "$running-reconfigure" '*Z-v*-reconfigure.db' no-copy
# The manifests as they were, root only, the newest @@MANIFEST_BACKUPS_KEPT@@ kept: kubeadm puts them back itself when a
# new one does not come up, and these are for going back by hand when one comes up but does not work.
install -d -m 0700 @@STATE_DIR@@ @@MANIFEST_BACKUP_DIR@@
backup="@@MANIFEST_BACKUP_DIR@@/$(date -u +%Y%m%dT%H%M%SZ)"
install -d -m 0700 "$backup"
for component in kube-apiserver kube-controller-manager kube-scheduler; do
  cp -p "/etc/kubernetes/manifests/$component.yaml" "$backup/"
done
find @@MANIFEST_BACKUP_DIR@@ -mindepth 1 -maxdepth 1 -type d -name '*Z' | sort | head -n -@@MANIFEST_BACKUPS_KEPT@@ | xargs -r rm -rf --
echo "static pod manifests backed up in $backup"
# kubeadm upgrade node's control-plane phase, at the version the node runs: it builds this node's manifests from the
# cluster's ClusterConfiguration and its own API endpoint (read from the running API server), replaces only the
# components whose manifest differs, waits for kubelet to run each new one, and puts the old manifest back if it does
# not come up. Neither certificates nor etcd are touched: this is not an upgrade.
if ! kubeadm upgrade node phase control-plane --certificate-renewal=false --etcd-upgrade=false; then
  echo "kubeadm could not bring up the regenerated control plane of $node and put back what it had replaced; the manifests from before this step are in $backup and the etcd snapshot is $etcd_snapshot. Fix the setting, then run pulumi up again" >&2
  exit 1
fi
release_kubeadm_lock
# Then every component of this node ready for three checks in a row, five minutes at most, before the next control-plane
# node's step may start.
healthy=0
for _ in $(seq 1 60); do
  ready=0
  for component in kube-apiserver kube-controller-manager kube-scheduler; do
    if [ "$(kubectl -n kube-system get pod "$component-$node" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null || true)" = True ]; then
      ready=$((ready + 1))
    fi
  done
  if [ "$ready" -eq 3 ]; then healthy=$((healthy + 1)); else healthy=0; fi
  if [ "$healthy" -ge 3 ]; then
    echo "the control plane of $node runs the cluster's configuration"
    exit 0
  fi
  sleep 5
done
echo "the control plane of $node is not ready 5 minutes after its static pods were regenerated (see kubectl -n kube-system get pods -o wide | grep $node); the next control-plane nodes keep theirs. To go back, copy the manifests from $backup to /etc/kubernetes/manifests/ on this node; the etcd snapshot from before is $etcd_snapshot" >&2
exit 1
