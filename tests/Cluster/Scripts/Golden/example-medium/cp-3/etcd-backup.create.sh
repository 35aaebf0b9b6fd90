#!/usr/bin/env bash
# Platform: install the etcd restore script, and the scheduled etcd backup or its removal, on control-plane node cp-3
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
# Each file is written only where its content changed, so a second run changes nothing. The node's reset removes all.
umask 077
changed=""
# write_file PATH MODE CONTENT: writes PATH (through a temporary file beside it, renamed over it) only where its content
# differs, and sets "changed" when it wrote; an unchanged file only gets its mode. So a second run changes nothing.
write_file() {
  tmp="$(mktemp "$1.XXXXXX")"
  printf '%s' "$3" >"$tmp"
  chmod "$2" "$tmp"
  if [ -f "$1" ] && cmp -s "$tmp" "$1"; then
    rm -f "$tmp"
    chmod "$2" "$1"
  else
    mv -f "$tmp" "$1"
    changed=yes
  fi
}
install -d -m 0755 /etc/kubernetes/platform /etc/systemd/system
# The restore script is on every control-plane node, with or without a backup target (it restores local snapshots too).
# shellcheck disable=SC2016
write_file /etc/kubernetes/platform/restore-etcd.sh 0700 '#!/usr/bin/env bash
# Platform: restore etcd on control-plane node cp-3 from a snapshot, in phases an operator runs on every control-plane node
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
# etcd'\''s disaster recovery (https://etcd.io/docs/v3.5/op-guide/recovery/, and Kubernetes'\'' "Operating etcd clusters for
# Kubernetes"): every member is restored from the same snapshot with the initial cluster of all members and one new
# cluster token, while no API server runs. So each phase runs on every control-plane node before the next one starts
# (README: etcd backups and restore); run it without arguments for its phases. stop and restore refuse to run while
# this node'\''s etcd is healthy unless --yes-i-am-restoring is given.
node=cp-3
peer_url='\''https://10.20.0.13:2380'\''
initial_cluster='\''cp-1=https://10.20.0.11:2380,cp-2=https://10.20.0.12:2380,cp-3=https://10.20.0.13:2380'\''
held=/var/lib/platform/etcd-restore
snapshots=/var/lib/platform/etcd-snapshots
key_prefix='\'''\''
# This control-plane node'\''s etcd member (kubeadm'\''s stacked etcd, a static pod). The host has no etcdctl, so the etcd
# container'\''s own etcdctl and etcdutl do the work (registry.k8s.io/etcd is etcd'\''s release image: distroless, etcd,
# etcdctl and etcdutl in /usr/local/bin, no shell), with kubeadm'\''s healthcheck-client certificate. find_local_etcd sets
# etcd_endpoint (the member'\''s local client URL) and etcd_container, or etcd_problem and fails.
find_local_etcd() {
  etcd_endpoint="$(sed -n '\''s/^ *- --listen-client-urls=\([^,]*\).*$/\1/p'\'' /etc/kubernetes/manifests/etcd.yaml 2>/dev/null || true)"
  if [ -z "$etcd_endpoint" ]; then
    etcd_problem="no local etcd client URL in /etc/kubernetes/manifests/etcd.yaml (kubeadm'\''s etcd static pod)"
    return 1
  fi
  if ! etcd_containers="$(crictl --runtime-endpoint unix:///run/containerd/containerd.sock ps --name '\''^etcd$'\'' --label io.kubernetes.pod.namespace=kube-system --state running -q)"; then
    etcd_problem="crictl could not list the containers"
    return 1
  fi
  etcd_container="${etcd_containers%%$'\''\n'\''*}"
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
# The stack has no backup target: nothing to list or fetch.
s3_connect() {
  s3_temporary=""
  echo "this cluster has no backup target (platform:backup): use a snapshot on a control-plane node, under /var/lib/platform/etcd-snapshots" >&2
  return 1
}
usage() {
  cat <<USAGE
Restores etcd on $node from a snapshot. Run each phase on every control-plane node before the next one:
  $0 stop --yes-i-am-restoring
      stops kube-apiserver and etcd here (their manifests are held in $held)
  $0 restore <snapshot.db | snapshot.db.cms> [--key <file> | --key -]
      restores this member from the snapshot, the same one on every node (an encrypted one is decrypted with the
      stack'\''s etcdBackupDecryptionKey, from a file or standard input), and starts etcd
  $0 finish
      waits until etcd is healthy, starts kube-apiserver, restarts kube-controller-manager, kube-scheduler and kubelet
Before that, while the backup target answers:
  $0 list          the uploaded snapshots (oldest first)
  $0 fetch <key>   downloads one into $snapshots
USAGE
}
fail() {
  echo "restore-etcd.sh on $node: $1" >&2
  exit 1
}
key_temporary=""
s3_temporary=""
cleanup() {
  if [ -n "$key_temporary" ]; then rm -f "$key_temporary"; fi
  if [ -n "$s3_temporary" ]; then rm -f "$s3_temporary"; fi
}
trap cleanup EXIT
trap '\''exit 1'\'' TERM INT
running() {
  crictl --runtime-endpoint unix:///run/containerd/containerd.sock ps --name "^$1\$" --label io.kubernetes.pod.namespace=kube-system --state running -q
}
etcd_healthy() {
  find_local_etcd && local_etcdctl endpoint health >/dev/null 2>&1
}
refuse_if_healthy() {
  if [ -z "$confirmed" ] && etcd_healthy; then
    echo "etcd on $node is healthy: a restore replaces the data of every member with the snapshot'\''s, and every change since the snapshot is lost. If that is what you mean, run it again with --yes-i-am-restoring" >&2
    exit 3
  fi
}
command="${1:-}"
[ $# -eq 0 ] || shift
confirmed=""
key_file=""
operands=()
while [ $# -gt 0 ]; do
  case "$1" in
    --yes-i-am-restoring) confirmed=yes ;;
    --key)
      [ $# -ge 2 ] || { usage >&2; exit 2; }
      key_file="$2"
      shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
    *) operands+=("$1") ;;
  esac
  shift
done
case "$command" in
  list)
    s3_connect || exit 1
    s3_check_curl || exit 1
    s3_list "$key_prefix" || fail "could not list $key_prefix at the backup target"
    ;;
  fetch)
    [ ${#operands[@]} -eq 1 ] || { usage >&2; exit 2; }
    s3_connect || exit 1
    s3_check_curl || exit 1
    install -d -m 0700 /var/lib/platform "$snapshots"
    fetched="$snapshots/${operands[0]##*/}"
    s3_get "${operands[0]}" "$fetched.part" || { rm -f "$fetched.part"; fail "could not download ${operands[0]}"; }
    chmod 0600 "$fetched.part"
    mv -f "$fetched.part" "$fetched"
    echo "fetched $fetched"
    ;;
  stop)
    refuse_if_healthy
    install -d -m 0700 /var/lib/platform "$held"
    for component in kube-apiserver etcd; do
      if [ -f "/etc/kubernetes/manifests/$component.yaml" ]; then
        mv -f "/etc/kubernetes/manifests/$component.yaml" "$held/$component.yaml"
        echo "moved $component.yaml to $held"
      fi
    done
    [ -f "$held/etcd.yaml" ] || fail "etcd'\''s static pod manifest is neither in /etc/kubernetes/manifests nor in $held: is this a control-plane node?"
    # kubelet reads its manifests folder every 20 seconds (fileCheckFrequency).
    for _ in $(seq 1 36); do
      if [ -z "$(running etcd)" ] && [ -z "$(running kube-apiserver)" ]; then
        echo "kube-apiserver and etcd are stopped on $node. Stop them on every other control-plane node, then run restore-etcd.sh restore with the same snapshot on each"
        exit 0
      fi
      sleep 5
    done
    fail "kubelet has not stopped etcd and kube-apiserver within 3 minutes of their manifests leaving /etc/kubernetes/manifests (see crictl ps)"
    ;;
  restore)
    [ ${#operands[@]} -eq 1 ] || { usage >&2; exit 2; }
    snapshot="${operands[0]}"
    refuse_if_healthy
    if [ -f /etc/kubernetes/manifests/etcd.yaml ] || [ ! -f "$held/etcd.yaml" ]; then
      fail "etcd'\''s manifest is not held in $held: run restore-etcd.sh stop on every control-plane node first (a restore that has run put it back)"
    fi
    if [ -n "$(running etcd)" ] || [ -n "$(running kube-apiserver)" ]; then
      fail "etcd or kube-apiserver still runs on $node: wait until restore-etcd.sh stop has stopped them"
    fi
    [ -f "$snapshot" ] || fail "no snapshot at $snapshot"
    member="$(sed -n '\''s/^ *- --name=//p'\'' "$held/etcd.yaml")"
    advertised="$(sed -n '\''s/^ *- --initial-advertise-peer-urls=//p'\'' "$held/etcd.yaml")"
    if [ "$member" != "$node" ] || [ "$advertised" != "$peer_url" ]; then
      fail "etcd'\''s manifest gives the member '\''$member'\'' at '\''$advertised'\'', not $node at $peer_url: the inventory and this node disagree"
    fi
    install -d -m 0700 /var/lib/platform "$snapshots"
    case "$snapshot" in
      *.cms)
        [ -n "$key_file" ] || fail "$snapshot is encrypted: give the stack'\''s etcdBackupDecryptionKey with --key <file>, or --key - on standard input"
        if [ "$key_file" = - ]; then
          key_temporary="$(mktemp /run/platform-etcd-restore-key.XXXXXX)"
          cat >"$key_temporary"
          key_file="$key_temporary"
        fi
        plain="${snapshot##*/}"
        plain="$snapshots/${plain%.cms}"
        if ! openssl cms -decrypt -binary -inform DER -in "$snapshot" -inkey "$key_file" -out "$plain.part"; then
          rm -f "$plain.part"
          fail "openssl could not decrypt $snapshot with that key (or the file was changed: AES-GCM checks it)"
        fi
        chmod 0600 "$plain.part"
        mv -f "$plain.part" "$plain"
        echo "decrypted $snapshot to $plain"
        ;;
      *) plain="$snapshot" ;;
    esac
    # etcdutl runs in the etcd image (the node has it; distroless, no shell), which sees /var/lib only.
    case "$plain" in
      /var/lib/*) ;;
      *)
        install -m 0600 "$plain" "$snapshots/restore-input.db"
        plain="$snapshots/restore-input.db" ;;
    esac
    image="$(sed -n '\''s/^ *image: *//p'\'' "$held/etcd.yaml" | head -n 1)"
    [ -n "$image" ] || fail "no image in $held/etcd.yaml"
    # The same snapshot gives every member the same token.
    token="restored-$(sha256sum "$plain" | cut -c 1-16)"
    rm -rf /var/lib/etcd-restored
    # --bump-revision with --mark-compacted: what etcd'\''s guide says for Kubernetes, so that watches and informers'\''
    # caches start over instead of meeting revisions from before the snapshot.
    if ! ctr -n k8s.io run --rm --mount type=bind,src=/var/lib,dst=/var/lib,options=rbind:rw "$image" "platform-etcd-restore-$$" \
      etcdutl snapshot restore "$plain" --data-dir /var/lib/etcd-restored --name "$node" --initial-advertise-peer-urls "$peer_url" \
      --initial-cluster "$initial_cluster" --initial-cluster-token "$token" --bump-revision 1000000000 --mark-compacted; then
      rm -rf /var/lib/etcd-restored
      fail "etcdutl could not restore $plain; nothing was changed, etcd'\''s manifest stays in $held"
    fi
    before="/var/lib/etcd.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
    if [ -d /var/lib/etcd ]; then
      mv /var/lib/etcd "$before"
      echo "moved the old data directory to $before"
    fi
    mv /var/lib/etcd-restored /var/lib/etcd
    chmod 0700 /var/lib/etcd
# CIS 1.1.12: etcd'\''s data directory, kubeadm'\''s default /var/lib/etcd (the ClusterConfiguration sets no other), owned
# by etcd:etcd, with everything in it at the time. kubeadm'\''s etcd runs as root, which the owner does not restrict, and
# the directory keeps its mode 0700 (CIS 1.1.11). Flatcar has an etcd user and group already; elsewhere they are made
# as system accounts with no home and no login. Runs after kubeadm init, join and upgrade, which create or rewrite
# the directory'\''s files as root.
if [ -d /var/lib/etcd ]; then
  getent group etcd >/dev/null || groupadd --system etcd
  getent passwd etcd >/dev/null || useradd --system --gid etcd --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin etcd
  chown -R etcd:etcd /var/lib/etcd
fi
    mv -f "$held/etcd.yaml" /etc/kubernetes/manifests/etcd.yaml
    echo "etcd on $node restored from $plain (member $node, cluster $initial_cluster, token $token) and starting. Restore every other control-plane node from the same snapshot, then run restore-etcd.sh finish on each"
    ;;
  finish)
    [ -f /etc/kubernetes/manifests/etcd.yaml ] || fail "etcd'\''s manifest is not in /etc/kubernetes/manifests: run restore-etcd.sh restore first"
    healthy=""
    for _ in $(seq 1 120); do
      etcd_problem=""
      if etcd_healthy; then healthy=yes; break; fi
      sleep 5
    done
    [ -n "$healthy" ] || fail "etcd on $node has not been healthy for 10 minutes (${etcd_problem:-its endpoint health fails}): is every control-plane node restored from the same snapshot? (see etcd'\''s log: crictl logs)"
    if [ -f "$held/kube-apiserver.yaml" ]; then
      mv -f "$held/kube-apiserver.yaml" /etc/kubernetes/manifests/kube-apiserver.yaml
      echo "put kube-apiserver.yaml back into /etc/kubernetes/manifests"
    fi
    # kube-controller-manager and kube-scheduler start over from the restored data; kubelet restarts their containers.
    for component in kube-controller-manager kube-scheduler; do
      for container in $(running "$component"); do
        crictl --runtime-endpoint unix:///run/containerd/containerd.sock stop "$container" >/dev/null
      done
    done
    systemctl restart kubelet
    echo "etcd is healthy and the control plane restarting on $node. Once the cluster works, remove /var/lib/etcd.before-restore-* and $held"
    ;;
  *)
    usage >&2
    exit 2
    ;;
esac
'
if [ -n "$changed" ]; then
  echo "wrote /etc/kubernetes/platform/restore-etcd.sh"
fi
changed=""
# The scheduled etcd backup goes when the node leaves, or when the stack has no backup target: its timer and service,
# its script, the certificate it encrypts to and the target's credentials. Where there are none, nothing happens. The
# local snapshots stay until the node's reset removes the platform's state.
if [ -f /etc/systemd/system/platform-etcd-backup.timer ] || [ -f /etc/systemd/system/platform-etcd-backup.service ]; then
  systemctl disable --now platform-etcd-backup.timer || true
  rm -f /etc/systemd/system/platform-etcd-backup.timer /etc/systemd/system/platform-etcd-backup.service
  systemctl daemon-reload
fi
rm -rf /etc/kubernetes/platform/backup-etcd.sh /etc/kubernetes/platform/etcd-backup
