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
peer_url='\''https://10.30.0.13:2380'\''
initial_cluster='\''cp-1=https://10.30.0.11:2380,cp-2=https://10.30.0.12:2380,cp-3=https://10.30.0.13:2380'\''
held=/var/lib/platform/etcd-restore
snapshots=/var/lib/platform/etcd-snapshots
key_prefix='\''etcd-snapshots/'\''
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
# The backup target outside the cluster, its credentials written by the etcd-backup step (root only).
s3_connect() {
  s3_url='\''https://s3.backup.example.internal/enterprise-prod-backups'\''
  s3_config=/etc/kubernetes/platform/etcd-backup/s3-credentials.conf
  s3_temporary=""
  s3_tls=()
  if [ -f /etc/kubernetes/platform/etcd-backup/ca.pem ]; then
    s3_tls=(--cacert /etc/kubernetes/platform/etcd-backup/ca.pem)
  fi
  if [ ! -r "$s3_config" ]; then
    echo "the backup target'\''s credentials are not at $s3_config (the etcd-backup step of pulumi up writes them)" >&2
    return 1
  fi
}
# S3 requests with curl'\''s own SigV4 signing. curl signs a payload hash it is given (the x-amz-content-sha256 header,
# which S3 requires) from 7.87 on (curl/curl#9804); earlier releases, like Ubuntu 22.04'\''s 7.81, sign none, so S3 refuses
# their requests. The credentials are in a root-only curl config file ($s3_config, read with --config), never on a
# command line, and curl prints no request headers. s3_connect (the target'\''s part) sets s3_url, s3_config and s3_tls.
s3_empty_sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
s3_check_curl() {
  read -r s3_major s3_minor <<<"$(curl --version | sed -n '\''1s/^curl \([0-9]*\)\.\([0-9]*\)\..*/\1 \2/p'\'')"
  if [ -z "${s3_minor:-}" ] || [ "$s3_major" -lt 7 ] || { [ "$s3_major" -eq 7 ] && [ "$s3_minor" -lt 87 ]; }; then
    echo "curl ${s3_major:-?}.${s3_minor:-?} cannot sign S3 requests (it signs no x-amz-content-sha256): curl 7.87 or later is needed (Ubuntu 24.04, Flatcar)" >&2
    return 1
  fi
}
# s3_request METHOD PATH PAYLOAD_SHA256 [CURL_ARGUMENTS...]: the response on standard output; S3'\''s error and a failure
# when it answers with one.
s3_request() {
  s3_method="$1"
  s3_path="$2"
  s3_sha256="$3"
  shift 3
  curl --silent --show-error --fail-with-body --retry 3 --config "$s3_config" ${s3_tls[@]+"${s3_tls[@]}"} \
    --aws-sigv4 "aws:amz:us-east-1:s3" -H "x-amz-content-sha256: $s3_sha256" --request "$s3_method" "$@" "$s3_url$s3_path"
}
s3_put() {
  s3_request PUT "/$2" "$(sha256sum "$1" | cut -d '\'' '\'' -f 1)" --upload-file "$1" >/dev/null
}
s3_get() {
  s3_request GET "/$1" "$s3_empty_sha256" --output "$2"
}
s3_delete() {
  s3_request DELETE "/$1" "$s3_empty_sha256" >/dev/null
}
# A query parameter'\''s value as SigV4 canonicalises it: every byte but A-Z a-z 0-9 - . _ ~ percent-encoded.
s3_encode() {
  s3_encoded=""
  s3_rest="$1"
  while [ -n "$s3_rest" ]; do
    s3_char="${s3_rest:0:1}"
    s3_rest="${s3_rest:1}"
    case "$s3_char" in
      [A-Za-z0-9._~-]) s3_encoded+="$s3_char" ;;
      *) s3_encoded+="$(printf '\''%%%02X'\'' "'\''$s3_char")" ;;
    esac
  done
  printf '\''%s'\'' "$s3_encoded"
}
# The keys under a prefix (ListObjectsV2, page after page: S3 answers at most 1000 at a time), oldest names first, one
# a line. The query is written as SigV4 canonicalises it: parameters sorted, their values encoded.
s3_list() {
  s3_token=""
  while :; do
    s3_query="list-type=2&prefix=$(s3_encode "$1")"
    if [ -n "$s3_token" ]; then s3_query="continuation-token=$(s3_encode "$s3_token")&$s3_query"; fi
    s3_listing="$(s3_request GET "/?$s3_query" "$s3_empty_sha256")" || return 1
    printf '\''%s\n'\'' "$s3_listing" | grep -o '\''<Key>[^<]*</Key>'\'' | sed '\''s|^<Key>\(.*\)</Key>$|\1|'\'' || true
    case "$s3_listing" in
      *"<IsTruncated>true</IsTruncated>"*) ;;
      *) return 0 ;;
    esac
    s3_token="$(printf '\''%s\n'\'' "$s3_listing" | sed -n '\''s|.*<NextContinuationToken>\([^<]*\)</NextContinuationToken>.*|\1|p'\'' | sed -n 1p)"
    if [ -z "$s3_token" ]; then
      echo "the listing of $1 is cut off but names no continuation token" >&2
      return 1
    fi
  done
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
# The backup script, the certificate the snapshots are encrypted to (the stack keeps the private key), the target's CA
# certificates, and the target's credentials from standard input, root only (none for the in-cluster target, whose
# credentials the script reads from its ObjectBucketClaim's Secret at each run); then the service and the timer.
install -d -m 0700 /etc/kubernetes/platform/etcd-backup
# shellcheck disable=SC2016
write_file /etc/kubernetes/platform/backup-etcd.sh 0700 '#!/usr/bin/env bash
# Platform: back up etcd from control-plane node cp-3: a snapshot, kept locally, encrypted and uploaded
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
# Run by the platform-etcd-backup timer; its output is in the journal (journalctl -u platform-etcd-backup), and a run
# that fails leaves the service failed (systemctl status platform-etcd-backup). Each run: a snapshot of this node'\''s
# etcd member (the etcd container'\''s etcdctl, as before an upgrade), the newest 3 of them kept under
# /var/lib/platform/etcd-snapshots (*-scheduled.db); the snapshot encrypted to the stack'\''s backup certificate (CMS, AES-256-GCM,
# the key wrapped with RSA-OAEP: only the stack'\''s etcdBackupDecryptionKey decrypts it), uploaded as
# <key prefix><node>/<snapshot>.cms, and this node'\''s uploads older than 30 days deleted.
node=cp-3
state=/var/lib/platform/etcd-backup
key_prefix='\''etcd-snapshots/'\''
retention_days=30
etcd_snapshot_retry="The backup timer'\''s next run tries again"
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
# Before kubeadm changes anything on this control-plane node: a snapshot of etcd from its local member, which the etcd
# container'\''s etcdctl takes and its etcdutl checks. The container sees only etcd'\''s data directory and certificates
# (kubeadm'\''s hostPath mounts, at the same paths), so etcdctl writes into the data directory and the snapshot then moves
# to the platform'\''s snapshot folder (root only, mode 0600): kubeadm'\''s upgrade copies the whole data directory to its
# own backup, and etcd warns about every foreign file in it. Only the newest of each kind are kept. A snapshot that
# fails stops the step here, before anything changed.
# etcd_snapshot WHAT NAME KIND COPY [STAGE]: WHAT is what is about to change (for the messages), NAME the snapshot'\''s file name
# after its UTC time, KIND the glob of the snapshots of its kind, COPY "copy" when kubeadm then copies the whole data
# directory under /etc/kubernetes/tmp (an upgrade, whose etcd may change), anything else when it does not.
# STAGE, when given, names the file the snapshot is first written to (platform-snapshot-STAGE.db): the scheduled backup
# stages apart from an upgrade'\''s, which may run at the same time. A failure'\''s
# message ends with $etcd_snapshot_retry when it is set (the scheduled backup'\''s), with what to do in pulumi up when not.
etcd_snapshot_failed() {
  rm -f "$etcd_staged" "$etcd_staged.part"
  echo "etcd snapshot before $1: $2; nothing was changed. ${etcd_snapshot_retry:-Fix etcd on this node, then run pulumi up again}" >&2
  exit 1
}
etcd_snapshot() {
  etcd_staged="/var/lib/etcd/platform-snapshot${5:+-$5}.db"
  find_local_etcd || etcd_snapshot_failed "$1" "$etcd_problem"
  # The snapshot is as large as etcd'\''s database, is written into the data directory first and stays on that filesystem
  # when the snapshot folder is on it; an upgrade'\''s kubeadm then copies the whole data directory. Refuse when what the
  # step writes would leave etcd'\''s filesystem less free space than the database takes (an etcd whose disk is full stops
  # taking writes).
  etcd_db_bytes="$(stat -c %s /var/lib/etcd/member/snap/db 2>/dev/null || echo 0)"
  etcd_data_bytes="$(du -sb /var/lib/etcd 2>/dev/null | cut -f1 || true)"
  etcd_free_bytes="$(df --output=avail -B1 /var/lib/etcd 2>/dev/null | tail -n 1 | tr -d '\'' '\'' || true)"
  case "$etcd_free_bytes$etcd_data_bytes" in
    "" | *[!0-9]*) etcd_snapshot_failed "$1" "du and df could not tell the size and free space of /var/lib/etcd" ;;
  esac
  etcd_needed_bytes=$((2 * etcd_db_bytes))
  etcd_needed_for="the snapshot, and as much again left to etcd"
  if [ "$4" = copy ] && [ "$(stat -c %d /var/lib/etcd)" = "$(stat -c %d /etc/kubernetes)" ]; then
    etcd_needed_bytes=$((etcd_needed_bytes + etcd_data_bytes))
    etcd_needed_for="the snapshot, kubeadm'\''s $etcd_data_bytes-byte copy of the data directory under /etc/kubernetes/tmp, and as much as the database again left to etcd"
  fi
  if [ "$etcd_free_bytes" -lt "$etcd_needed_bytes" ]; then
    etcd_snapshot_failed "$1" "/var/lib/etcd has $etcd_free_bytes bytes free, and etcd'\''s $etcd_db_bytes-byte database needs $etcd_needed_bytes ($etcd_needed_for)"
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
# The backup target outside the cluster, its credentials written by the etcd-backup step (root only).
s3_connect() {
  s3_url='\''https://s3.backup.example.internal/enterprise-prod-backups'\''
  s3_config=/etc/kubernetes/platform/etcd-backup/s3-credentials.conf
  s3_temporary=""
  s3_tls=()
  if [ -f /etc/kubernetes/platform/etcd-backup/ca.pem ]; then
    s3_tls=(--cacert /etc/kubernetes/platform/etcd-backup/ca.pem)
  fi
  if [ ! -r "$s3_config" ]; then
    echo "the backup target'\''s credentials are not at $s3_config (the etcd-backup step of pulumi up writes them)" >&2
    return 1
  fi
}
# S3 requests with curl'\''s own SigV4 signing. curl signs a payload hash it is given (the x-amz-content-sha256 header,
# which S3 requires) from 7.87 on (curl/curl#9804); earlier releases, like Ubuntu 22.04'\''s 7.81, sign none, so S3 refuses
# their requests. The credentials are in a root-only curl config file ($s3_config, read with --config), never on a
# command line, and curl prints no request headers. s3_connect (the target'\''s part) sets s3_url, s3_config and s3_tls.
s3_empty_sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
s3_check_curl() {
  read -r s3_major s3_minor <<<"$(curl --version | sed -n '\''1s/^curl \([0-9]*\)\.\([0-9]*\)\..*/\1 \2/p'\'')"
  if [ -z "${s3_minor:-}" ] || [ "$s3_major" -lt 7 ] || { [ "$s3_major" -eq 7 ] && [ "$s3_minor" -lt 87 ]; }; then
    echo "curl ${s3_major:-?}.${s3_minor:-?} cannot sign S3 requests (it signs no x-amz-content-sha256): curl 7.87 or later is needed (Ubuntu 24.04, Flatcar)" >&2
    return 1
  fi
}
# s3_request METHOD PATH PAYLOAD_SHA256 [CURL_ARGUMENTS...]: the response on standard output; S3'\''s error and a failure
# when it answers with one.
s3_request() {
  s3_method="$1"
  s3_path="$2"
  s3_sha256="$3"
  shift 3
  curl --silent --show-error --fail-with-body --retry 3 --config "$s3_config" ${s3_tls[@]+"${s3_tls[@]}"} \
    --aws-sigv4 "aws:amz:us-east-1:s3" -H "x-amz-content-sha256: $s3_sha256" --request "$s3_method" "$@" "$s3_url$s3_path"
}
s3_put() {
  s3_request PUT "/$2" "$(sha256sum "$1" | cut -d '\'' '\'' -f 1)" --upload-file "$1" >/dev/null
}
s3_get() {
  s3_request GET "/$1" "$s3_empty_sha256" --output "$2"
}
s3_delete() {
  s3_request DELETE "/$1" "$s3_empty_sha256" >/dev/null
}
# A query parameter'\''s value as SigV4 canonicalises it: every byte but A-Z a-z 0-9 - . _ ~ percent-encoded.
s3_encode() {
  s3_encoded=""
  s3_rest="$1"
  while [ -n "$s3_rest" ]; do
    s3_char="${s3_rest:0:1}"
    s3_rest="${s3_rest:1}"
    case "$s3_char" in
      [A-Za-z0-9._~-]) s3_encoded+="$s3_char" ;;
      *) s3_encoded+="$(printf '\''%%%02X'\'' "'\''$s3_char")" ;;
    esac
  done
  printf '\''%s'\'' "$s3_encoded"
}
# The keys under a prefix (ListObjectsV2, page after page: S3 answers at most 1000 at a time), oldest names first, one
# a line. The query is written as SigV4 canonicalises it: parameters sorted, their values encoded.
s3_list() {
  s3_token=""
  while :; do
    s3_query="list-type=2&prefix=$(s3_encode "$1")"
    if [ -n "$s3_token" ]; then s3_query="continuation-token=$(s3_encode "$s3_token")&$s3_query"; fi
    s3_listing="$(s3_request GET "/?$s3_query" "$s3_empty_sha256")" || return 1
    printf '\''%s\n'\'' "$s3_listing" | grep -o '\''<Key>[^<]*</Key>'\'' | sed '\''s|^<Key>\(.*\)</Key>$|\1|'\'' || true
    case "$s3_listing" in
      *"<IsTruncated>true</IsTruncated>"*) ;;
      *) return 0 ;;
    esac
    s3_token="$(printf '\''%s\n'\'' "$s3_listing" | sed -n '\''s|.*<NextContinuationToken>\([^<]*\)</NextContinuationToken>.*|\1|p'\'' | sed -n 1p)"
    if [ -z "$s3_token" ]; then
      echo "the listing of $1 is cut off but names no continuation token" >&2
      return 1
    fi
  done
}
fail() {
  echo "etcd backup of $node: $1" >&2
  exit 1
}
cleanup() {
  rm -f "$state"/*.cms "$state"/*.cms.part
  if [ -n "${s3_temporary:-}" ]; then rm -f "$s3_temporary"; fi
}
trap cleanup EXIT
trap '\''exit 1'\'' TERM INT
# An upgrade of this node snapshots etcd itself before kubeadm changes anything, and restarts etcd meanwhile.
if [ -e /var/lib/platform/upgrading ]; then
  echo "an upgrade of $node is under way (/var/lib/platform/upgrading): no backup now, the next run tries again"
  exit 0
fi
install -d -m 0700 /var/lib/platform "$state"
cleanup
# The kubeadm lock only while the snapshot is taken: upgrades, reconfigurations and certificate renewals restart etcd
# under it. The encryption and the upload do not hold it.
exec 9>/run/platform-kubeadm.lock
if ! flock -w 900 9; then
  fail "another kubeadm operation has held /run/platform-kubeadm.lock for 15 minutes; no snapshot taken, the next run tries again"
fi
etcd_snapshot "the scheduled backup" scheduled '\''*-scheduled.db'\'' no-copy scheduled
exec 9>&-
name="${etcd_snapshot##*/}"
snapshot_bytes="$(stat -c %s "$etcd_snapshot")"
free_bytes="$(df --output=avail -B1 "$state" | tail -n 1 | tr -d '\'' '\'')"
# The encrypted copy is as large as the snapshot; as much again stays free for etcd when they share a filesystem.
if [ "$free_bytes" -lt $((2 * snapshot_bytes)) ]; then
  fail "$state has $free_bytes bytes free, too few to encrypt the $snapshot_bytes-byte snapshot $etcd_snapshot (kept locally); nothing uploaded"
fi
if ! openssl cms -encrypt -binary -stream -outform DER -aes-256-gcm -recip /etc/kubernetes/platform/etcd-backup/recipient.pem \
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
printf '\''%s %s\n'\'' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$key" >"$state/last-upload.part"
mv -f "$state/last-upload.part" "$state/last-upload"
echo "etcd backup of $node uploaded: $key"
# This node'\''s uploads older than the retention (their names start with their UTC time), never the one just made.
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
'
write_file /etc/kubernetes/platform/etcd-backup/recipient.pem 0644 '-----BEGIN CERTIFICATE-----
ZW50ZXJwcmlzZS1wcm9kLWV0Y2QtYmFja3VwLXJlY2lwaWVudA==
-----END CERTIFICATE-----
'
ca_bundle=''
if [ -n "$ca_bundle" ]; then
  write_file /etc/kubernetes/platform/etcd-backup/ca.pem 0644 "$ca_bundle"
else
  rm -f /etc/kubernetes/platform/etcd-backup/ca.pem
fi
credentials="$(cat)"
if [ -n "$credentials" ]; then
  write_file /etc/kubernetes/platform/etcd-backup/s3-credentials.conf 0600 "$credentials"
else
  rm -f /etc/kubernetes/platform/etcd-backup/s3-credentials.conf
fi
write_file /etc/systemd/system/platform-etcd-backup.service 0644 '[Unit]
Description=Platform: snapshot etcd on this control-plane node, encrypt the snapshot and upload it to the backup target
Documentation=https://etcd.io/docs/v3.5/op-guide/recovery/
After=network-online.target containerd.service kubelet.service
Wants=network-online.target

[Service]
Type=oneshot
ExecStart=/etc/kubernetes/platform/backup-etcd.sh
TimeoutStartSec=50min
SyslogIdentifier=platform-etcd-backup
Nice=10
IOSchedulingClass=best-effort
IOSchedulingPriority=7
'
write_file /etc/systemd/system/platform-etcd-backup.timer 0644 '[Unit]
Description=Platform: hourly etcd backup of this control-plane node

[Timer]
OnCalendar=*-*-* *:00:00 UTC
RandomizedDelaySec=5min
AccuracySec=1min
Persistent=true

[Install]
WantedBy=timers.target
'
if [ -n "$changed" ]; then
  systemctl daemon-reload
  systemctl restart platform-etcd-backup.timer
fi
if ! systemctl is-enabled --quiet platform-etcd-backup.timer || ! systemctl is-active --quiet platform-etcd-backup.timer; then
  systemctl enable --now platform-etcd-backup.timer
fi
systemctl list-timers platform-etcd-backup.timer --no-pager || true
