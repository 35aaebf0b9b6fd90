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
# The scheduled etcd backup goes when the node leaves, or when the stack has no backup target: its timer and service,
# its script, the certificate it encrypts to and the target's credentials. Where there are none, nothing happens. The
# local snapshots stay until the node's reset removes the platform's state.
if [ -f /etc/systemd/system/platform-etcd-backup.timer ] || [ -f /etc/systemd/system/platform-etcd-backup.service ]; then
  systemctl disable --now platform-etcd-backup.timer || true
  rm -f /etc/systemd/system/platform-etcd-backup.timer /etc/systemd/system/platform-etcd-backup.service
  systemctl daemon-reload
fi
rm -rf /etc/kubernetes/platform/backup-etcd.sh /etc/kubernetes/platform/etcd-backup
rm -rf /etc/kubernetes/platform /var/lib/platform
# Flatcar: locksmithd's reboot strategy as it was before the prepare step turned it off (nothing to do elsewhere).
if grep -qx '# Platform: kured reboots this node; locksmithd stays off' /etc/flatcar/update.conf 2>/dev/null; then
  sed -i -e '/^# Platform: kured reboots this node; locksmithd stays off$/{N;d}' -e 's/^#platform-kept: //' /etc/flatcar/update.conf
  # An update.conf that only the prepare step wrote is left as Flatcar had it: absent (an empty file means the same).
  if [ ! -s /etc/flatcar/update.conf ]; then
    rm -f /etc/flatcar/update.conf
  fi
  case "$(systemctl is-enabled locksmithd.service 2>/dev/null || true)" in
    "" | masked*) ;;
    *) systemctl restart locksmithd.service ;;
  esac
fi
sysctl --system >/dev/null
