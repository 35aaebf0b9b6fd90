# The drain evicts (PodDisruptionBudgets are respected) for 15 minutes at most.
if kubectl get node "$node" >/dev/null 2>&1; then
  kubectl drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=15m
fi
