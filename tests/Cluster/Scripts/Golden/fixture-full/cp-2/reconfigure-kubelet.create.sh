#!/usr/bin/env bash
# Platform: give node cp-2's kubelet the cluster's kubelet configuration, restarting it only when that changed
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
node=cp-2
config=/var/lib/kubelet/config.yaml
if [ ! -f /etc/kubernetes/admin.conf ] || [ ! -f "$config" ]; then
  echo "/etc/kubernetes/admin.conf or $config is missing: this node has not been initialised or joined" >&2
  exit 1
fi
exec 8>/run/platform-kubeadm.lock
flock 8
# kubeadm writes the node's file from the cluster's kubelet-config ConfigMap as it is there.
wanted="$(kubectl -n kube-system get configmap kubelet-config -o jsonpath='{.data.kubelet}')"
if [ -z "$wanted" ]; then
  echo "could not read the cluster's kubelet configuration (kubelet-config in kube-system)" >&2
  exit 1
fi
if [ "$wanted" = "$(cat "$config")" ]; then
  echo "kubelet on $node runs the cluster's configuration"
  exit 0
fi
install -d -m 0700 /var/lib/platform /var/lib/platform/kubelet-config-backups
backup="/var/lib/platform/kubelet-config-backups/$(date -u +%Y%m%dT%H%M%SZ)-config.yaml"
cp -p "$config" "$backup"
find /var/lib/platform/kubelet-config-backups -maxdepth 1 -type f -name '*Z-config.yaml' | sort | head -n -3 | xargs -r rm -f --
# kubeadm's own download of it (what kubeadm's "Reconfiguring a kubeadm cluster" runs on each node); the restart and
# the wait for the node hold the node's kubeadm lock no longer.
kubeadm upgrade node phase kubelet-config
flock -u 8
exec 8>&-
if cmp -s "$backup" "$config"; then
  rm -f "$backup"
  echo "kubelet on $node runs the cluster's configuration"
  exit 0
fi
# A restart, not a drain: kubelet leaves the running containers alone while it restarts and takes them up again.
systemctl restart kubelet
for _ in $(seq 1 60); do
  if systemctl is-active --quiet kubelet \
    && [ "$(kubectl get node "$node" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null || true)" = True ]; then
    echo "kubelet on $node restarted with the cluster's configuration (the previous one is $backup)"
    exit 0
  fi
  sleep 5
done
echo "kubelet on $node is not Ready 5 minutes after its restart with the cluster's new configuration (see journalctl -u kubelet on it). The previous configuration is $backup: copy it to $config and restart kubelet to go back" >&2
exit 1
