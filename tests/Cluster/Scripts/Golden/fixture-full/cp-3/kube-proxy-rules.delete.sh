#!/usr/bin/env bash
# Platform: delete step of 'kube-proxy rules': kube-proxy writes its own rules again when it comes back
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
echo "nothing to undo"
