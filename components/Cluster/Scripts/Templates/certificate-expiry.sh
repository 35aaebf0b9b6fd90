#!/usr/bin/env bash
# Platform: report when kubeadm's certificates on this control-plane node expire
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
@@KUBEADM_CERTIFICATES@@
# Only names and dates: nothing secret is read or printed. The stack reads these lines (name, expiry) for its
# earliestCertificateExpiry output and its warning.
if ! certificates="$(kubeadm_certificates)" || [ -z "$certificates" ]; then
  echo "kubeadm certs check-expiration listed no certificate on this node: is it an initialised or joined control-plane node?" >&2
  exit 1
fi
printf '%s\n' "$certificates" | awk '{print $1, $3}'
