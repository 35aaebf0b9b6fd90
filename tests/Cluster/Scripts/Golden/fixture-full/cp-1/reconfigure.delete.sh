#!/usr/bin/env bash
# Platform: delete step of 'reconfigure': the static pods stay as the last configuration made them; the node's reset removes them when it leaves
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
echo "nothing to undo"
