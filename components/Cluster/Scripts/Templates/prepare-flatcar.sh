#!/usr/bin/env bash
# Platform: prepare a Flatcar Container Linux host for Kubernetes @@KUBERNETES_VERSION@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
K8S_VERSION=@@KUBERNETES_VERSION@@
@@KERNEL_SETTINGS@@
# containerd is part of Flatcar; make sure it uses the systemd cgroup driver.
if ! grep -q 'SystemdCgroup = true' /usr/share/containerd/config.toml; then
  install -d -m 0755 /etc/containerd /etc/systemd/system/containerd.service.d
  sed 's/SystemdCgroup = false/SystemdCgroup = true/' /usr/share/containerd/config.toml >/etc/containerd/config.toml
  printf '[Service]\nEnvironment=CONTAINERD_CONFIG=/etc/containerd/config.toml\n' >/etc/systemd/system/containerd.service.d/10-platform.conf
  systemctl daemon-reload
  systemctl restart containerd
fi
systemctl enable --now containerd
@@KUBERNETES_SYSEXT@@
if [ ! -e /etc/extensions/kubernetes.raw ]; then
  switch_kubernetes_sysext "$K8S_VERSION"
fi
systemctl enable kubelet
@@KUBELET_FILE_PERMISSIONS@@
@@KUBELET_SERVICE_DROP_IN@@
