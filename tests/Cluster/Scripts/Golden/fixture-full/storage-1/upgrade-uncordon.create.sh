#!/usr/bin/env bash
# Platform: make node storage-1 schedulable again after its upgrade
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
kubectl uncordon storage-1
