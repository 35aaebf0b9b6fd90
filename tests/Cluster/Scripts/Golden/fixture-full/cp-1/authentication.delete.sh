#!/usr/bin/env bash
# Platform: delete step of 'authentication': the API server keeps the last configuration; the node's reset removes it when it leaves
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
echo "nothing to undo"
