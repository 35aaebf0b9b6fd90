# A node that joined under an earlier release has no --node-ip among the flags kubeadm wrote for kubelet then: add the
# inventory address (kubelet restarts with it below).
if [ -f /var/lib/kubelet/kubeadm-flags.env ] && ! grep -q -- '--node-ip=' /var/lib/kubelet/kubeadm-flags.env; then
  sed -i 's|^KUBELET_KUBEADM_ARGS="|KUBELET_KUBEADM_ARGS="--node-ip=@@NODE_IP@@ |' /var/lib/kubelet/kubeadm-flags.env
fi
