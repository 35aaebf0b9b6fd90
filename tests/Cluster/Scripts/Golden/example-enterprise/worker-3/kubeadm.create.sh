#!/usr/bin/env bash
# Platform: join the cluster as a worker
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
# Earlier releases kept the marker among the platform's files, which the files step owns.
if [ -f /etc/kubernetes/platform/joined ]; then
  install -d -m 0700 /var/lib/platform
  mv -f /etc/kubernetes/platform/joined /var/lib/platform/joined
fi
if [ -f /var/lib/platform/joined ]; then
  echo "node already joined"
elif [ -f /var/lib/platform/initialised ] || [ -f /etc/kubernetes/platform/initialised ]; then
  # The node that initialised the cluster is a member: it never joins, though it is no longer the first control-plane
  # node of the inventory once another one is put before it.
  echo "node initialised the cluster: it is a member and does not join again"
elif [ -f /etc/kubernetes/kubelet.conf ]; then
  echo "an earlier kubeadm join stopped half-way: run 'kubeadm reset --force' on this node, then 'pulumi up --replace <urn> --replace <urn>' with the URNs of this node's files and bootstrap-token steps (this step's name, ending in -files and -bootstrap-token instead of -kubeadm), which put back the files kubeadm reset removes and make the token valid again; this step then runs again" >&2
  exit 1
else
  # kubeadm's discovery waits for the bootstrap token, which the node's bootstrap-token step makes valid meanwhile.
  kubeadm join --config /etc/kubernetes/platform/kubeadm.yaml
  install -d -m 0700 /var/lib/platform
  touch /var/lib/platform/joined
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
