#!/usr/bin/env bash
# Platform: undo the host preparation when the node leaves the cluster
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
if systemctl list-unit-files kubelet.service >/dev/null 2>&1; then
  systemctl disable --now kubelet || true
fi
rm -f /etc/modules-load.d/platform-kubernetes.conf /etc/sysctl.d/90-platform-kubernetes.conf
@@CERTIFICATE_RENEWAL_REMOVAL@@
@@ETCD_BACKUP_REMOVAL@@
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
