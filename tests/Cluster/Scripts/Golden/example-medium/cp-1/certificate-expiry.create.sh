#!/usr/bin/env bash
# Platform: report when kubeadm's certificates on this control-plane node expire
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
# The certificates kubeadm manages on this node, as kubeadm itself lists them (kubeadm certs check-expiration, its
# output API v1alpha3: name, missing, residualTime in seconds, expirationDate in RFC 3339, UTC), one line each:
# name, seconds left, expiry. The ones kubeadm reports missing are left out (super-admin.conf exists only on the node
# that ran kubeadm init); the CAs are not listed (they come from the stack's state). Only well-formed lines are kept,
# so any text kubeadm prints around its output is not read as a certificate (no regular expression intervals: mawk,
# Ubuntu's awk, has none).
kubeadm_certificates() {
  kubeadm certs check-expiration -o 'jsonpath={range .certificates[*]}{.name}{" "}{.missing}{" "}{.residualTime}{" "}{.expirationDate}{"\n"}{end}' |
    awk 'NF == 4 && $1 ~ /^[a-z][a-z.-]*$/ && $2 == "false" && $3 ~ /^-?[0-9]+$/ && $4 ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9:]+Z$/ {print $1, $3, $4}'
}
# Only names and dates: nothing secret is read or printed. The stack reads these lines (name, expiry) for its
# earliestCertificateExpiry output and its warning.
if ! certificates="$(kubeadm_certificates)" || [ -z "$certificates" ]; then
  echo "kubeadm certs check-expiration listed no certificate on this node: is it an initialised or joined control-plane node?" >&2
  exit 1
fi
printf '%s\n' "$certificates" | awk '{print $1, $3}'
