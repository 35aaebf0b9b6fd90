write_kube_vip /etc/kubernetes/admin.conf
