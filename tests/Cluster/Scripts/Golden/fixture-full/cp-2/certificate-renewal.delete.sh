#!/usr/bin/env bash
# Platform: delete step of 'certificate renewal': the node's reset removes the renewal timer, its service and its script when it leaves
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
echo "nothing to undo"
