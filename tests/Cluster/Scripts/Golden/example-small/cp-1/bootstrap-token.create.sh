#!/usr/bin/env bash
# Platform: create step of 'bootstrap token': the first control-plane node initialised the cluster or is a member: it needs no token
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
echo "nothing to do"
