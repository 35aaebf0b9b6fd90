#!/usr/bin/env bash
# Platform: roll the kube-vip template out to this control-plane node, restarting kube-vip only where it changed
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
node=cp-2
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
# kube-vip's mirror pod: its config hash (kubelet's, changed with every new manifest), whether it is ready, restarts.
kube_vip_pod() {
  kubectl -n kube-system get pod "kube-vip-$node" -o jsonpath='{.metadata.annotations.kubernetes\.io/config\.hash} {.status.conditions[?(@.type=="Ready")].status} {.status.containerStatuses[0].restartCount}' 2>/dev/null || true
}
# Waits until kube-vip runs a static pod other than the one whose hash is "$1" (any, when "$1" is empty) and has been
# ready, without a restart, for three checks in a row, then until the API answers on the virtual IP. Only then may
# the next control-plane node restart its kube-vip. A new manifest that gives the same pod (a change of form only)
# keeps kubelet's hash: the old pod, ready for a minute after the write (kubelet reads its manifests at least every 20
# seconds), is then the one.
wait_for_kube_vip() {
  steady=0
  same=0
  last=""
  for _ in $(seq 1 60); do
    state="$(kube_vip_pod)"
    read -r hash ready _ <<<"$state"
    if [ -n "$1" ] && [ "${hash:-}" = "$1" ] && [ "${ready:-}" = True ]; then
      same=$((same + 1))
    else
      same=0
    fi
    if [ "$same" -ge 12 ] && kubectl get --raw /readyz >/dev/null 2>&1; then
      echo "kube-vip runs on $node (the new manifest gives the pod it ran)"
      return 0
    fi
    if [ -n "${hash:-}" ] && [ "$hash" != "$1" ] && [ "${ready:-}" = True ]; then
      # The same pod, still ready and with no new restart, since the last check?
      if [ "$state" = "$last" ]; then steady=$((steady + 1)); else steady=0; fi
      last="$state"
    else
      steady=0
      last=""
    fi
    if [ "$steady" -ge 2 ] && kubectl get --raw /readyz >/dev/null 2>&1; then
      echo "kube-vip runs on $node"
      return 0
    fi
    sleep 5
  done
  echo "kube-vip on $node has not been running its static pod steadily for 5 minutes (see 'kubectl -n kube-system describe pod kube-vip-$node' and its logs); the next control-plane nodes keep their kube-vip until this step succeeds" >&2
  exit 1
}
if [ ! -f /etc/kubernetes/admin.conf ]; then
  echo "/etc/kubernetes/admin.conf is missing: this node has not been initialised or joined as a control-plane node" >&2
  exit 1
fi
rendered="$(mktemp)"
render_kube_vip /etc/kubernetes/admin.conf >"$rendered"
if cmp -s "$rendered" /etc/kubernetes/manifests/kube-vip.yaml; then
  rm -f "$rendered"
  echo "kube-vip's static pod is current"
  # Still checked: an earlier run may have written it and stopped waiting.
  wait_for_kube_vip ""
else
  rm -f "$rendered"
  # The running pod's hash, so the wait below knows the new one; the API may be briefly unreachable, so asked again
  # for up to a minute (none at all: kube-vip does not run, and any pod is the new one).
  previous=""
  for _ in $(seq 1 12); do
    read -r previous _ <<<"$(kube_vip_pod)"
    [ -z "${previous:-}" ] || break
    sleep 5
  done
  write_kube_vip /etc/kubernetes/admin.conf
  echo "kube-vip's static pod written; waiting for kubelet to restart it"
  wait_for_kube_vip "${previous:-}"
fi
