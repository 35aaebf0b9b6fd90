# containerd comes from Ubuntu's archive (its -updates pocket has containerd 2), at a version containerd's matrix
# supports for this Kubernetes minor, held so unattended upgrades do not restart it.
containerd_candidate() {
  apt-cache policy containerd | awk '$1 == "Candidate:" {print $2}'
}
check_containerd_candidate() {
  candidate="$(containerd_candidate)"
  upstream="${candidate#*:}"
  upstream="${upstream%%-*}"
  if [ -z "$candidate" ] || [ "$candidate" = "(none)" ] || ! containerd_supported "$upstream"; then
    codename="$(awk -F= '$1 == "VERSION_CODENAME" {print $2}' /etc/os-release 2>/dev/null || true)"
    echo "Kubernetes $K8S_VERSION needs containerd $CONTAINERD_MINIMUMS or newer (in each line); apt offers containerd ${candidate:-none} on this host: enable Ubuntu's $codename-updates pocket (and apt-get update), then run pulumi up again" >&2
    exit 1
  fi
}
install_containerd() {
  check_containerd_candidate
  apt_retry apt-mark unhold containerd runc >/dev/null
  apt_get install -y -q --allow-change-held-packages "containerd=$candidate" runc
  apt_retry apt-mark hold containerd runc >/dev/null
}
