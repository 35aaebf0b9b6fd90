#!/usr/bin/env bash
# Platform: prepare a @@OS_NAME@@ host for Kubernetes @@KUBERNETES_VERSION@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
K8S_VERSION=@@KUBERNETES_VERSION@@
@@KERNEL_SETTINGS@@
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
@@KUBERNETES_PACKAGES@@
if ! dpkg -s kubeadm kubelet kubectl >/dev/null 2>&1; then
  TARGET="$K8S_VERSION"
  upgrade_packages kubeadm kubelet kubectl
fi
systemctl enable kubelet
@@KUBELET_FILE_PERMISSIONS@@
