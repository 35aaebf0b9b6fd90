# An upgrade makes schedulable again only a node it cordoned itself: a node an operator cordoned stays cordoned. The
# annotation records it on the node, so an upgrade that stopped half-way is finished by the next run. The drain evicts
# (PodDisruptionBudgets are respected) for 15 minutes at most, then names what holds it.
drain_for_upgrade() {
  hold_reboot_lock
  if [ "$(kubectl get node "$1" -o jsonpath='{.spec.unschedulable}')" != "true" ]; then
    kubectl annotate node "$1" --overwrite @@CORDONED_ANNOTATION@@=@@KUBERNETES_VERSION@@ >/dev/null
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
  if [ -n "$(kubectl get node "$1" -o jsonpath='{.metadata.annotations.@@CORDONED_ANNOTATION@@}')" ]; then
    kubectl uncordon "$1"
    kubectl annotate node "$1" @@CORDONED_ANNOTATION@@- >/dev/null
  fi
  release_reboot_lock
}
@@REBOOT_LOCK@@
