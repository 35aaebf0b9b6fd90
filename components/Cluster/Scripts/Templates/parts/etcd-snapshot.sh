# Before kubeadm changes anything on this control-plane node: a snapshot of etcd from its local member (kubeadm's
# stacked etcd, a static pod). The host has no etcdctl, so the etcd container's own etcdctl takes it and its etcdutl
# checks it (registry.k8s.io/etcd is etcd's release image: distroless, etcd, etcdctl and etcdutl in /usr/local/bin, no
# shell). The container sees only etcd's data directory and certificates (kubeadm's hostPath mounts, at the same
# paths), so etcdctl writes into the data directory and the snapshot then moves to the platform's snapshot folder (root
# only, mode 0600): kubeadm's upgrade copies the whole data directory to its own backup, and etcd warns about every
# foreign file in it. Only the newest are kept. A run after kubeadm has upgraded this node's control plane (its API
# server runs the target) takes none, so the snapshot from before the upgrade is not rotated out by retries. A snapshot
# that fails stops the upgrade here, before anything changed.
etcd_snapshot_failed() {
  rm -f /var/lib/etcd/platform-snapshot.db /var/lib/etcd/platform-snapshot.db.part
  echo "etcd snapshot before the upgrade of $node to v$TARGET: $1; nothing was upgraded. Fix etcd on this node, then run pulumi up again" >&2
  exit 1
}
if ! grep -qE "/kube-apiserver:v${TARGET//./[.]}\$" /etc/kubernetes/manifests/kube-apiserver.yaml 2>/dev/null; then
  etcd_endpoint="$(sed -n 's/^ *- --listen-client-urls=\([^,]*\).*$/\1/p' /etc/kubernetes/manifests/etcd.yaml 2>/dev/null || true)"
  [ -n "$etcd_endpoint" ] || etcd_snapshot_failed "no local etcd client URL in /etc/kubernetes/manifests/etcd.yaml (kubeadm's etcd static pod)"
  if ! etcd_containers="$(crictl --runtime-endpoint unix:///run/containerd/containerd.sock ps --name '^etcd$' --label io.kubernetes.pod.namespace=kube-system --state running -q)"; then
    etcd_snapshot_failed "crictl could not list the containers"
  fi
  etcd_container="${etcd_containers%%$'\n'*}"
  [ -n "$etcd_container" ] || etcd_snapshot_failed "the etcd container is not running (see crictl ps -a --name etcd)"
  # The snapshot is as large as etcd's database, is written into the data directory first and stays on that filesystem
  # when the snapshot folder is on it; kubeadm's upgrade then copies the whole data directory under /etc/kubernetes/tmp.
  # Refuse when what the upgrade writes would leave etcd's filesystem less free space than the database takes (an etcd
  # whose disk is full stops taking writes).
  etcd_db_bytes="$(stat -c %s /var/lib/etcd/member/snap/db 2>/dev/null || echo 0)"
  etcd_data_bytes="$(du -sb /var/lib/etcd 2>/dev/null | cut -f1 || true)"
  etcd_free_bytes="$(df --output=avail -B1 /var/lib/etcd 2>/dev/null | tail -n 1 | tr -d ' ' || true)"
  case "$etcd_free_bytes$etcd_data_bytes" in
    "" | *[!0-9]*) etcd_snapshot_failed "du and df could not tell the size and free space of /var/lib/etcd" ;;
  esac
  etcd_needed_bytes=$((2 * etcd_db_bytes))
  etcd_needed_for="the snapshot, and as much again left to etcd"
  if [ "$(stat -c %d /var/lib/etcd)" = "$(stat -c %d /etc/kubernetes)" ]; then
    etcd_needed_bytes=$((etcd_needed_bytes + etcd_data_bytes))
    etcd_needed_for="the snapshot, kubeadm's $etcd_data_bytes-byte copy of the data directory under /etc/kubernetes/tmp, and as much as the database again left to etcd"
  fi
  if [ "$etcd_free_bytes" -lt "$etcd_needed_bytes" ]; then
    etcd_snapshot_failed "/var/lib/etcd has $etcd_free_bytes bytes free, and the upgrade of etcd's $etcd_db_bytes-byte database needs $etcd_needed_bytes ($etcd_needed_for)"
  fi
  rm -f /var/lib/etcd/platform-snapshot.db /var/lib/etcd/platform-snapshot.db.part
  if ! crictl --runtime-endpoint unix:///run/containerd/containerd.sock exec "$etcd_container" etcdctl --endpoints="$etcd_endpoint" \
    --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt \
    --key=/etc/kubernetes/pki/etcd/healthcheck-client.key snapshot save /var/lib/etcd/platform-snapshot.db; then
    etcd_snapshot_failed "etcd at $etcd_endpoint gave no snapshot"
  fi
  if ! crictl --runtime-endpoint unix:///run/containerd/containerd.sock exec "$etcd_container" etcdutl snapshot status /var/lib/etcd/platform-snapshot.db; then
    etcd_snapshot_failed "the snapshot etcd gave does not pass etcdutl snapshot status"
  fi
  install -d -m 0700 @@STATE_DIR@@ @@ETCD_SNAPSHOT_DIR@@
  etcd_snapshot="@@ETCD_SNAPSHOT_DIR@@/$(date -u +%Y%m%dT%H%M%SZ)-$running-to-v$TARGET.db"
  if ! mv -f /var/lib/etcd/platform-snapshot.db "$etcd_snapshot"; then
    rm -f "$etcd_snapshot"
    etcd_snapshot_failed "the snapshot could not be moved to $etcd_snapshot (is its filesystem full?)"
  fi
  chmod 0600 "$etcd_snapshot"
  echo "etcd snapshot: $etcd_snapshot"
  find @@ETCD_SNAPSHOT_DIR@@ -maxdepth 1 -type f -name '*Z-v*-to-v*.db' | sort | head -n -@@ETCD_SNAPSHOTS_KEPT@@ | xargs -r rm -f --
fi
