# An upgrade makes schedulable again only a node it cordoned itself: a node an operator cordoned stays cordoned. The
# annotation records it on the node, so an upgrade that stopped half-way is finished by the next run.
drain_for_upgrade() {
  if [ "$(kubectl get node "$1" -o jsonpath='{.spec.unschedulable}')" != "true" ]; then
    kubectl annotate node "$1" --overwrite @@CORDONED_ANNOTATION@@=@@KUBERNETES_VERSION@@ >/dev/null
  fi
  kubectl drain "$1" --ignore-daemonsets --delete-emptydir-data --timeout=15m
}
uncordon_after_upgrade() {
  if [ -n "$(kubectl get node "$1" -o jsonpath='{.metadata.annotations.@@CORDONED_ANNOTATION@@}')" ]; then
    kubectl uncordon "$1"
    kubectl annotate node "$1" @@CORDONED_ANNOTATION@@- >/dev/null
  fi
}
