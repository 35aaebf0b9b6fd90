#!/usr/bin/env bash
# Platform: join the cluster as a worker
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
if [ -f /etc/kubernetes/platform/joined ]; then
  echo "node already joined"
elif [ -f /etc/kubernetes/kubelet.conf ]; then
  echo "an earlier kubeadm join stopped half-way: run 'kubeadm reset --force' on this node, then 'pulumi up --replace' on its files step and this step" >&2
  exit 1
else
  kubeadm join --config /etc/kubernetes/platform/kubeadm.yaml
  touch /etc/kubernetes/platform/joined
fi
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
