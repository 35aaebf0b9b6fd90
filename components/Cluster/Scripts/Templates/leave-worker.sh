#!/usr/bin/env bash
# Platform: take worker @@NODE@@ out of the cluster: drain it
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=@@ADMIN_KUBECONFIG@@
node=@@NODE@@
@@REBOOT_LOCK@@
hold_reboot_lock
@@DRAIN@@
release_reboot_lock
