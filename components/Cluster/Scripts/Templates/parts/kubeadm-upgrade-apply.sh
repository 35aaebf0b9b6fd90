kubeadm upgrade apply "v$TARGET" --yes @@SKIP_PHASES@@
