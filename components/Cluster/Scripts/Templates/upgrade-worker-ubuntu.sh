#!/usr/bin/env bash
# Platform: upgrade this worker to Kubernetes @@KUBERNETES_VERSION@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
TARGET=@@KUBERNETES_VERSION@@
@@VERSION_GUARD@@
@@KUBERNETES_PACKAGES@@
upgrade_packages kubeadm
kubeadm upgrade node
upgrade_packages kubelet kubectl
systemctl daemon-reload
systemctl restart kubelet
@@KUBELET_FILE_PERMISSIONS@@
