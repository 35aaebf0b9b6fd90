# Under the lock the certificate renewal takes on this node, so the two never restart its static pods at once.
flock /run/platform-kubeadm.lock kubeadm upgrade node @@SKIP_PHASES@@
