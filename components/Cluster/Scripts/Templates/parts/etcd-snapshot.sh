@@LOCAL_ETCD@@
# Before kubeadm changes anything on this control-plane node: a snapshot of etcd from its local member, which the etcd
# container's etcdctl takes and its etcdutl checks. The container sees only etcd's data directory and certificates
# (kubeadm's hostPath mounts, at the same paths), so etcdctl writes into the data directory and the snapshot then moves
# to the platform's snapshot folder (root only, mode 0600): kubeadm's upgrade copies the whole data directory to its
# own backup, and etcd warns about every foreign file in it. Only the newest of each kind are kept. A snapshot that
# fails stops the step here, before anything changed.
# etcd_snapshot WHAT NAME KIND: WHAT is what is about to change (for the messages), NAME the snapshot's file name after
# its UTC time, KIND the glob of the snapshots of its kind.
etcd_snapshot_failed() {
  rm -f /var/lib/etcd/platform-snapshot.db /var/lib/etcd/platform-snapshot.db.part
  echo "etcd snapshot before $1: $2; nothing was changed. Fix etcd on this node, then run pulumi up again" >&2
  exit 1
}
etcd_snapshot() {
  find_local_etcd || etcd_snapshot_failed "$1" "$etcd_problem"
  rm -f /var/lib/etcd/platform-snapshot.db /var/lib/etcd/platform-snapshot.db.part
  if ! local_etcdctl snapshot save /var/lib/etcd/platform-snapshot.db; then
    etcd_snapshot_failed "$1" "etcd at $etcd_endpoint gave no snapshot"
  fi
  if ! crictl --runtime-endpoint unix:///run/containerd/containerd.sock exec "$etcd_container" etcdutl snapshot status /var/lib/etcd/platform-snapshot.db; then
    etcd_snapshot_failed "$1" "the snapshot etcd gave does not pass etcdutl snapshot status"
  fi
  install -d -m 0700 @@STATE_DIR@@ @@ETCD_SNAPSHOT_DIR@@
  etcd_snapshot="@@ETCD_SNAPSHOT_DIR@@/$(date -u +%Y%m%dT%H%M%SZ)-$2.db"
  mv -f /var/lib/etcd/platform-snapshot.db "$etcd_snapshot"
  chmod 0600 "$etcd_snapshot"
  echo "etcd snapshot: $etcd_snapshot"
  find @@ETCD_SNAPSHOT_DIR@@ -maxdepth 1 -type f -name "$3" | sort | head -n -@@ETCD_SNAPSHOTS_KEPT@@ | xargs -r rm -f --
}
