#!/usr/bin/env bash
# Platform: delete step of 'files': the files stay while the node is in the cluster; its reset removes them when it leaves
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
echo "nothing to undo"
