#!/usr/bin/env bash
# Platform: delete step of 'upgrade': an upgrade is not reverted
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
echo "nothing to undo"
