#!/usr/bin/env bash
# Platform: make node worker-3 schedulable again after its upgrade
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
# An upgrade makes schedulable again only a node it cordoned itself: a node an operator cordoned stays cordoned. The
# annotation records it on the node, so an upgrade that stopped half-way is finished by the next run. The drain evicts
# (PodDisruptionBudgets are respected) for 15 minutes at most, then names what holds it.
drain_for_upgrade() {
  hold_reboot_lock
  if [ "$(kubectl get node "$1" -o jsonpath='{.spec.unschedulable}')" != "true" ]; then
    kubectl annotate node "$1" --overwrite platform/cordoned-for-upgrade=1.35.9 >/dev/null
  fi
  if ! kubectl drain "$1" --ignore-daemonsets --delete-emptydir-data --timeout=15m; then
    # What is left, by owner: DaemonSet pods and static pods (owned by the Node) stay on purpose; a pod without an owner
    # is one kubectl drain refuses to delete.
    pods="$(kubectl get pods --all-namespaces --field-selector "spec.nodeName=$1" -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}={.metadata.ownerReferences[0].kind} {end}' 2>/dev/null || true)"
    left=""
    bare=""
    for pod in $pods; do
      case "${pod#*=}" in
        DaemonSet | Node) ;;
        "") bare="$bare ${pod%=*}" ;;
        *) left="$left ${pod%=*}" ;;
      esac
    done
    budgets="$(kubectl get poddisruptionbudgets --all-namespaces -o jsonpath='{range .items[?(@.status.disruptionsAllowed==0)]}{.metadata.namespace}/{.metadata.name} {end}' 2>/dev/null || true)"
    echo "the drain of $1 did not finish (15 minutes at most); pods still on it:${left:- none}; pods without a controller, which a drain does not delete:${bare:- none}; PodDisruptionBudgets that allow no disruption now: ${budgets:-none}. Let them go (more replicas elsewhere, a budget that allows one, or delete the bare pods), then run pulumi up again; the node stays cordoned until its upgrade is done" >&2
    exit 1
  fi
}
# The version the node's running kubelet reports to the API.
reported_kubelet_version() {
  kubectl get node "$1" -o jsonpath='{.status.nodeInfo.kubeletVersion}'
}
uncordon_after_upgrade() {
  if [ -n "$(kubectl get node "$1" -o jsonpath='{.metadata.annotations.platform/cordoned-for-upgrade}')" ]; then
    kubectl uncordon "$1"
    kubectl annotate node "$1" platform/cordoned-for-upgrade- >/dev/null
  fi
  release_reboot_lock
}
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
uncordon_after_upgrade worker-3
