#!/usr/bin/env bash
# Platform: upgrade this worker to Kubernetes @@KUBERNETES_VERSION@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
TARGET=@@KUBERNETES_VERSION@@
@@VERSION_GUARD@@
@@KUBERNETES_SYSEXT@@
switch_kubernetes_sysext "$TARGET"
kubeadm upgrade node
systemctl daemon-reload
systemctl restart kubelet
@@KUBELET_FILE_PERMISSIONS@@
@@KUBELET_SERVICE_DROP_IN@@
