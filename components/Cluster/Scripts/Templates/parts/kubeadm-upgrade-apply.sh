# Under the lock the service-proxy step and the certificate renewal take on this node, so it never uploads kubeadm-config
# or restarts the static pods meanwhile.
flock /run/platform-kubeadm.lock kubeadm upgrade apply "v$TARGET" --yes @@SKIP_PHASES@@
