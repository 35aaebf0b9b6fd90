#!/usr/bin/env bash
# Platform: prepare a Flatcar Container Linux host for Kubernetes 1.37.1
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
# containerd is part of Flatcar; make sure it uses the systemd cgroup driver.
if ! grep -q 'SystemdCgroup = true' /usr/share/containerd/config.toml; then
  install -d -m 0755 /etc/containerd /etc/systemd/system/containerd.service.d
  sed 's/SystemdCgroup = false/SystemdCgroup = true/' /usr/share/containerd/config.toml >/etc/containerd/config.toml
  printf '[Service]\nEnvironment=CONTAINERD_CONFIG=/etc/containerd/config.toml\n' >/etc/systemd/system/containerd.service.d/10-platform.conf
  systemctl daemon-reload
  systemctl restart containerd
fi
systemctl enable --now containerd
# Kubernetes on Flatcar is a systemd-sysext image (Flatcar's sysext-bakery), pinned by the version in its name.
switch_kubernetes_sysext() {
  case "$(uname -m)" in
    x86_64) arch=x86-64 ;;
    aarch64) arch=arm64 ;;
    *) echo "unsupported architecture $(uname -m)" >&2; exit 1 ;;
  esac
  image="/opt/extensions/kubernetes/kubernetes-v$1-$arch.raw"
  install -d -m 0755 /opt/extensions/kubernetes /etc/extensions
  if [ ! -f "$image" ]; then
    curl -fsSL --retry 5 -o "$image.download" "https://extensions.flatcar.org/extensions/kubernetes-v$1-$arch.raw"
    mv -f "$image.download" "$image"
  fi
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
# differs (another Kubernetes version) is copied again, and a running kubelet restarted with it.
sysext_drop_in=/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf
drop_in=/etc/systemd/system/kubelet.service.d/10-kubeadm.conf
if [ -f "$sysext_drop_in" ] && ! cmp -s "$sysext_drop_in" "$drop_in"; then
  install -d -m 0755 /etc/systemd/system/kubelet.service.d
  install -m 0600 "$sysext_drop_in" "$drop_in"
  chown root:root "$drop_in"
  systemctl daemon-reload
  systemctl try-restart kubelet
fi
