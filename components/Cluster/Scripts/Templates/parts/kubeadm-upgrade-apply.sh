# Under the lock the service-proxy step takes on this node, so it never uploads kubeadm-config meanwhile.
flock /run/platform-kubeadm.lock kubeadm upgrade apply "v$TARGET" --yes @@SKIP_PHASES@@
