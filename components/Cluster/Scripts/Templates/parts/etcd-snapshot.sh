@@LOCAL_ETCD@@
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
  install -d -m 0700 @@STATE_DIR@@ @@ETCD_SNAPSHOT_DIR@@
  etcd_snapshot="@@ETCD_SNAPSHOT_DIR@@/$(date -u +%Y%m%dT%H%M%SZ)-$2.db"
  if ! mv -f "$etcd_staged" "$etcd_snapshot"; then
    rm -f "$etcd_snapshot"
    etcd_snapshot_failed "$1" "the snapshot could not be moved to $etcd_snapshot (is its filesystem full?)"
  fi
  chmod 0600 "$etcd_snapshot"
  echo "etcd snapshot: $etcd_snapshot"
  find @@ETCD_SNAPSHOT_DIR@@ -maxdepth 1 -type f -name "$3" | sort | head -n -@@ETCD_SNAPSHOTS_KEPT@@ | xargs -r rm -f --
}
