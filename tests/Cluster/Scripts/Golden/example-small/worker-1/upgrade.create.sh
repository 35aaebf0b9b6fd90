#!/usr/bin/env bash
# Platform: upgrade this worker to Kubernetes 1.37.1
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
K8S_VERSION=1.37.1
TARGET="$K8S_VERSION"
node=worker-1
# The version the node's running kubelet reports, not the binary's: the binary changes before the upgrade is done (on
# Flatcar with the sysext, before kubeadm and the drain; on Ubuntu before kubelet restarts), so a run that stopped
# half-way is finished by the next one.
# A kubelet that reports the target is not enough while the node's upgrade is under way (the marker, written before
# the upgrade changes anything and removed once it is done): a Flatcar node that restarted after its sysext switch runs
# the new kubelet before kubeadm has upgraded its static pods and kubelet configuration.
if ! running="$(kubectl --kubeconfig /etc/kubernetes/kubelet.conf get node "$node" -o jsonpath='{.status.nodeInfo.kubeletVersion}')" || [ -z "$running" ]; then
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
mark_upgrade_under_way
# The worker is drained (its drain step): containerd first, where this minor does not support the running one.
if ! containerd_supported "$(containerd_version)"; then
  apt_get update -q
  install_containerd
fi
configure_containerd
upgrade_packages kubeadm
kubeadm upgrade node
upgrade_packages kubelet kubectl
# A node that joined under an earlier release has no --node-ip among the flags kubeadm wrote for kubelet then: add the
# inventory address (kubelet restarts with it below).
if [ -f /var/lib/kubelet/kubeadm-flags.env ] && ! grep -q -- '--node-ip=' /var/lib/kubelet/kubeadm-flags.env; then
  sed -i 's|^KUBELET_KUBEADM_ARGS="|KUBELET_KUBEADM_ARGS="--node-ip=192.168.10.21 |' /var/lib/kubelet/kubeadm-flags.env
fi
systemctl daemon-reload
systemctl restart kubelet
rm -f /var/lib/platform/upgrading
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
