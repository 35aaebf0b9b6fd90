# kubelet's node IP is the inventory address (kubeadm puts it into the kubelet's flags when the node joins), so it must
# be one of this host's own addresses; kubelet would not start otherwise.
if ! ip -o addr show | awk -v ip=@@NODE_IP@@ 'index($4, ip "/") == 1 {found = 1} END {exit !found}'; then
  echo "the inventory address @@NODE_IP@@ is not an address of this host (it has $(ip -o addr show scope global | awk '{print $4}' | tr '\n' ' ')): kubelet's node IP must be one of its own; give the node its own address in platform:nodes" >&2
  exit 1
fi
