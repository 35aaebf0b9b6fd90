#!/usr/bin/env bash
# Platform: initialise the cluster on the first control-plane node, unless the node is a member already
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
# Earlier releases kept the marker among the platform's files, which the files step owns.
if [ -f /etc/kubernetes/platform/initialised ]; then
  install -d -m 0700 /var/lib/platform
  mv -f /etc/kubernetes/platform/initialised /var/lib/platform/initialised
fi
# The SHA-256 of a kubeadm configuration's cluster-wide documents (ClusterConfiguration and KubeletConfiguration, not
# the node's own documents nor the bootstrap token), without the Kubernetes version, which only upgrades change: what
# the cluster's kubeadm-config and kubelet-config ConfigMaps were uploaded from, recorded on kubeadm-config.
configuration_digest() {
  awk '/^---$/ { if (keep) printf "%s", doc; doc = ""; keep = 0; next }
    /^kubernetesVersion:/ { next }
    { doc = doc $0 "\n" }
    /^kind: (ClusterConfiguration|KubeletConfiguration)$/ { keep = 1 }
    END { if (keep) printf "%s", doc }' "$1" | sha256sum | cut -d' ' -f1
}
# kube-vip holds the API's virtual IP on the interface that reaches it. Its static pod is the template with that
# interface and the kubeconfig "$1" filled in.
render_kube_vip() {
  # The main table's route to the address, not `ip route get`: once kube-vip holds it, the address is local (lo).
  iface="$(ip -o -4 route show table main match 10.40.0.10 | awk '$1 != "default" {for (i = 1; i < NF; i++) if ($i == "dev") {print $(i + 1); exit } }')"
  if [ -z "$iface" ]; then
    iface="$(ip -o -4 route show table main default | awk '{for (i = 1; i < NF; i++) if ($i == "dev") {print $(i + 1); exit } }')"
  fi
  [ -n "$iface" ] || { echo "no interface reaches 10.40.0.10" >&2; exit 1; }
  sed -e "s|@INTERFACE@|$iface|" -e "s|@KUBECONFIG@|$1|" /etc/kubernetes/platform/kube-vip.yaml
}
# Writes the static pod for kubeconfig "$1" where it differs from the one on the node; kubelet then restarts kube-vip.
write_kube_vip() {
  install -d -m 0700 /etc/kubernetes/manifests
  tmp="$(mktemp)"
  render_kube_vip "$1" >"$tmp"
  if cmp -s "$tmp" /etc/kubernetes/manifests/kube-vip.yaml; then
    rm -f "$tmp"
  else
    install -m 0600 "$tmp" /etc/kubernetes/manifests/kube-vip.yaml
    rm -f "$tmp"
  fi
}
# Initialising is a one-time fact of the cluster: a node that joined it is a member and is never initialised, though
# it becomes the first control-plane node of the inventory when the ones before it leave.
if [ -f /var/lib/platform/joined ] || [ -f /etc/kubernetes/platform/joined ]; then
  echo "node joined the cluster, which is initialised already: it is not initialised again"
elif [ -f /var/lib/platform/initialised ]; then
  echo "control plane already initialised"
elif [ -f /etc/kubernetes/admin.conf ]; then
  echo "an earlier kubeadm init stopped half-way; it is not retried on its own because kubeadm reset also deletes the PKI: run 'kubeadm reset --force' on this node, then 'pulumi up --replace <urn>' with the URN of this node's files step (this step's name, ending in -files instead of -kubeadm), which puts the PKI back; this step then runs again" >&2
  exit 1
else
if [ ! -f /etc/kubernetes/admin.conf ]; then
  write_kube_vip /etc/kubernetes/super-admin.conf
fi
  kubeadm init --config /etc/kubernetes/platform/kubeadm.yaml --skip-token-print --ignore-preflight-errors=DirAvailable--etc-kubernetes-manifests
  install -d -m 0700 /var/lib/platform
  touch /var/lib/platform/initialised
  # What kubeadm-config and kubelet-config were uploaded from, so this node's reconfigure step finds them current.
  kubectl --kubeconfig /etc/kubernetes/admin.conf -n kube-system annotate configmap kubeadm-config --overwrite \
    "platform/configuration-sha256=$(configuration_digest /etc/kubernetes/platform/kubeadm.yaml)" >/dev/null
fi
# Once kubeadm is done, kube-vip starts on admin.conf, or moves to it from super-admin.conf. A changed template on a
# running node is the kube-vip step's: it rolls it out one control-plane node at a time.
if [ ! -f /etc/kubernetes/manifests/kube-vip.yaml ] || grep -q /etc/kubernetes/super-admin.conf /etc/kubernetes/manifests/kube-vip.yaml; then
  write_kube_vip /etc/kubernetes/admin.conf
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
