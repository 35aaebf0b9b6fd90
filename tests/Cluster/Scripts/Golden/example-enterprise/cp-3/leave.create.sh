#!/usr/bin/env bash
# Platform: create step of 'leave': its delete takes the node out of the cluster before the node's reset
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
echo "nothing to do"
