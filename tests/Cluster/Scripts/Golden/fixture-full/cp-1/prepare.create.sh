#!/usr/bin/env bash
# Platform: prepare a Ubuntu 24.04 host for Kubernetes 1.37.1
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
K8S_VERSION=1.37.1
# Kernel modules and sysctls for container networking, the kernel defaults that kubelet's
# protectKernelDefaults requires, and the memory-map count OpenSearch's bootstrap check requires
# (vm.max_map_count 262144, set here on every node so the logging namespace needs no privileged init
# container: https://docs.opensearch.org/latest/install-and-configure/install-opensearch/index/).
cat >/etc/modules-load.d/platform-kubernetes.conf <<'EOF'
overlay
br_netfilter
EOF
modprobe overlay
modprobe br_netfilter
cat >/etc/sysctl.d/90-platform-kubernetes.conf <<'EOF'
net.bridge.bridge-nf-call-iptables = 1
net.bridge.bridge-nf-call-ip6tables = 1
net.ipv4.ip_forward = 1
vm.overcommit_memory = 1
vm.panic_on_oom = 0
kernel.panic = 10
kernel.panic_on_oops = 1
kernel.keys.root_maxkeys = 1000000
kernel.keys.root_maxbytes = 25000000
vm.max_map_count = 262144
EOF
sysctl --system >/dev/null

# kubelet refuses to run with swap on.
swapoff -a
if grep -Eq '^[^#].*[[:space:]]swap[[:space:]]' /etc/fstab; then
  sed -Ei '/^[^#].*[[:space:]]swap[[:space:]]/s/^/# disabled for Kubernetes: /' /etc/fstab
fi
systemctl mask swap.target >/dev/null 2>&1 || true
# Falco (the security audits capability) traces this host with its modern eBPF probe, which needs kernel 5.8 or newer
# with BTF type information (/sys/kernel/btf/vmlinux, CONFIG_DEBUG_INFO_BTF=y): Ubuntu 22.04 and later and Flatcar ship
# both. Any other kernel only gets this warning, whether or not the capability is on; this check changes nothing.
kernel_supports_falco() {
  local major minor
  [ -r /sys/kernel/btf/vmlinux ] || return 1
  major="${1%%.*}"
  minor="${1#*.}"
  minor="${minor%%[!0-9]*}"
  case "$major" in '' | *[!0-9]*) return 1 ;; esac
  case "$minor" in '' | *[!0-9]*) minor=0 ;; esac
  [ "$major" -gt 5 ] || { [ "$major" -eq 5 ] && [ "$minor" -ge 8 ]; }
}
# A warning only: nothing here may fail the preparation.
kernel_release="$(uname -r)" || kernel_release=""
if ! kernel_supports_falco "$kernel_release"; then
  echo "warning: kernel ${kernel_release:-unknown} has no BTF (/sys/kernel/btf/vmlinux) or is older than 5.8, so Falco's modern eBPF probe cannot run on this host. With the securityAudits capability on, give the node the label platform.io/kernel-btf: \"false\" in platform:nodes (Falco then skips it and its syscalls go unaudited), or boot a kernel built with CONFIG_DEBUG_INFO_BTF=y." >&2
fi
# kubelet's node IP is the inventory address (kubeadm puts it into the kubelet's flags when the node joins), so it must
# be one of this host's own addresses; kubelet would not start otherwise.
if ! ip -o addr show | awk -v ip=10.40.0.11 'index($4, ip "/") == 1 {found = 1} END {exit !found}'; then
  echo "the inventory address 10.40.0.11 is not an address of this host (it has $(ip -o addr show scope global | awk '{print $4}' | tr '\n' ' ')): kubelet's node IP must be one of its own; give the node its own address in platform:nodes" >&2
  exit 1
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
if ! dpkg -s conntrack socat curl gpg ca-certificates >/dev/null 2>&1; then
  apt_get update -q
  apt_get install -y -q conntrack socat curl gpg ca-certificates
fi
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
# The runtime of a host that is not in the cluster yet is set up here; a member's runtime changes only in its
# upgrade step, drained.
if [ ! -f /etc/kubernetes/kubelet.conf ]; then
  if ! dpkg -s containerd >/dev/null 2>&1 || ! containerd_supported "$(containerd_version)"; then
    apt_get update -q
    install_containerd
  fi
  configure_containerd
elif ! containerd_supported "$(containerd_version)"; then
  # The upgrade step replaces it once the node is drained; that apt has a supported one is checked now, before any
  # drain (the upgrades wait for this step).
  apt_get update -q
  check_containerd_candidate
  echo "warning: containerd $(containerd_version) is not supported with Kubernetes $K8S_VERSION (supported: $CONTAINERD_MINIMUMS or newer); this node's next upgrade step replaces it with $candidate" >&2
fi
systemctl enable --now containerd
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
if ! dpkg -s kubeadm kubelet kubectl >/dev/null 2>&1; then
  TARGET="$K8S_VERSION"
  upgrade_packages kubeadm kubelet kubectl
fi
systemctl enable kubelet
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
