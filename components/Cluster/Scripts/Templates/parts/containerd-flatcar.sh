# containerd is part of Flatcar's image: Platform checks its version against containerd's matrix for this Kubernetes
# minor (a newer Flatcar release brings a newer containerd) and points it at Platform's configuration.
require_supported_containerd() {
  if ! containerd_supported "$(containerd_version)"; then
    echo "Kubernetes $K8S_VERSION needs containerd $CONTAINERD_MINIMUMS or newer (in each line); this Flatcar release has containerd $(containerd_version): update Flatcar (or use a newer Flatcar image for this node), then run pulumi up again" >&2
    exit 1
  fi
}
use_platform_containerd_config() {
  dropin=/etc/systemd/system/containerd.service.d/10-platform.conf
  if [ "$(cat "$dropin" 2>/dev/null)" != "$(printf '[Service]\nEnvironment=CONTAINERD_CONFIG=/etc/containerd/config.toml')" ]; then
    install -d -m 0755 /etc/systemd/system/containerd.service.d
    printf '[Service]\nEnvironment=CONTAINERD_CONFIG=/etc/containerd/config.toml\n' >"$dropin"
    systemctl daemon-reload
    systemctl restart containerd
  fi
}
