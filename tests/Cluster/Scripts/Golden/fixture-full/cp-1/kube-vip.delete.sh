#!/usr/bin/env bash
# Platform: delete step of 'kube-vip': the node's reset removes kube-vip's static pod when it leaves
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
echo "nothing to undo"
