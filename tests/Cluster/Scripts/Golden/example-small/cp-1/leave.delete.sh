#!/usr/bin/env bash
# Platform: take control-plane node cp-1 out of the cluster: drain it, then remove its etcd member
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
node=cp-1
# The node's etcd member, found by its peer URL: kubeadm's etcd advertises the node's address, port 2380.
peer_url=https://192.168.10.11:2380
# One etcd membership change at a time from this node. Removals of several control-plane nodes in one update are also
# ordered one after another by their steps' dependencies.
exec 7>/run/platform-etcd-membership.lock
flock 7
refuse() {
  echo "control-plane node $node does not leave the cluster: $1; ${changed:-nothing was changed}. $2" >&2
  exit 1
}
# etcdctl runs in a Ready etcd pod (kubeadm's static pod; its image has etcdctl but no shell) through the API, with
# kubeadm's healthcheck-client certificate, at the client URL kubeadm annotates the pod with. A change goes through
# another control-plane node's pod, never the leaving node's; the leaving node's own pod is only read, when it is the
# last one Ready.
etcdctl_in() {
  local pod="$1" url="$2"
  shift 2
  kubectl -n kube-system exec "$pod" -c etcd -- etcdctl --endpoints="$url" --cacert=/etc/kubernetes/pki/etcd/ca.crt \
    --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt --key=/etc/kubernetes/pki/etcd/healthcheck-client.key "$@" </dev/null
}
# The Ready etcd pods, the other control-plane nodes' first (name and client URL), then the leaving node's own.
others=""
own=""
pods="$(kubectl -n kube-system get pods -l component=etcd,tier=control-plane -o jsonpath='{range .items[*]}{.metadata.name} {.spec.nodeName} {.status.conditions[?(@.type=="Ready")].status} {.metadata.annotations.kubeadm\.kubernetes\.io/etcd\.advertise-client-urls}{"\n"}{end}' 2>/dev/null || true)"
while read -r pod pod_node ready urls; do
  if [ "$ready" != True ] || [ -z "$urls" ]; then continue; fi
  if [ "$pod_node" = "$node" ]; then
    own="$pod ${urls%%,*}"
  else
    others="$others$pod ${urls%%,*}"$'\n'
  fi
done <<<"$pods"
# etcd is read through the first of them that answers (a pod whose member has just left may still show Ready).
via_pod=""
via_url=""
members=""
while read -r pod url; do
  if [ -z "$pod" ]; then continue; fi
  if members="$(etcdctl_in "$pod" "$url" member list)"; then
    via_pod="$pod"
    via_url="$url"
    break
  fi
done <<<"$others$own"
[ -n "$via_pod" ] || refuse "no Ready etcd pod gives etcd's member list (kubectl -n kube-system get pods -l component=etcd)" "Bring etcd back on a majority of the control-plane nodes, then run pulumi up again"
# Whether etcd can spare the member: checked before the drain and again right before the removal, since a drain takes
# up to 15 minutes in which another member may go down (a reboot, a failure).
check_quorum() {
  # A member is healthy when etcdctl's health check of one of its client URLs succeeds (a line '<url> is healthy: ...').
  health="$(etcdctl_in "$via_pod" "$via_url" endpoint health --cluster 2>/dev/null || true)"
  member_id=""
  target_healthy=0
  total=0
  healthy=0
  unhealthy=""
  # member list, simple format: ID, status, name, peer URLs, client URLs, is learner (learners do not vote).
  while IFS='|' read -r id name peers clients learner; do
    if [ -z "$id" ] || [ "$learner" = true ]; then continue; fi
    total=$((total + 1))
    up=0
    for url in ${clients//,/ }; do
      case $'\n'"$health" in *$'\n'"$url is healthy"*) up=1 ;; esac
    done
    if [ "$up" = 1 ]; then healthy=$((healthy + 1)); else unhealthy="$unhealthy ${name:-$id}"; fi
    case ",$peers," in
      *",$peer_url,"*)
        member_id="$id"
        target_healthy="$up"
        ;;
    esac
  done < <(awk -F', ' '{ print $1 "|" $3 "|" $4 "|" $5 "|" $6 }' <<<"$members")
  if [ -z "$member_id" ]; then
    echo "etcd has no member at $peer_url: it has been removed already"
  elif [ "$total" -le 1 ]; then
    echo "the member at $peer_url is etcd's last: it ends with the node's kubeadm reset"
  else
    # The removal commits only with a quorum of today's members, and the members left must be a quorum of their own.
    others=$((healthy - target_healthy))
    need_now=$((total / 2 + 1))
    need_after=$(((total - 1) / 2 + 1))
    if [ "$healthy" -lt "$need_now" ] || [ "$others" -lt "$need_after" ]; then
      refuse "etcd has $total members, $healthy of them healthy (unhealthy:${unhealthy:- none}); removing the member at $peer_url needs $need_now healthy members and would leave $others healthy of $((total - 1)), where $need_after are a quorum" \
        "Bring the unhealthy members back (or mark a control-plane node that is gone for good dead: true, see the README's 'Adding and removing nodes'), then run pulumi up again"
    fi
    [ "$via_pod $via_url" != "$own" ] || refuse "no etcd pod of another control-plane node answers" "Bring etcd back on the other control-plane nodes, then run pulumi up again"
  fi
}
check_quorum
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
if [ -n "$member_id" ] && [ "$total" -gt 1 ]; then
  changed="the node was drained (kubectl uncordon $node brings it back), its etcd member is still there"
  check_quorum
  etcdctl_in "$via_pod" "$via_url" member remove "$member_id"
  after="$(etcdctl_in "$via_pod" "$via_url" member list)"
  if awk -F', ' -v id="$member_id" '$1 == id { found = 1 } END { exit !found }' <<<"$after"; then
    echo "etcd still lists member $member_id ($peer_url) after its removal; run pulumi up again" >&2
    exit 1
  fi
  echo "removed etcd member $member_id ($peer_url) of node $node"
fi
release_reboot_lock
