#!/usr/bin/env bash
# Platform: undo the host preparation when the node leaves the cluster
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
if systemctl list-unit-files kubelet.service >/dev/null 2>&1; then
  systemctl disable --now kubelet || true
fi
rm -f /etc/modules-load.d/platform-kubernetes.conf /etc/sysctl.d/90-platform-kubernetes.conf
# The certificate renewal timer and service of a control-plane node go with it (its script is among the platform's
# files); where there are none, nothing happens.
if [ -f /etc/systemd/system/platform-certificate-renewal.timer ] || [ -f /etc/systemd/system/platform-certificate-renewal.service ]; then
  systemctl disable --now platform-certificate-renewal.timer || true
  rm -f /etc/systemd/system/platform-certificate-renewal.timer /etc/systemd/system/platform-certificate-renewal.service
  systemctl daemon-reload
fi
rm -rf /etc/kubernetes/platform /var/lib/platform
sysctl --system >/dev/null
