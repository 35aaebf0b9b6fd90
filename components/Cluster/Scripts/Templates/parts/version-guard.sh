# The version the node's running kubelet reports, not the binary's: the binary changes before the upgrade is done (on
# Flatcar with the sysext, before kubeadm and the drain; on Ubuntu before kubelet restarts), so a run that stopped
# half-way is finished by the next one.
# A kubelet that reports the target is not enough while the node's upgrade is under way (the marker, written before
# the upgrade changes anything and removed once it is done): a Flatcar node that restarted after its sysext switch runs
# the new kubelet before kubeadm has upgraded its static pods and kubelet configuration.
if ! running="$(kubectl --kubeconfig @@NODE_KUBECONFIG@@ get node "$node" -o jsonpath='{.status.nodeInfo.kubeletVersion}')" || [ -z "$running" ]; then
  echo "could not read the version node $node's kubelet reports (kubectl get node $node): the upgrade needs the node registered and the API reachable" >&2
  exit 1
fi
if [ "$running" = "v$TARGET" ] && [ ! -f @@UPGRADE_MARKER@@ ]; then
  echo "already at v$TARGET"
  exit 0
fi
running_minor="$(echo "${running#v}" | cut -d. -f2)"
target_minor="$(echo "$TARGET" | cut -d. -f2)"
if [ "$target_minor" -lt "$running_minor" ]; then
  echo "refusing to downgrade from $running to v$TARGET" >&2
  exit 1
fi
if [ "$target_minor" -gt $((running_minor + 1)) ]; then
  echo "kubeadm upgrades one minor version at a time: from $running go to 1.$((running_minor + 1)).x first" >&2
  exit 1
fi
# Called right before the upgrade's first change to the node.
mark_upgrade_under_way() {
  install -d -m 0700 @@STATE_DIR@@
  echo "$TARGET" >@@UPGRADE_MARKER@@
}
