kubeadm upgrade node @@SKIP_PHASES@@
