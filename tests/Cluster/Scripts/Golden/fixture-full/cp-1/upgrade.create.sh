#!/usr/bin/env bash
# Platform: upgrade control-plane node cp-1 to Kubernetes 1.37.1
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
K8S_VERSION=1.37.1
TARGET="$K8S_VERSION"
node=cp-1
export KUBECONFIG=/etc/kubernetes/admin.conf
# An upgrade makes schedulable again only a node it cordoned itself: a node an operator cordoned stays cordoned. The
# annotation records it on the node, so an upgrade that stopped half-way is finished by the next run. The drain evicts
# (PodDisruptionBudgets are respected) for 15 minutes at most, then names what holds it.
drain_for_upgrade() {
  hold_reboot_lock
  if [ "$(kubectl get node "$1" -o jsonpath='{.spec.unschedulable}')" != "true" ]; then
    kubectl annotate node "$1" --overwrite platform/cordoned-for-upgrade=1.37.1 >/dev/null
  fi
  if ! kubectl drain "$1" --ignore-daemonsets --delete-emptydir-data --timeout=15m; then
    # What is left, by owner: DaemonSet pods and static pods (owned by the Node) stay on purpose; a pod without an owner
    # is one kubectl drain refuses to delete.
    pods="$(kubectl get pods --all-namespaces --field-selector "spec.nodeName=$1" -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}={.metadata.ownerReferences[0].kind} {end}' 2>/dev/null || true)"
    left=""
    bare=""
    for pod in $pods; do
      case "${pod#*=}" in
        DaemonSet | Node) ;;
        "") bare="$bare ${pod%=*}" ;;
        *) left="$left ${pod%=*}" ;;
      esac
    done
    budgets="$(kubectl get poddisruptionbudgets --all-namespaces -o jsonpath='{range .items[?(@.status.disruptionsAllowed==0)]}{.metadata.namespace}/{.metadata.name} {end}' 2>/dev/null || true)"
    echo "the drain of $1 did not finish (15 minutes at most); pods still on it:${left:- none}; pods without a controller, which a drain does not delete:${bare:- none}; PodDisruptionBudgets that allow no disruption now: ${budgets:-none}. Let them go (more replicas elsewhere, a budget that allows one, or delete the bare pods), then run pulumi up again; the node stays cordoned until its upgrade is done" >&2
    exit 1
  fi
}
# The version the node's running kubelet reports to the API.
reported_kubelet_version() {
  kubectl get node "$1" -o jsonpath='{.status.nodeInfo.kubeletVersion}'
}
uncordon_after_upgrade() {
  if [ -n "$(kubectl get node "$1" -o jsonpath='{.metadata.annotations.platform/cordoned-for-upgrade}')" ]; then
    kubectl uncordon "$1"
    kubectl annotate node "$1" platform/cordoned-for-upgrade- >/dev/null
  fi
  release_reboot_lock
}
# kured's reboot lock: an annotation on kured's DaemonSet that kured's pods take before they drain and reboot a node,
# one holder at a time. An upgrade holds it too, from before it takes a node out until the last node it cordoned is
# schedulable again, and so does a node's removal while it drains the node and changes etcd's membership, so kured never
# reboots a node while another is out (two control-plane nodes never go down together). It waits up to 30 minutes for a reboot in progress. The upgrade's lock names no node and
# expires after an hour (kured then takes it over), so an upgrade that stopped half-way does not stop reboots for good;
# every call takes it anew. Without kured (no DaemonSet) there is nothing to hold.
# The DaemonSet's resourceVersion and its lock annotation (empty when there is none), or nothing without kured.
reboot_lock_state() {
  kubectl -n kured get daemonset kured --ignore-not-found -o jsonpath="{.metadata.resourceVersion} {.metadata.annotations.${reboot_lock_annotation//./\\.}}"
}
reboot_lock_annotation=weave.works/kured-node-lock
hold_reboot_lock() {
  local state version lock holder waited=0 conflicts=0
  if [ -z "$(kubectl -n kured get daemonset kured --ignore-not-found -o name)" ]; then
    return 0
  fi
  while :; do
    state="$(reboot_lock_state)"
    version="${state%% *}"
    lock="${state#* }"
    case "$lock" in
      "" | *'"nodeID":"platform:upgrade"'*)
        # Written only if the DaemonSet is still at the version read, as kured writes it: one of two writers wins.
        if kubectl -n kured annotate daemonset kured --overwrite --resource-version="$version" \
          "$reboot_lock_annotation={\"nodeID\":\"platform:upgrade\",\"metadata\":{\"unschedulable\":false},\"created\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"TTL\":3600000000000}" >/dev/null; then
          return 0
        fi
        # The DaemonSet changed since it was read: another step of this upgrade (a wave drains its workers at once) has
        # taken or refreshed the same lock, which is then held, or kured has taken it (waited for below).
        case "$(reboot_lock_state)" in
          *'"nodeID":"platform:upgrade"'*) return 0 ;;
        esac
        conflicts=$((conflicts + 1))
        sleep $((1 + RANDOM % 3))
        if [ "$conflicts" -ge 10 ]; then
          echo "could not take kured's reboot lock (annotation $reboot_lock_annotation on daemonset kured/kured) after 10 attempts; run pulumi up again" >&2
          exit 1
        fi
        ;;
      *)
        holder="$(printf '%s' "$lock" | sed -n 's/.*"nodeID":"\([^"]*\)".*/\1/p')"
        if [ "$waited" -ge 1800 ]; then
          echo "kured holds its reboot lock for node ${holder:-unknown} (annotation $reboot_lock_annotation on daemonset kured/kured) and has not released it in 30 minutes, so the upgrade does not take a node out. Once that node is back and Ready kured releases it; if the node is gone, remove the annotation (kubectl -n kured annotate daemonset kured $reboot_lock_annotation-), then run pulumi up again" >&2
          exit 1
        fi
        sleep 30
        waited=$((waited + 30))
        ;;
    esac
  done
}
# Releases the upgrade's lock once no node is cordoned for an upgrade any more (the last of a wave releases it).
release_reboot_lock() {
  local state version attempt
  if [ -n "$(kubectl get nodes -o jsonpath='{.items[*].metadata.annotations.platform/cordoned-for-upgrade}')" ]; then
    return 0
  fi
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    state="$(reboot_lock_state)"
    version="${state%% *}"
    case "${state#* }" in
      *'"nodeID":"platform:upgrade"'*) ;;
      *) return 0 ;;
    esac
    if kubectl -n kured annotate daemonset kured --resource-version="$version" "$reboot_lock_annotation-" >/dev/null; then
      return 0
    fi
  done
  echo "could not release kured's reboot lock (annotation $reboot_lock_annotation on daemonset kured/kured) after $attempt attempts; it expires within an hour" >&2
}
# A run that stopped after the kubelet's upgrade left the node cordoned: finish it before the version guard ends here.
if [ "$(reported_kubelet_version "$node")" = "v$TARGET" ] && [ ! -f /var/lib/platform/upgrading ]; then
  uncordon_after_upgrade "$node"
fi
# The version the node's running kubelet reports, not the binary's: the binary changes before the upgrade is done (on
# Flatcar with the sysext, before kubeadm and the drain; on Ubuntu before kubelet restarts), so a run that stopped
# half-way is finished by the next one.
# A kubelet that reports the target is not enough while the node's upgrade is under way (the marker, written before
# the upgrade changes anything and removed once it is done): a Flatcar node that restarted after its sysext switch runs
# the new kubelet before kubeadm has upgraded its static pods and kubelet configuration.
if ! running="$(kubectl --kubeconfig /etc/kubernetes/admin.conf get node "$node" -o jsonpath='{.status.nodeInfo.kubeletVersion}')" || [ -z "$running" ]; then
  echo "could not read the version node $node's kubelet reports (kubectl get node $node): the upgrade needs the node registered and the API reachable" >&2
  exit 1
fi
if [ "$running" = "v$TARGET" ] && [ ! -f /var/lib/platform/upgrading ]; then
  echo "already at v$TARGET"
  exit 0
fi
running_minor="$(echo "${running#v}" | cut -d. -f2)"
target_minor="$(echo "$TARGET" | cut -d. -f2)"
if [ "$target_minor" -lt "$running_minor" ]; then
  echo "refusing to downgrade from $running to v$TARGET" >&2
  exit 1
fi
if [ "$target_minor" -gt $((running_minor + 1)) ]; then
  echo "kubeadm upgrades one minor version at a time: from $running go to 1.$((running_minor + 1)).x first" >&2
  exit 1
fi
# Called right before the upgrade's first change to the node.
mark_upgrade_under_way() {
  install -d -m 0700 /var/lib/platform
  echo "$TARGET" >/var/lib/platform/upgrading
}
# No reboot while kubeadm upgrades this node's control plane and etcd member, nor while it is drained.
hold_reboot_lock
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
# None once kubeadm has upgraded this node's API server (it runs the target): a retry then keeps the snapshot from
# before the upgrade instead of rotating it out.
if ! grep -qE "/kube-apiserver:v${TARGET//./[.]}\$" /etc/kubernetes/manifests/kube-apiserver.yaml 2>/dev/null; then
  etcd_snapshot "the upgrade of $node to v$TARGET" "$running-to-v$TARGET" '*Z-v*-to-v*.db' copy
fi
# apt waits up to 5 minutes for the dpkg lock (unattended-upgrades holds it on a fresh host) and retries downloads;
# a run that still fails (a lock it could not get, a mirror that did not answer) is tried again, 6 times at most.
export DEBIAN_FRONTEND=noninteractive
apt_retry() {
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge 6 ]; then
      echo "'$*' failed 6 times: another apt or dpkg process may hold its lock, or a package mirror is unreachable" >&2
      return 1
    fi
    echo "'$*' failed (attempt $attempt of 6); trying again in 20 seconds" >&2
    sleep 20
    attempt=$((attempt + 1))
  done
}
apt_get() {
  apt_retry apt-get -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3 "$@"
}
# containerd's own support matrix for this Kubernetes minor: the oldest supported patch of each containerd line,
# newest line first; a line newer than the newest one listed is supported too.
CONTAINERD_MINIMUMS='2.3.0 2.2.0'
version_at_least() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]
}
containerd_supported() {
  newest=""
  for minimum in $CONTAINERD_MINIMUMS; do
    [ -n "$newest" ] || newest="$minimum"
    if [ "${1%.*}" = "${minimum%.*}" ]; then
      version_at_least "$1" "$minimum"
      return
    fi
  done
  version_at_least "$1" "$newest"
}
# The running containerd's version, e.g. 2.2.1 (from "containerd github.com/containerd/containerd/v2 v2.2.1 <commit>").
containerd_version() {
  version="$(containerd --version | awk '{print $3}')"
  version="${version#v}"
  echo "${version%%[-+~]*}"
}
# The containerd configuration for the running containerd's major version: version 3 for containerd 2, version 2 for
# containerd 1.7 (which only Kubernetes 1.35 supports). It pins the sandbox image kubeadm expects and the systemd
# cgroup driver kubelet uses; everything else is containerd's default. containerd restarts only when it changed.
configure_containerd() {
  case "$(containerd_version)" in
    1.*) config='# Platform: containerd for Kubernetes; everything not set here keeps containerd defaults
version = 2
oom_score = -999

[plugins."io.containerd.grpc.v1.cri"]
sandbox_image = "registry.k8s.io/pause:3.10.2"
enable_unprivileged_ports = true
enable_unprivileged_icmp = true

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
runtime_type = "io.containerd.runc.v2"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
SystemdCgroup = true' ;;
    *) config='# Platform: containerd for Kubernetes; everything not set here keeps containerd defaults
version = 3
oom_score = -999

[plugins."io.containerd.cri.v1.images".pinned_images]
sandbox = "registry.k8s.io/pause:3.10.2"

[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc]
runtime_type = "io.containerd.runc.v2"

[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc.options]
SystemdCgroup = true' ;;
  esac
  install -d -m 0755 /etc/containerd
  # Compared as files: cmp on a pipe may stop reading before printf has written it all.
  printf '%s\n' "$config" >/etc/containerd/config.toml.new
  chmod 0644 /etc/containerd/config.toml.new
  if cmp -s /etc/containerd/config.toml.new /etc/containerd/config.toml; then
    rm -f /etc/containerd/config.toml.new
  else
    mv -f /etc/containerd/config.toml.new /etc/containerd/config.toml
    systemctl restart containerd
  fi
}
# containerd comes from Ubuntu's archive (its -updates pocket has containerd 2), at a version containerd's matrix
# supports for this Kubernetes minor, held so unattended upgrades do not restart it.
containerd_candidate() {
  apt-cache policy containerd | awk '$1 == "Candidate:" {print $2}'
}
check_containerd_candidate() {
  candidate="$(containerd_candidate)"
  upstream="${candidate#*:}"
  upstream="${upstream%%-*}"
  if [ -z "$candidate" ] || [ "$candidate" = "(none)" ] || ! containerd_supported "$upstream"; then
    codename="$(awk -F= '$1 == "VERSION_CODENAME" {print $2}' /etc/os-release 2>/dev/null || true)"
    echo "Kubernetes $K8S_VERSION needs containerd $CONTAINERD_MINIMUMS or newer (in each line); apt offers containerd ${candidate:-none} on this host: enable Ubuntu's $codename-updates pocket (and apt-get update), then run pulumi up again" >&2
    exit 1
  fi
}
install_containerd() {
  check_containerd_candidate
  apt_retry apt-mark unhold containerd runc >/dev/null
  apt_get install -y -q --allow-change-held-packages "containerd=$candidate" runc
  apt_retry apt-mark hold containerd runc >/dev/null
}
# kubeadm, kubelet and kubectl come from the Kubernetes package repository of their minor version, pinned and held.
use_kubernetes_repository() {
  minor="v$(echo "$1" | cut -d. -f1,2)"
  install -d -m 0755 /etc/apt/keyrings
  list="deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/$minor/deb/ /"
  if [ "$(cat /etc/apt/sources.list.d/kubernetes.list 2>/dev/null)" != "$list" ]; then
    curl -fsSL --retry 5 "https://pkgs.k8s.io/core:/stable:/$minor/deb/Release.key" | gpg --dearmor --yes -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg
    echo "$list" >/etc/apt/sources.list.d/kubernetes.list
  fi
  apt_get update -q
}
upgrade_packages() {
  use_kubernetes_repository "$TARGET"
  apt_retry apt-mark unhold "$@" >/dev/null
  pins=()
  for package in "$@"; do pins+=("$package=$TARGET-*"); done
  apt_get install -y -q --allow-change-held-packages "${pins[@]}"
  apt_retry apt-mark hold "$@" >/dev/null
}
# A containerd this minor does not support is replaced once the node is drained; a missing candidate fails here,
# before anything changed.
if ! containerd_supported "$(containerd_version)"; then
  apt_get update -q
  check_containerd_candidate
fi
mark_upgrade_under_way
upgrade_packages kubeadm
# Under the lock the service-proxy step and the certificate renewal take on this node, so it never uploads kubeadm-config
# or restarts the static pods meanwhile.
flock /run/platform-kubeadm.lock kubeadm upgrade apply "v$TARGET" --yes --skip-phases=addon/kube-proxy
drain_for_upgrade "$node"
if ! containerd_supported "$(containerd_version)"; then
  install_containerd
fi
configure_containerd
upgrade_packages kubelet kubectl
# A node that joined under an earlier release has no --node-ip among the flags kubeadm wrote for kubelet then: add the
# inventory address (kubelet restarts with it below).
if [ -f /var/lib/kubelet/kubeadm-flags.env ] && ! grep -q -- '--node-ip=' /var/lib/kubelet/kubeadm-flags.env; then
  sed -i 's|^KUBELET_KUBEADM_ARGS="|KUBELET_KUBEADM_ARGS="--node-ip=10.40.0.11 |' /var/lib/kubelet/kubeadm-flags.env
fi
systemctl daemon-reload
systemctl restart kubelet
rm -f /var/lib/platform/upgrading
uncordon_after_upgrade "$node"
# CIS 4.1.1, 4.1.2, 4.1.7, 4.1.9, 4.1.10: kubelet's unit files, its configuration and the cluster CA certificate
# readable by root only. Files on a read-only /usr, as on Flatcar, are left as they are; Flatcar gets a root-only
# copy of kubelet's drop-in under /etc instead, which kube-bench reads first (parts/kubelet-service-drop-in.sh).
for file in /lib/systemd/system/kubelet.service /usr/lib/systemd/system/kubelet.service \
  /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf /etc/systemd/system/kubelet.service.d/10-kubeadm.conf \
  /var/lib/kubelet/config.yaml /etc/kubernetes/pki/ca.crt; do
  if [ -f "$file" ] && [ -w "$file" ]; then
    chmod 600 "$file"
    chown root:root "$file"
  fi
done
# CIS 1.1.20: every certificate under the PKI folder readable by root only (all its readers run as root).
if [ -d /etc/kubernetes/pki ]; then
  find /etc/kubernetes/pki -name '*.crt' -exec chmod 600 {} +
fi
# CIS 1.1.12: etcd's data directory, kubeadm's default /var/lib/etcd (the ClusterConfiguration sets no other), owned
# by etcd:etcd, with everything in it at the time. kubeadm's etcd runs as root, which the owner does not restrict, and
# the directory keeps its mode 0700 (CIS 1.1.11). Flatcar has an etcd user and group already; elsewhere they are made
# as system accounts with no home and no login. Runs after kubeadm init, join and upgrade, which create or rewrite
# the directory's files as root.
if [ -d /var/lib/etcd ]; then
  getent group etcd >/dev/null || groupadd --system etcd
  getent passwd etcd >/dev/null || useradd --system --gid etcd --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin etcd
  chown -R etcd:etcd /var/lib/etcd
fi
