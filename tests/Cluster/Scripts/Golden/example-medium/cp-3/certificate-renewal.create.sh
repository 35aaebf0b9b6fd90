#!/usr/bin/env bash
# Platform: install the certificate renewal timer of control-plane node cp-3
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
# The renewal script and its systemd service and timer (the timer in this node's own slot of the day); a file whose
# content is unchanged is left alone, so a second run changes nothing. The node's reset removes them.
changed=""
# write_file PATH MODE CONTENT: writes PATH (through a temporary file beside it, renamed over it) only where its content
# differs, and sets "changed" when it wrote; an unchanged file only gets its mode. So a second run changes nothing.
write_file() {
  tmp="$(mktemp "$1.XXXXXX")"
  printf '%s' "$3" >"$tmp"
  chmod "$2" "$tmp"
  if [ -f "$1" ] && cmp -s "$tmp" "$1"; then
    rm -f "$tmp"
    chmod "$2" "$1"
  else
    mv -f "$tmp" "$1"
    changed=yes
  fi
}
install -d -m 0755 /etc/kubernetes/platform /etc/systemd/system
# The script is written as it is: its expansions are for the node to run, not for this step.
# shellcheck disable=SC2016
write_file /etc/kubernetes/platform/renew-certificates.sh 0700 '#!/usr/bin/env bash
# Platform: renew kubeadm'\''s certificates on control-plane node cp-3 when one expires within 120 days
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
# Run by the platform-certificate-renewal timer, once a day in this node'\''s own slot (no two control-plane nodes renew at
# once); its output is in the journal (journalctl -u platform-certificate-renewal). The procedure is kubeadm'\''s
# ("Certificate Management with kubeadm"): kubeadm certs renew all, then a restart of every control-plane static pod,
# by moving its manifest out of the manifests folder until kubelet has stopped it and back. The CAs are not renewed
# here: they come from the stack'\''s state.
node=cp-3
renew_within_days=120
renew_within=$((renew_within_days * 86400))
state=/var/lib/platform/certificate-renewal
pending="$state/restarts-pending"
export KUBECONFIG=/etc/kubernetes/admin.conf
# The certificates kubeadm manages on this node, as kubeadm itself lists them (kubeadm certs check-expiration, its
# output API v1alpha3: name, missing, residualTime in seconds, expirationDate in RFC 3339, UTC), one line each:
# name, seconds left, expiry. The ones kubeadm reports missing are left out (super-admin.conf exists only on the node
# that ran kubeadm init); the CAs are not listed (they come from the stack'\''s state). Only well-formed lines are kept,
# so any text kubeadm prints around its output is not read as a certificate (no regular expression intervals: mawk,
# Ubuntu'\''s awk, has none).
kubeadm_certificates() {
  kubeadm certs check-expiration -o '\''jsonpath={range .certificates[*]}{.name}{" "}{.missing}{" "}{.residualTime}{" "}{.expirationDate}{"\n"}{end}'\'' |
    awk '\''NF == 4 && $1 ~ /^[a-z][a-z.-]*$/ && $2 == "false" && $3 ~ /^-?[0-9]+$/ && $4 ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9:]+Z$/ {print $1, $3, $4}'\''
}
# A manifest this script moved out is put back whatever happens, and first thing on the next run.
restore_manifests() {
  for held in "$state"/*.yaml; do
    [ -e "$held" ] || continue
    mv -f "$held" "/etc/kubernetes/manifests/${held##*/}"
    echo "put ${held##*/} back into /etc/kubernetes/manifests"
  done
}
trap restore_manifests EXIT
trap '\''exit 1'\'' TERM INT
running_container() {
  crictl --runtime-endpoint unix:///run/containerd/containerd.sock ps --name "^$1\$" --label io.kubernetes.pod.namespace=kube-system --state running -q
}
# Restarts static pod $1 the way kubeadm'\''s documentation says and waits until kubelet runs a new container of it that
# kubelet reports ready (its own probes), so the next component restarts only once this one works again.
restart_static_pod() {
  manifest="/etc/kubernetes/manifests/$1.yaml"
  if [ ! -f "$manifest" ]; then
    echo "$manifest is missing: $1 cannot be restarted on $node" >&2
    exit 1
  fi
  before="$(running_container "$1")"
  mv -f "$manifest" "$state/$1.yaml"
  # kubelet reads its manifests folder every 20 seconds (fileCheckFrequency).
  stopped=""
  for _ in $(seq 1 24); do
    if [ -z "$(running_container "$1")" ]; then stopped=yes; break; fi
    sleep 5
  done
  mv -f "$state/$1.yaml" "$manifest"
  if [ -z "$stopped" ]; then
    echo "kubelet did not stop $1 within 2 minutes of its manifest leaving /etc/kubernetes/manifests; the manifest is back" >&2
    exit 1
  fi
  for _ in $(seq 1 120); do
    after="$(running_container "$1")"
    if [ -n "$after" ] && [ "$after" != "$before" ]; then
      status="$(kubectl -n kube-system get pod "$1-$node" -o jsonpath='\''{.status.containerStatuses[0].containerID} {.status.containerStatuses[0].ready}'\'' 2>/dev/null || true)"
      read -r id ready <<<"$status"
      if [ "${id:-}" = "containerd://$after" ] && [ "${ready:-}" = true ]; then
        echo "$1 restarted on $node and ready"
        return 0
      fi
    fi
    sleep 5
  done
  echo "$1 on $node has not been ready for 10 minutes after its restart (see crictl ps -a --name $1 and its logs); the next components are not restarted" >&2
  exit 1
}
# Restarting this node'\''s etcd while another member is down could cost etcd its majority: nothing restarts unless every
# control-plane static pod of the cluster (kubeadm labels them tier=control-plane) is Ready, by the pod'\''s Ready
# condition (which the node controller sets False when a node stops answering; its containers'\'' own status stays as it
# was). Checked before the renewal and again before each restart; with "others", this node'\''s own pods (just restarted,
# their condition a moment behind) are left out.
require_control_plane_ready() {
  if ! pods="$(kubectl -n kube-system get pods -l tier=control-plane -o jsonpath='\''{range .items[*]}{.metadata.name}{" "}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}'\'')" || [ -z "$pods" ]; then
    echo "could not read the control-plane pods from the API; $node restarts nothing now, the next run tries again" >&2
    exit 1
  fi
  unready="$(printf '\''%s\n'\'' "$pods" | awk -v own="-$node" -v others="${1:-}" \
    '\''tolower($2) != "true" && !(others != "" && substr($1, length($1) - length(own) + 1) == own) { printf "%s ", $1 }'\'')"
  if [ -n "$unready" ]; then
    echo "control-plane pods not ready: ${unready}; $node restarts nothing while they are not, the next run tries again" >&2
    exit 1
  fi
  # Nor while kured'\''s reboot lock is held (a node draining or rebooting, or an upgrade with a node out): a control-plane
  # node going down meanwhile would leave etcd one member short while this one restarts. A lock with a TTL (the
  # upgrades'\'') that has run out is no longer held.
  lock="$(kubectl -n kured get daemonset kured --ignore-not-found -o jsonpath="{.metadata.annotations.${reboot_lock_annotation//./\\.}}")"
  if [ -n "$lock" ]; then
    ttl="$(printf '\''%s'\'' "$lock" | sed -n '\''s/.*"TTL":\([0-9]*\).*/\1/p'\'')"
    created="$(printf '\''%s'\'' "$lock" | sed -n '\''s/.*"created":"\([^"]*\)".*/\1/p'\'')"
    if [ "${ttl:-0}" -gt 0 ] && [ -n "$created" ] \
      && [ $(($(date -u +%s) - $(date -u -d "$created" +%s))) -gt $((ttl / 1000000000)) ]; then
      return 0
    fi
    echo "kured'\''s reboot lock is held ($lock); $node restarts nothing while a node is being rebooted or upgraded, the next run tries again" >&2
    exit 1
  fi
}
reboot_lock_annotation=weave.works/kured-node-lock
install -d -m 0700 /var/lib/platform "$state"
# kubeadm upgrade apply and the service-proxy step take the same lock: none of them runs kubeadm while another does.
exec 9>/run/platform-kubeadm.lock
if ! flock -w 600 9; then
  echo "another kubeadm operation has held /run/platform-kubeadm.lock for 10 minutes; the certificates are checked again on the next run" >&2
  exit 1
fi
restore_manifests
if [ ! -f "$pending" ]; then
  if ! certificates="$(kubeadm_certificates)" || [ -z "$certificates" ]; then
    echo "kubeadm certs check-expiration listed no certificate on $node; nothing renewed" >&2
    exit 1
  fi
  read -r name left expires <<<"$(printf '\''%s\n'\'' "$certificates" | sort -k2,2n | head -n 1)"
  if [ "$left" -gt "$renew_within" ]; then
    echo "the earliest of kubeadm'\''s certificates on $node, $name, expires at $expires ($((left / 86400)) days): nothing to renew"
    exit 0
  fi
  require_control_plane_ready
  echo "$name on $node expires at $expires ($((left / 86400)) days): renewing kubeadm'\''s certificates"
  # Written before the renewal: a run that stops after it restarts the components on the next run.
  touch "$pending"
  kubeadm certs renew all
# CIS 1.1.20: every certificate under the PKI folder readable by root only (all its readers run as root).
if [ -d /etc/kubernetes/pki ]; then
  find /etc/kubernetes/pki -name '\''*.crt'\'' -exec chmod 600 {} +
fi
else
  require_control_plane_ready
  echo "the certificates on $node were renewed by an earlier run that did not restart every component: restarting them"
fi
# etcd first (its serving and peer certificates), then the API server (its serving certificate and its clients of
# etcd, kubelet and the front proxy), then the two components that use the renewed kubeconfigs.
for component in etcd kube-apiserver kube-controller-manager kube-scheduler; do
  require_control_plane_ready others
  restart_static_pod "$component"
done
rm -f "$pending"
read -r name left expires <<<"$(kubeadm_certificates | sort -k2,2n | head -n 1)"
if [ "${left:-0}" -le "$renew_within" ]; then
  echo "after the renewal, ${name:-a certificate} on $node still expires at ${expires:-an unknown time}: see kubeadm certs check-expiration" >&2
  exit 1
fi
echo "kubeadm'\''s certificates on $node renewed; the earliest, $name, expires at $expires"
'
write_file /etc/systemd/system/platform-certificate-renewal.service 0644 '[Unit]
Description=Platform: renew kubeadm'\''s certificates on this control-plane node when one expires within 120 days
Documentation=https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/
After=network-online.target containerd.service kubelet.service
Wants=network-online.target

[Service]
Type=oneshot
ExecStart=/etc/kubernetes/platform/renew-certificates.sh
TimeoutStartSec=75min
SyslogIdentifier=platform-certificate-renewal
'
write_file /etc/systemd/system/platform-certificate-renewal.timer 0644 '[Unit]
Description=Platform: daily certificate check of control-plane node 3 of 3, in its own slot of the day

[Timer]
OnCalendar=*-*-* 18:00:00 UTC
RandomizedDelaySec=15min
AccuracySec=1min
Persistent=true

[Install]
WantedBy=timers.target
'
if [ -n "$changed" ]; then
  systemctl daemon-reload
  # A changed timer takes its new slot at once.
  systemctl restart platform-certificate-renewal.timer
fi
if ! systemctl is-enabled --quiet platform-certificate-renewal.timer || ! systemctl is-active --quiet platform-certificate-renewal.timer; then
  systemctl enable --now platform-certificate-renewal.timer
fi
systemctl list-timers platform-certificate-renewal.timer --no-pager || true
