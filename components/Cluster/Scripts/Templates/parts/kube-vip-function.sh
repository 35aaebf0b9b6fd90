# kube-vip holds the API's virtual IP on the interface that reaches it. Its static pod is the template with that
# interface and the kubeconfig "$1" filled in.
render_kube_vip() {
  # The main table's route to the address, not `ip route get`: once kube-vip holds it, the address is local (lo).
  iface="$(ip -o -4 route show table main match @@KUBE_VIP_ADDRESS@@ | awk '$1 != "default" {for (i = 1; i < NF; i++) if ($i == "dev") {print $(i + 1); exit } }')"
  if [ -z "$iface" ]; then
    iface="$(ip -o -4 route show table main default | awk '{for (i = 1; i < NF; i++) if ($i == "dev") {print $(i + 1); exit } }')"
  fi
  [ -n "$iface" ] || { echo "no interface reaches @@KUBE_VIP_ADDRESS@@" >&2; exit 1; }
  sed -e "s|@INTERFACE@|$iface|" -e "s|@KUBECONFIG@|$1|" @@KUBE_VIP_TEMPLATE@@
}
# Writes the static pod for kubeconfig "$1" where it differs from the one on the node; kubelet then restarts kube-vip.
write_kube_vip() {
  install -d -m 0700 /etc/kubernetes/manifests
  tmp="$(mktemp)"
  render_kube_vip "$1" >"$tmp"
  if cmp -s "$tmp" /etc/kubernetes/manifests/kube-vip.yaml; then
    rm -f "$tmp"
  else
    install -m 0600 "$tmp" /etc/kubernetes/manifests/kube-vip.yaml
    rm -f "$tmp"
  fi
}
