#!/usr/bin/env bash
# Platform: take worker storage-3 out of the cluster: drain it
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
node=storage-3
# kured's reboot lock: an annotation on kured's DaemonSet that kured's pods take before they drain and reboot a node,
# one holder at a time. An upgrade holds it too, from before it takes a node out until the last node it cordoned is
# schedulable again, and so does a node's removal while it drains the node and changes etcd's membership, so kured never
# reboots a node while another is out (two control-plane nodes never go down together). It waits up to 30 minutes for a reboot in progress. The upgrade's lock names no node and
# expires after an hour (kured then takes it over), so an upgrade that stopped half-way does not stop reboots for good;
# every call takes it anew. Without kured (no DaemonSet) there is nothing to hold.
# The DaemonSet's resourceVersion and its lock annotation (empty when there is none), or nothing without kured.
reboot_lock_state() {
  kubectl -n kured get daemonset kured --ignore-not-found -o jsonpath="{.metadata.resourceVersion} {.metadata.annotations.${reboot_lock_annotation//./\\.}}"
}
reboot_lock_annotation=weave.works/kured-node-lock
hold_reboot_lock() {
  local state version lock holder waited=0 conflicts=0
  if [ -z "$(kubectl -n kured get daemonset kured --ignore-not-found -o name)" ]; then
    return 0
  fi
  while :; do
    state="$(reboot_lock_state)"
    version="${state%% *}"
    lock="${state#* }"
    case "$lock" in
      "" | *'"nodeID":"platform:upgrade"'*)
        # Written only if the DaemonSet is still at the version read, as kured writes it: one of two writers wins.
        if kubectl -n kured annotate daemonset kured --overwrite --resource-version="$version" \
          "$reboot_lock_annotation={\"nodeID\":\"platform:upgrade\",\"metadata\":{\"unschedulable\":false},\"created\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"TTL\":3600000000000}" >/dev/null; then
          return 0
        fi
        # The DaemonSet changed since it was read: another step of this upgrade (a wave drains its workers at once) has
        # taken or refreshed the same lock, which is then held, or kured has taken it (waited for below).
        case "$(reboot_lock_state)" in
          *'"nodeID":"platform:upgrade"'*) return 0 ;;
        esac
        conflicts=$((conflicts + 1))
        sleep $((1 + RANDOM % 3))
        if [ "$conflicts" -ge 10 ]; then
          echo "could not take kured's reboot lock (annotation $reboot_lock_annotation on daemonset kured/kured) after 10 attempts; run pulumi up again" >&2
          exit 1
        fi
        ;;
      *)
        holder="$(printf '%s' "$lock" | sed -n 's/.*"nodeID":"\([^"]*\)".*/\1/p')"
        if [ "$waited" -ge 1800 ]; then
          echo "kured holds its reboot lock for node ${holder:-unknown} (annotation $reboot_lock_annotation on daemonset kured/kured) and has not released it in 30 minutes, so the upgrade does not take a node out. Once that node is back and Ready kured releases it; if the node is gone, remove the annotation (kubectl -n kured annotate daemonset kured $reboot_lock_annotation-), then run pulumi up again" >&2
          exit 1
        fi
        sleep 30
        waited=$((waited + 30))
        ;;
    esac
  done
}
# Releases the upgrade's lock once no node is cordoned for an upgrade any more (the last of a wave releases it).
release_reboot_lock() {
  local state version attempt
  if [ -n "$(kubectl get nodes -o jsonpath='{.items[*].metadata.annotations.platform/cordoned-for-upgrade}')" ]; then
    return 0
  fi
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    state="$(reboot_lock_state)"
    version="${state%% *}"
    case "${state#* }" in
      *'"nodeID":"platform:upgrade"'*) ;;
      *) return 0 ;;
    esac
    if kubectl -n kured annotate daemonset kured --resource-version="$version" "$reboot_lock_annotation-" >/dev/null; then
      return 0
    fi
  done
  echo "could not release kured's reboot lock (annotation $reboot_lock_annotation on daemonset kured/kured) after $attempt attempts; it expires within an hour" >&2
}
hold_reboot_lock
# The drain evicts (PodDisruptionBudgets are respected) for 15 minutes at most.
if kubectl get node "$node" >/dev/null 2>&1; then
  kubectl drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=15m
fi
release_reboot_lock
