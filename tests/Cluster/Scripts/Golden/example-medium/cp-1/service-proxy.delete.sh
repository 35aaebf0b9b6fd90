#!/usr/bin/env bash
# Platform: delete step of 'service proxy': the Service proxy stays as the configuration left it
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
echo "nothing to undo"
