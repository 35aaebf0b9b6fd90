#!/usr/bin/env bash
# Platform: make control-plane node cp-3 run the cluster's configuration (static pods regenerated where they differ)
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
node=cp-3
if [ ! -f /etc/kubernetes/admin.conf ]; then
  echo "/etc/kubernetes/admin.conf is missing: this node has not been initialised or joined as a control-plane node" >&2
  exit 1
fi
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
# This control-plane node's etcd member (kubeadm's stacked etcd, a static pod). The host has no etcdctl, so the etcd
# container's own etcdctl and etcdutl do the work (registry.k8s.io/etcd is etcd's release image: distroless, etcd,
# etcdctl and etcdutl in /usr/local/bin, no shell), with kubeadm's healthcheck-client certificate. find_local_etcd sets
# etcd_endpoint (the member's local client URL) and etcd_container, or etcd_problem and fails.
find_local_etcd() {
  etcd_endpoint="$(sed -n 's/^ *- --listen-client-urls=\([^,]*\).*$/\1/p' /etc/kubernetes/manifests/etcd.yaml 2>/dev/null || true)"
  if [ -z "$etcd_endpoint" ]; then
    etcd_problem="no local etcd client URL in /etc/kubernetes/manifests/etcd.yaml (kubeadm's etcd static pod)"
    return 1
  fi
  if ! etcd_containers="$(crictl --runtime-endpoint unix:///run/containerd/containerd.sock ps --name '^etcd$' --label io.kubernetes.pod.namespace=kube-system --state running -q)"; then
    etcd_problem="crictl could not list the containers"
    return 1
  fi
  etcd_container="${etcd_containers%%$'\n'*}"
  if [ -z "$etcd_container" ]; then
    etcd_problem="the etcd container is not running (see crictl ps -a --name etcd)"
    return 1
  fi
}
# etcdctl in the etcd container, on the local member.
local_etcdctl() {
  crictl --runtime-endpoint unix:///run/containerd/containerd.sock exec "$etcd_container" etcdctl --endpoints="$etcd_endpoint" \
    --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt \
    --key=/etc/kubernetes/pki/etcd/healthcheck-client.key "$@"
}
# Before kubeadm changes anything on this control-plane node: a snapshot of etcd from its local member, which the etcd
# container's etcdctl takes and its etcdutl checks. The container sees only etcd's data directory and certificates
# (kubeadm's hostPath mounts, at the same paths), so etcdctl writes into the data directory and the snapshot then moves
# to the platform's snapshot folder (root only, mode 0600): kubeadm's upgrade copies the whole data directory to its
# own backup, and etcd warns about every foreign file in it. Only the newest of each kind are kept. A snapshot that
# fails stops the step here, before anything changed.
# etcd_snapshot WHAT NAME KIND COPY [STAGE]: WHAT is what is about to change (for the messages), NAME the snapshot's file name
# after its UTC time, KIND the glob of the snapshots of its kind, COPY "copy" when kubeadm then copies the whole data
# directory under /etc/kubernetes/tmp (an upgrade, whose etcd may change), anything else when it does not.
# STAGE, when given, names the file the snapshot is first written to (platform-snapshot-STAGE.db): the scheduled backup
# stages apart from an upgrade's, which may run at the same time. A failure's
# message ends with $etcd_snapshot_retry when it is set (the scheduled backup's), with what to do in pulumi up when not.
etcd_snapshot_failed() {
  rm -f "$etcd_staged" "$etcd_staged.part"
  echo "etcd snapshot before $1: $2; nothing was changed. ${etcd_snapshot_retry:-Fix etcd on this node, then run pulumi up again}" >&2
  exit 1
}
etcd_snapshot() {
  etcd_staged="/var/lib/etcd/platform-snapshot${5:+-$5}.db"
  find_local_etcd || etcd_snapshot_failed "$1" "$etcd_problem"
  # The snapshot is as large as etcd's database, is written into the data directory first and stays on that filesystem
  # when the snapshot folder is on it; an upgrade's kubeadm then copies the whole data directory. Refuse when what the
  # step writes would leave etcd's filesystem less free space than the database takes (an etcd whose disk is full stops
  # taking writes).
  etcd_db_bytes="$(stat -c %s /var/lib/etcd/member/snap/db 2>/dev/null || echo 0)"
  etcd_data_bytes="$(du -sb /var/lib/etcd 2>/dev/null | cut -f1 || true)"
  etcd_free_bytes="$(df --output=avail -B1 /var/lib/etcd 2>/dev/null | tail -n 1 | tr -d ' ' || true)"
  case "$etcd_free_bytes$etcd_data_bytes" in
    "" | *[!0-9]*) etcd_snapshot_failed "$1" "du and df could not tell the size and free space of /var/lib/etcd" ;;
  esac
  etcd_needed_bytes=$((2 * etcd_db_bytes))
  etcd_needed_for="the snapshot, and as much again left to etcd"
  if [ "$4" = copy ] && [ "$(stat -c %d /var/lib/etcd)" = "$(stat -c %d /etc/kubernetes)" ]; then
    etcd_needed_bytes=$((etcd_needed_bytes + etcd_data_bytes))
    etcd_needed_for="the snapshot, kubeadm's $etcd_data_bytes-byte copy of the data directory under /etc/kubernetes/tmp, and as much as the database again left to etcd"
  fi
  if [ "$etcd_free_bytes" -lt "$etcd_needed_bytes" ]; then
    etcd_snapshot_failed "$1" "/var/lib/etcd has $etcd_free_bytes bytes free, and etcd's $etcd_db_bytes-byte database needs $etcd_needed_bytes ($etcd_needed_for)"
  fi
  rm -f "$etcd_staged" "$etcd_staged.part"
  if ! local_etcdctl snapshot save "$etcd_staged"; then
    etcd_snapshot_failed "$1" "etcd at $etcd_endpoint gave no snapshot"
  fi
  if ! crictl --runtime-endpoint unix:///run/containerd/containerd.sock exec "$etcd_container" etcdutl snapshot status "$etcd_staged"; then
    etcd_snapshot_failed "$1" "the snapshot etcd gave does not pass etcdutl snapshot status"
  fi
  install -d -m 0700 /var/lib/platform /var/lib/platform/etcd-snapshots
  etcd_snapshot="/var/lib/platform/etcd-snapshots/$(date -u +%Y%m%dT%H%M%SZ)-$2.db"
  if ! mv -f "$etcd_staged" "$etcd_snapshot"; then
    rm -f "$etcd_snapshot"
    etcd_snapshot_failed "$1" "the snapshot could not be moved to $etcd_snapshot (is its filesystem full?)"
  fi
  chmod 0600 "$etcd_snapshot"
  echo "etcd snapshot: $etcd_snapshot"
  find /var/lib/platform/etcd-snapshots -maxdepth 1 -type f -name "$3" | sort | head -n -3 | xargs -r rm -f --
}
# Under the node's kubeadm lock (kubeadm upgrade apply and node, the service-proxy step and the certificate renewal take
# it too) until kubeadm has replaced the static pods; the wait for them to be ready holds it no longer.
take_kubeadm_lock
write_running_config
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
# The manifests as they were, root only, the newest 3 kept: kubeadm puts them back itself when a
# new one does not come up, and these are for going back by hand when one comes up but does not work.
install -d -m 0700 /var/lib/platform /var/lib/platform/manifest-backups
backup="/var/lib/platform/manifest-backups/$(date -u +%Y%m%dT%H%M%SZ)"
install -d -m 0700 "$backup"
for component in kube-apiserver kube-controller-manager kube-scheduler; do
  cp -p "/etc/kubernetes/manifests/$component.yaml" "$backup/"
done
find /var/lib/platform/manifest-backups -mindepth 1 -maxdepth 1 -type d -name '*Z' | sort | head -n -3 | xargs -r rm -rf --
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
