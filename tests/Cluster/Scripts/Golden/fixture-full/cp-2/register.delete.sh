#!/usr/bin/env bash
# Platform: delete step of 'register': the node's leave step drains it and its node-object step deletes its Node after the reset
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
echo "nothing to undo"
