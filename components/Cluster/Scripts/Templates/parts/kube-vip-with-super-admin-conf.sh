if [ ! -f /etc/kubernetes/admin.conf ]; then
  write_kube_vip /etc/kubernetes/super-admin.conf
fi
