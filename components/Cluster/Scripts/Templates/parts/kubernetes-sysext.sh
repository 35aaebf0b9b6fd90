# Kubernetes on Flatcar is a systemd-sysext image (Flatcar's sysext-bakery), pinned by the version in its name.
switch_kubernetes_sysext() {
  case "$(uname -m)" in
    x86_64) arch=x86-64 ;;
    aarch64) arch=arm64 ;;
    *) echo "unsupported architecture $(uname -m)" >&2; exit 1 ;;
  esac
  image="/opt/extensions/kubernetes/kubernetes-v$1-$arch.raw"
  install -d -m 0755 /opt/extensions/kubernetes /etc/extensions
  if [ ! -f "$image" ]; then
    curl -fsSL --retry 5 -o "$image.download" "https://extensions.flatcar.org/extensions/kubernetes-v$1-$arch.raw"
    mv -f "$image.download" "$image"
  fi
  if [ "$(readlink /etc/extensions/kubernetes.raw 2>/dev/null)" != "$image" ]; then
    ln -sfn "$image" /etc/extensions/kubernetes.raw
    systemd-sysext refresh
    systemctl daemon-reload
  fi
}
