#!/usr/bin/env bash
# Platform: prepare a Ubuntu 24.04 host for Kubernetes 1.37.1
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
K8S_VERSION=1.37.1
# Kernel modules and sysctls for container networking, plus the kernel defaults that kubelet's
# protectKernelDefaults requires.
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
EOF
sysctl --system >/dev/null

# kubelet refuses to run with swap on.
swapoff -a
if grep -Eq '^[^#].*[[:space:]]swap[[:space:]]' /etc/fstab; then
  sed -Ei '/^[^#].*[[:space:]]swap[[:space:]]/s/^/# disabled for Kubernetes: /' /etc/fstab
fi
systemctl mask swap.target >/dev/null 2>&1 || true
# containerd and runc from Ubuntu, with the systemd cgroup driver (what kubelet uses).
export DEBIAN_FRONTEND=noninteractive
if ! dpkg -s containerd runc conntrack socat curl gpg ca-certificates >/dev/null 2>&1; then
  apt-get update -q
  apt-get install -y -q containerd runc conntrack socat curl gpg ca-certificates
fi
install -d -m 0755 /etc/containerd
if ! grep -q 'SystemdCgroup = true' /etc/containerd/config.toml 2>/dev/null; then
  containerd config default >/etc/containerd/config.toml
  sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml
  systemctl restart containerd
fi
systemctl enable --now containerd
apt-mark hold containerd runc >/dev/null
# kubeadm, kubelet and kubectl come from the Kubernetes package repository of their minor version, pinned and held.
use_kubernetes_repository() {
  minor="v$(echo "$1" | cut -d. -f1,2)"
  install -d -m 0755 /etc/apt/keyrings
  list="deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/$minor/deb/ /"
  if [ "$(cat /etc/apt/sources.list.d/kubernetes.list 2>/dev/null)" != "$list" ]; then
    curl -fsSL "https://pkgs.k8s.io/core:/stable:/$minor/deb/Release.key" | gpg --dearmor --yes -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg
    echo "$list" >/etc/apt/sources.list.d/kubernetes.list
  fi
  apt-get update -q
}
upgrade_packages() {
  use_kubernetes_repository "$TARGET"
  apt-mark unhold "$@" >/dev/null
  pins=()
  for package in "$@"; do pins+=("$package=$TARGET-*"); done
  apt-get install -y -q --allow-change-held-packages "${pins[@]}"
  apt-mark hold "$@" >/dev/null
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
