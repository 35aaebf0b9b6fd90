#!/usr/bin/env bash
# Platform: make node @@NODE@@ schedulable again after its upgrade
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=@@ADMIN_KUBECONFIG@@
@@UPGRADE_CORDON@@
uncordon_after_upgrade @@NODE@@
