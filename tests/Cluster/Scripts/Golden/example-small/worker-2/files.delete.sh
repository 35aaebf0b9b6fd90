#!/usr/bin/env bash
# Platform: remove the platform's files
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
rm -rf /etc/kubernetes/platform
