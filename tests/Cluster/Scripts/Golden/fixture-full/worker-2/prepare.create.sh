#!/usr/bin/env bash
# Platform: prepare a Flatcar Container Linux host for Kubernetes 1.37.1
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
K8S_VERSION=1.37.1
# Flatcar's update engine keeps downloading updates and staging them on the passive partition, but no node reboots on
# its own: locksmithd, Flatcar's reboot manager, would reboot as soon as an update is staged, several control-plane
# nodes at once if they stage together. With REBOOT_STRATEGY=off it does nothing (it exits); kured drains and reboots
# the nodes, one at a time. A strategy the host had is kept commented out, and the clean-up step restores it.
strategies="$(grep -E '^[[:space:]]*REBOOT_STRATEGY=' /etc/flatcar/update.conf 2>/dev/null || true)"
ours="$(grep -x -A1 '# Platform: kured reboots this node; locksmithd stays off' /etc/flatcar/update.conf 2>/dev/null | tail -n 1 || true)"
if [ "$strategies" != REBOOT_STRATEGY=off ] || [ "$ours" != REBOOT_STRATEGY=off ]; then
  mkdir -p /etc/flatcar
  touch /etc/flatcar/update.conf
  sed -i -e '/^# Platform: kured reboots this node; locksmithd stays off$/{N;d}' -e 's/^[[:space:]]*REBOOT_STRATEGY=/#platform-kept: &/' /etc/flatcar/update.conf
  printf '%s\n' '# Platform: kured reboots this node; locksmithd stays off' REBOOT_STRATEGY=off >>/etc/flatcar/update.conf
  # A locksmithd already running read the old strategy: stop it (it starts again at boot, reads off and exits).
  if systemctl list-unit-files locksmithd.service >/dev/null 2>&1; then
    systemctl stop locksmithd.service
  fi
fi
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
if ! ip -o addr show | awk -v ip=10.40.1.22 'index($4, ip "/") == 1 {found = 1} END {exit !found}'; then
  echo "the inventory address 10.40.1.22 is not an address of this host (it has $(ip -o addr show scope global | awk '{print $4}' | tr '\n' ' ')): kubelet's node IP must be one of its own; give the node its own address in platform:nodes" >&2
  exit 1
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
# containerd is part of Flatcar's image: Platform checks its version against containerd's matrix for this Kubernetes
# minor (a newer Flatcar release brings a newer containerd) and points it at Platform's configuration.
require_supported_containerd() {
  if ! containerd_supported "$(containerd_version)"; then
    echo "Kubernetes $K8S_VERSION needs containerd $CONTAINERD_MINIMUMS or newer (in each line); this Flatcar release has containerd $(containerd_version): update Flatcar (or use a newer Flatcar image for this node), then run pulumi up again" >&2
    exit 1
  fi
}
use_platform_containerd_config() {
  dropin=/etc/systemd/system/containerd.service.d/10-platform.conf
  if [ "$(cat "$dropin" 2>/dev/null)" != "$(printf '[Service]\nEnvironment=CONTAINERD_CONFIG=/etc/containerd/config.toml')" ]; then
    install -d -m 0755 /etc/systemd/system/containerd.service.d
    printf '[Service]\nEnvironment=CONTAINERD_CONFIG=/etc/containerd/config.toml\n' >"$dropin"
    systemctl daemon-reload
    systemctl restart containerd
  fi
}
# The runtime of a host that is not in the cluster yet is set up here; a member's runtime changes only in its
# upgrade step, drained.
if [ ! -f /etc/kubernetes/kubelet.conf ]; then
  require_supported_containerd
  use_platform_containerd_config
  configure_containerd
elif ! containerd_supported "$(containerd_version)"; then
  echo "warning: containerd $(containerd_version) is not supported with Kubernetes $K8S_VERSION (supported: $CONTAINERD_MINIMUMS or newer); update Flatcar before this node's next upgrade" >&2
fi
systemctl enable --now containerd
# Kubernetes on Flatcar is a systemd-sysext image (Flatcar's sysext-bakery), pinned by the version in its name and
# checked against the SHA256SUMS published with it before it is used. fetch_kubernetes_sysext only downloads and checks
# it (the node runs as it did); switch_kubernetes_sysext fetches it and makes it the node's Kubernetes.
fetch_kubernetes_sysext() {
  case "$(uname -m)" in
    x86_64) arch=x86-64 ;;
    aarch64) arch=arm64 ;;
    *) echo "unsupported architecture $(uname -m)" >&2; exit 1 ;;
  esac
  name="kubernetes-v$1-$arch.raw"
  image="/opt/extensions/kubernetes/$name"
  install -d -m 0755 /opt/extensions/kubernetes /etc/extensions
  if [ ! -f "$image" ]; then
    curl -fsSL --retry 5 -o "$image.download" "https://extensions.flatcar.org/extensions/$name"
    sums="$(curl -fsSL --retry 5 "https://github.com/flatcar/sysext-bakery/releases/download/kubernetes-v$1/SHA256SUMS")"
    expected="$(printf '%s\n' "$sums" | awk -v name="$name" '$2 == name || $2 == "*" name {print $1}')"
    actual="$(sha256sum "$image.download" | awk '{print $1}')"
    if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
      rm -f "$image.download"
      echo "the sysext $name does not match the SHA256SUMS of sysext-bakery's release kubernetes-v$1 (expected ${expected:-no entry}, got $actual): not used" >&2
      exit 1
    fi
    mv -f "$image.download" "$image"
  fi
}
switch_kubernetes_sysext() {
  fetch_kubernetes_sysext "$1"
  if [ "$(readlink /etc/extensions/kubernetes.raw 2>/dev/null)" != "$image" ]; then
    ln -sfn "$image" /etc/extensions/kubernetes.raw
    systemd-sysext refresh
    systemctl daemon-reload
  fi
}
if [ ! -e /etc/extensions/kubernetes.raw ]; then
  switch_kubernetes_sysext "$K8S_VERSION"
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
# CIS 4.1.1, 4.1.2 on Flatcar: kubelet's unit and its kubeadm drop-in come with the Kubernetes sysext, on the
# read-only /usr and readable by everyone. The first kubelet service file kube-bench looks for is the drop-in under
# /etc: a copy of the sysext's drop-in there, readable by root only, takes the place of the sysext's (systemd reads
# the drop-in of a name from /etc before /usr/lib), so kubelet still runs as the sysext says. A sysext whose drop-in
# differs (another Kubernetes version) is copied again; nothing restarts kubelet here: the copy says what kubelet runs
# with already, and an upgrade copies it before it restarts kubelet itself.
sysext_drop_in=/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf
drop_in=/etc/systemd/system/kubelet.service.d/10-kubeadm.conf
if [ -f "$sysext_drop_in" ] && ! cmp -s "$sysext_drop_in" "$drop_in"; then
  install -d -m 0755 /etc/systemd/system/kubelet.service.d
  install -m 0600 "$sysext_drop_in" "$drop_in"
  chown root:root "$drop_in"
  systemctl daemon-reload
fi
