# kubeadm, kubelet and kubectl come from the Kubernetes package repository of their minor version, pinned and held.
use_kubernetes_repository() {
  minor="v$(echo "$1" | cut -d. -f1,2)"
  install -d -m 0755 /etc/apt/keyrings
  list="deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/$minor/deb/ /"
  if [ "$(cat /etc/apt/sources.list.d/kubernetes.list 2>/dev/null)" != "$list" ]; then
    curl -fsSL --retry 5 "https://pkgs.k8s.io/core:/stable:/$minor/deb/Release.key" | gpg --dearmor --yes -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg
    echo "$list" >/etc/apt/sources.list.d/kubernetes.list
  fi
  apt_get update -q
}
upgrade_packages() {
  use_kubernetes_repository "$TARGET"
  apt_retry apt-mark unhold "$@" >/dev/null
  pins=()
  for package in "$@"; do pins+=("$package=$TARGET-*"); done
  apt_get install -y -q --allow-change-held-packages "${pins[@]}"
  apt_retry apt-mark hold "$@" >/dev/null
}
