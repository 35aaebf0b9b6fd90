#!/usr/bin/env bash
# Platform: delete step of 'etcd backup': the node's reset removes the backup timer, its service and its scripts when it leaves
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
echo "nothing to undo"
