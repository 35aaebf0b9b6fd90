# This control-plane node's etcd member (kubeadm's stacked etcd, a static pod). The host has no etcdctl, so the etcd
# container's own etcdctl and etcdutl do the work (registry.k8s.io/etcd is etcd's release image: distroless, etcd,
# etcdctl and etcdutl in /usr/local/bin, no shell), with kubeadm's healthcheck-client certificate. find_local_etcd sets
# etcd_endpoint (the member's local client URL) and etcd_container, or etcd_problem and fails.
find_local_etcd() {
  etcd_endpoint="$(sed -n 's/^ *- --listen-client-urls=\([^,]*\).*$/\1/p' /etc/kubernetes/manifests/etcd.yaml 2>/dev/null || true)"
  if [ -z "$etcd_endpoint" ]; then
    etcd_problem="no local etcd client URL in /etc/kubernetes/manifests/etcd.yaml (kubeadm's etcd static pod)"
    return 1
  fi
  if ! etcd_containers="$(crictl --runtime-endpoint unix:///run/containerd/containerd.sock ps --name '^etcd$' --label io.kubernetes.pod.namespace=kube-system --state running -q)"; then
    etcd_problem="crictl could not list the containers"
    return 1
  fi
  etcd_container="${etcd_containers%%$'\n'*}"
  if [ -z "$etcd_container" ]; then
    etcd_problem="the etcd container is not running (see crictl ps -a --name etcd)"
    return 1
  fi
}
# etcdctl in the etcd container, on the local member.
local_etcdctl() {
  crictl --runtime-endpoint unix:///run/containerd/containerd.sock exec "$etcd_container" etcdctl --endpoints="$etcd_endpoint" \
    --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt \
    --key=/etc/kubernetes/pki/etcd/healthcheck-client.key "$@"
}
