#!/usr/bin/env bash
# Platform: upgrade this worker to Kubernetes 1.36.5
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
TARGET=1.36.5
running="$(kubelet --version | awk '{print $2}')"
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
upgrade_packages kubeadm
kubeadm upgrade node
upgrade_packages kubelet kubectl
systemctl daemon-reload
systemctl restart kubelet
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
