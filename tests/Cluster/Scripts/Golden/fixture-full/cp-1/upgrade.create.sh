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
}
# A run that stopped after the kubelet's upgrade left the node cordoned: finish it before the version guard ends here.
if [ "$(reported_kubelet_version "$node")" = "v$TARGET" ]; then
  uncordon_after_upgrade "$node"
fi
# The version the node's running kubelet reports, not the binary's: the binary changes before the upgrade is done (on
# Flatcar with the sysext, before kubeadm and the drain; on Ubuntu before kubelet restarts), so a run that stopped
# half-way is finished by the next one.
running="$(kubectl --kubeconfig /etc/kubernetes/admin.conf get node "$node" -o jsonpath='{.status.nodeInfo.kubeletVersion}')"
if [ -z "$running" ]; then
  echo "could not read the version node $node's kubelet reports (kubectl get node $node): the upgrade needs the node registered and the API reachable" >&2
  exit 1
fi
if [ "$running" = "v$TARGET" ]; then
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
  rm -f /var/lib/etcd/platform-snapshot.db /var/lib/etcd/platform-snapshot.db.part
  if ! crictl --runtime-endpoint unix:///run/containerd/containerd.sock exec "$etcd_container" etcdctl --endpoints="$etcd_endpoint" \
    --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt \
    --key=/etc/kubernetes/pki/etcd/healthcheck-client.key snapshot save /var/lib/etcd/platform-snapshot.db; then
    etcd_snapshot_failed "etcd at $etcd_endpoint gave no snapshot"
  fi
  if ! crictl --runtime-endpoint unix:///run/containerd/containerd.sock exec "$etcd_container" etcdutl snapshot status /var/lib/etcd/platform-snapshot.db; then
    etcd_snapshot_failed "the snapshot etcd gave does not pass etcdutl snapshot status"
  fi
  install -d -m 0700 /var/lib/platform /var/lib/platform/etcd-snapshots
  etcd_snapshot="/var/lib/platform/etcd-snapshots/$(date -u +%Y%m%dT%H%M%SZ)-$running-to-v$TARGET.db"
  mv -f /var/lib/etcd/platform-snapshot.db "$etcd_snapshot"
  chmod 0600 "$etcd_snapshot"
  echo "etcd snapshot: $etcd_snapshot"
  find /var/lib/platform/etcd-snapshots -maxdepth 1 -type f -name '*Z-v*-to-v*.db' | sort | head -n -3 | xargs -r rm -f --
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
