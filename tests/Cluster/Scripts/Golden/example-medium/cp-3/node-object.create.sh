#!/usr/bin/env bash
# Platform: create step of 'node object': its delete deletes the node's Node object once the node has left and been reset
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
echo "nothing to do"
