# Once kubeadm is done, kube-vip starts on admin.conf, or moves to it from super-admin.conf. A changed template on a
# running node is the kube-vip step's: it rolls it out one control-plane node at a time.
if [ ! -f /etc/kubernetes/manifests/kube-vip.yaml ] || grep -q /etc/kubernetes/super-admin.conf /etc/kubernetes/manifests/kube-vip.yaml; then
  write_kube_vip /etc/kubernetes/admin.conf
fi
