#!/usr/bin/env bash
# Platform: undo the host preparation when the node leaves the cluster
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
if systemctl list-unit-files kubelet.service >/dev/null 2>&1; then
  systemctl disable --now kubelet || true
fi
rm -f /etc/modules-load.d/platform-kubernetes.conf /etc/sysctl.d/90-platform-kubernetes.conf
@@CERTIFICATE_RENEWAL_REMOVAL@@
rm -rf /etc/kubernetes/platform /var/lib/platform
sysctl --system >/dev/null
