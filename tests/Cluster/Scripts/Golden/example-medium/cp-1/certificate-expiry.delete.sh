#!/usr/bin/env bash
# Platform: delete step of 'certificate expiry': it only reads
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
echo "nothing to undo"
