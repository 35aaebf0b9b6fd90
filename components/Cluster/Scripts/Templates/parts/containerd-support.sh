# containerd's own support matrix for this Kubernetes minor: the oldest supported patch of each containerd line,
# newest line first; a line newer than the newest one listed is supported too.
CONTAINERD_MINIMUMS=@@CONTAINERD_MINIMUMS@@
version_at_least() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]
}
containerd_supported() {
  newest=""
  for minimum in $CONTAINERD_MINIMUMS; do
    [ -n "$newest" ] || newest="$minimum"
    if [ "${1%.*}" = "${minimum%.*}" ]; then
      version_at_least "$1" "$minimum"
      return
    fi
  done
  version_at_least "$1" "$newest"
}
# The running containerd's version, e.g. 2.2.1 (from "containerd github.com/containerd/containerd/v2 v2.2.1 <commit>").
containerd_version() {
  version="$(containerd --version | awk '{print $3}')"
  version="${version#v}"
  echo "${version%%[-+~]*}"
}
# The containerd configuration for the running containerd's major version: version 3 for containerd 2, version 2 for
# containerd 1.7 (which only Kubernetes 1.35 supports). It pins the sandbox image kubeadm expects and the systemd
# cgroup driver kubelet uses; everything else is containerd's default. containerd restarts only when it changed.
configure_containerd() {
  case "$(containerd_version)" in
    1.*) config=@@CONTAINERD_CONFIG_V2@@ ;;
    *) config=@@CONTAINERD_CONFIG_V3@@ ;;
  esac
  install -d -m 0755 /etc/containerd
  # Compared as files: cmp on a pipe may stop reading before printf has written it all.
  printf '%s\n' "$config" >/etc/containerd/config.toml.new
  chmod 0644 /etc/containerd/config.toml.new
  if cmp -s /etc/containerd/config.toml.new /etc/containerd/config.toml; then
    rm -f /etc/containerd/config.toml.new
  else
    mv -f /etc/containerd/config.toml.new /etc/containerd/config.toml
    systemctl restart containerd
  fi
}
