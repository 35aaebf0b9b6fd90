#!/usr/bin/env bash
# Platform: back up etcd from control-plane node @@NODE@@: a snapshot, kept locally, encrypted and uploaded
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
# Run by the platform-etcd-backup timer; its output is in the journal (journalctl -u platform-etcd-backup), and a run
# that fails leaves the service failed (systemctl status platform-etcd-backup). Each run: a snapshot of this node's
# etcd member (the etcd container's etcdctl, as before an upgrade), the newest @@ETCD_SNAPSHOTS_KEPT@@ of them kept under
# @@ETCD_SNAPSHOT_DIR@@ (*-scheduled.db); the snapshot encrypted to the stack's backup certificate (CMS, AES-256-GCM,
# the key wrapped with RSA-OAEP: only the stack's etcdBackupDecryptionKey decrypts it), uploaded as
# <key prefix><node>/<snapshot>.cms, and this node's uploads older than @@ETCD_BACKUP_RETENTION_DAYS@@ days deleted.
node=@@NODE@@
state=@@ETCD_BACKUP_STATE_DIR@@
key_prefix=@@S3_KEY_PREFIX@@
retention_days=@@ETCD_BACKUP_RETENTION_DAYS@@
etcd_snapshot_retry="The backup timer's next run tries again"
@@ETCD_SNAPSHOT@@
@@S3_TARGET@@
@@S3@@
fail() {
  echo "etcd backup of $node: $1" >&2
  exit 1
}
cleanup() {
  rm -f "$state"/*.cms "$state"/*.cms.part
  if [ -n "${s3_temporary:-}" ]; then rm -f "$s3_temporary"; fi
}
trap cleanup EXIT
trap 'exit 1' TERM INT
# An upgrade of this node snapshots etcd itself before kubeadm changes anything, and restarts etcd meanwhile.
if [ -e @@UPGRADE_MARKER@@ ]; then
  echo "an upgrade of $node is under way (@@UPGRADE_MARKER@@): no backup now, the next run tries again"
  exit 0
fi
install -d -m 0700 @@STATE_DIR@@ "$state"
cleanup
# The kubeadm lock only while the snapshot is taken: upgrades, reconfigurations and certificate renewals restart etcd
# under it. The encryption and the upload do not hold it.
exec 9>/run/platform-kubeadm.lock
if ! flock -w 900 9; then
  fail "another kubeadm operation has held /run/platform-kubeadm.lock for 15 minutes; no snapshot taken, the next run tries again"
fi
etcd_snapshot "the scheduled backup" scheduled '*-scheduled.db' no-copy scheduled
exec 9>&-
name="${etcd_snapshot##*/}"
snapshot_bytes="$(stat -c %s "$etcd_snapshot")"
free_bytes="$(df --output=avail -B1 "$state" | tail -n 1 | tr -d ' ')"
# The encrypted copy is as large as the snapshot; as much again stays free for etcd when they share a filesystem.
if [ "$free_bytes" -lt $((2 * snapshot_bytes)) ]; then
  fail "$state has $free_bytes bytes free, too few to encrypt the $snapshot_bytes-byte snapshot $etcd_snapshot (kept locally); nothing uploaded"
fi
if ! openssl cms -encrypt -binary -stream -outform DER -aes-256-gcm -recip @@ETCD_BACKUP_RECIPIENT_PATH@@ \
  -keyopt rsa_padding_mode:oaep -in "$etcd_snapshot" -out "$state/$name.cms.part"; then
  fail "openssl could not encrypt $etcd_snapshot (kept locally); nothing uploaded"
fi
mv -f "$state/$name.cms.part" "$state/$name.cms"
s3_check_curl || fail "nothing uploaded; the snapshot is kept locally at $etcd_snapshot"
s3_connect || fail "nothing uploaded; the snapshot is kept locally at $etcd_snapshot"
key="$key_prefix$node/$name.cms"
if ! s3_put "$state/$name.cms" "$key"; then
  fail "the upload of $key failed; the snapshot is kept locally at $etcd_snapshot"
fi
printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$key" >"$state/last-upload.part"
mv -f "$state/last-upload.part" "$state/last-upload"
echo "etcd backup of $node uploaded: $key"
# This node's uploads older than the retention (their names start with their UTC time), never the one just made.
cutoff="$(date -u -d "@$(($(date -u +%s) - retention_days * 86400))" +%Y%m%dT%H%M%SZ)"
if ! uploads="$(s3_list "$key_prefix$node/")"; then
  fail "uploaded $key, but could not list $key_prefix$node/ to delete uploads older than $retention_days days"
fi
while read -r upload; do
  case "${upload##*/}" in *-scheduled.db.cms) ;; *) continue ;; esac
  if [ "$upload" != "$key" ] && [[ "${upload##*/}" < "$cutoff" ]]; then
    s3_delete "$upload" || fail "uploaded $key, but could not delete $upload (older than $retention_days days)"
    echo "deleted $upload (older than $retention_days days)"
  fi
done <<<"$uploads"
