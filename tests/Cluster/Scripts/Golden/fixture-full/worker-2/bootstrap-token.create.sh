#!/usr/bin/env bash
# Platform: make sure the bootstrap token on standard input is valid for a join
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
# The token arrives without a trailing newline: read reports end of input, but has read it.
read -r token || [ -n "${token:-}" ]
id="${token%%.*}"
exec 9>/run/platform-bootstrap-token.lock
flock 9
ttl="$(kubeadm token list 2>/dev/null | awk -v id="$id" 'index($1, id ".") == 1 {print $2}')"
case "$ttl" in
  "<forever>") exit 0 ;;
  [1-9]*h|[1-9][0-9]*h) exit 0 ;;
esac
if [ -n "$ttl" ]; then
  kubeadm token delete "$id" >/dev/null
fi
kubeadm token create "$token" --ttl 2h >/dev/null
