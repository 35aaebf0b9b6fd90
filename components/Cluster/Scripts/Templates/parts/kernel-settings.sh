# Kernel modules and sysctls for container networking, the kernel defaults that kubelet's
# protectKernelDefaults requires, and the memory-map count OpenSearch's bootstrap check requires
# (vm.max_map_count 262144, set here on every node so the logging namespace needs no privileged init
# container: https://docs.opensearch.org/latest/install-and-configure/install-opensearch/index/).
cat >/etc/modules-load.d/platform-kubernetes.conf <<'EOF'
overlay
br_netfilter
EOF
modprobe overlay
modprobe br_netfilter
cat >/etc/sysctl.d/90-platform-kubernetes.conf <<'EOF'
net.bridge.bridge-nf-call-iptables = 1
net.bridge.bridge-nf-call-ip6tables = 1
net.ipv4.ip_forward = 1
vm.overcommit_memory = 1
vm.panic_on_oom = 0
kernel.panic = 10
kernel.panic_on_oops = 1
kernel.keys.root_maxkeys = 1000000
kernel.keys.root_maxbytes = 25000000
vm.max_map_count = 262144
EOF
sysctl --system >/dev/null

# kubelet refuses to run with swap on.
swapoff -a
if grep -Eq '^[^#].*[[:space:]]swap[[:space:]]' /etc/fstab; then
  sed -Ei '/^[^#].*[[:space:]]swap[[:space:]]/s/^/# disabled for Kubernetes: /' /etc/fstab
fi
systemctl mask swap.target >/dev/null 2>&1 || true
