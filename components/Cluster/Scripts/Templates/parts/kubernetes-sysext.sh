# Kubernetes on Flatcar is a systemd-sysext image (Flatcar's sysext-bakery), pinned by the version in its name and
# checked against the SHA256SUMS published with it before it is used. fetch_kubernetes_sysext only downloads and checks
# it (the node runs as it did); switch_kubernetes_sysext fetches it and makes it the node's Kubernetes.
fetch_kubernetes_sysext() {
  case "$(uname -m)" in
    x86_64) arch=x86-64 ;;
    aarch64) arch=arm64 ;;
    *) echo "unsupported architecture $(uname -m)" >&2; exit 1 ;;
  esac
  name="kubernetes-v$1-$arch.raw"
  image="/opt/extensions/kubernetes/$name"
  install -d -m 0755 /opt/extensions/kubernetes /etc/extensions
  if [ ! -f "$image" ]; then
    curl -fsSL --retry 5 -o "$image.download" "https://extensions.flatcar.org/extensions/$name"
    sums="$(curl -fsSL --retry 5 "https://github.com/flatcar/sysext-bakery/releases/download/kubernetes-v$1/SHA256SUMS")"
    expected="$(printf '%s\n' "$sums" | awk -v name="$name" '$2 == name || $2 == "*" name {print $1}')"
    actual="$(sha256sum "$image.download" | awk '{print $1}')"
    if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
      rm -f "$image.download"
      echo "the sysext $name does not match the SHA256SUMS of sysext-bakery's release kubernetes-v$1 (expected ${expected:-no entry}, got $actual): not used" >&2
      exit 1
    fi
    mv -f "$image.download" "$image"
  fi
}
switch_kubernetes_sysext() {
  fetch_kubernetes_sysext "$1"
  if [ "$(readlink /etc/extensions/kubernetes.raw 2>/dev/null)" != "$image" ]; then
    ln -sfn "$image" /etc/extensions/kubernetes.raw
    systemd-sysext refresh
    systemctl daemon-reload
  fi
}
