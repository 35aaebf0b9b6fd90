#!/usr/bin/env bash
# Platform: create step of '@@STEP@@': @@REASON@@
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
echo "nothing to do"
