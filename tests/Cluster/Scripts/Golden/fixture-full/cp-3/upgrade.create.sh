#!/usr/bin/env bash
# Platform: upgrade control-plane node cp-3 to Kubernetes 1.37.1
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
TARGET=1.37.1
node=cp-3
export KUBECONFIG=/etc/kubernetes/admin.conf
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
switch_kubernetes_sysext "$TARGET"
kubeadm upgrade node --skip-phases=addon/kube-proxy
kubectl drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=15m
systemctl daemon-reload
systemctl restart kubelet
kubectl uncordon "$node"
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
# CIS 1.1.20: every certificate under the PKI folder readable by root only (all its readers run as root).
if [ -d /etc/kubernetes/pki ]; then
  find /etc/kubernetes/pki -name '*.crt' -exec chmod 600 {} +
fi
# CIS 1.1.12: etcd's data directory, kubeadm's default /var/lib/etcd (the ClusterConfiguration sets no other), owned
# by etcd:etcd, with everything in it at the time. kubeadm's etcd runs as root, which the owner does not restrict, and
# the directory keeps its mode 0700 (CIS 1.1.11). Flatcar has an etcd user and group already; elsewhere they are made
# as system accounts with no home and no login. Runs after kubeadm init, join and upgrade, which create or rewrite
# the directory's files as root.
if [ -d /var/lib/etcd ]; then
  getent group etcd >/dev/null || groupadd --system etcd
  getent passwd etcd >/dev/null || useradd --system --gid etcd --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin etcd
  chown -R etcd:etcd /var/lib/etcd
fi
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
