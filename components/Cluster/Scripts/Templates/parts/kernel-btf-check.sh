# Falco (the security audits capability) traces this host with its modern eBPF probe, which needs kernel 5.8 or newer
# with BTF type information (/sys/kernel/btf/vmlinux, CONFIG_DEBUG_INFO_BTF=y): Ubuntu 22.04 and later and Flatcar ship
# both. Any other kernel only gets this warning, whether or not the capability is on; this check changes nothing.
kernel_supports_falco() {
  local major minor
  [ -r /sys/kernel/btf/vmlinux ] || return 1
  major="${1%%.*}"
  minor="${1#*.}"
  minor="${minor%%[!0-9]*}"
  case "$major" in '' | *[!0-9]*) return 1 ;; esac
  case "$minor" in '' | *[!0-9]*) minor=0 ;; esac
  [ "$major" -gt 5 ] || { [ "$major" -eq 5 ] && [ "$minor" -ge 8 ]; }
}
# A warning only: nothing here may fail the preparation.
kernel_release="$(uname -r)" || kernel_release=""
if ! kernel_supports_falco "$kernel_release"; then
  echo "warning: kernel ${kernel_release:-unknown} has no BTF (/sys/kernel/btf/vmlinux) or is older than 5.8, so Falco's modern eBPF probe cannot run on this host. With the securityAudits capability on, give the node the label platform.io/kernel-btf: \"false\" in platform:nodes (Falco then skips it and its syscalls go unaudited), or boot a kernel built with CONFIG_DEBUG_INFO_BTF=y." >&2
fi
