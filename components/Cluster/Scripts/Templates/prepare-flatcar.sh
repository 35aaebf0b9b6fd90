#!/usr/bin/env bash
# Platform: prepare a Flatcar Container Linux host for Kubernetes @@KUBERNETES_VERSION@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
K8S_VERSION=@@KUBERNETES_VERSION@@
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
@@KERNEL_SETTINGS@@
@@KERNEL_BTF_CHECK@@
@@KUBELET_NODE_IP_CHECK@@
@@CONTAINERD_SUPPORT@@
@@CONTAINERD_FLATCAR@@
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
@@KUBERNETES_SYSEXT@@
if [ ! -e /etc/extensions/kubernetes.raw ]; then
  switch_kubernetes_sysext "$K8S_VERSION"
fi
systemctl enable kubelet
@@KUBELET_FILE_PERMISSIONS@@
@@KUBELET_SERVICE_DROP_IN@@
