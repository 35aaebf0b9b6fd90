#!/usr/bin/env bash
# Platform: remove the iptables rules kube-proxy left on this node
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
for tool in iptables iptables-nft iptables-legacy ip6tables ip6tables-nft ip6tables-legacy; do
  command -v "$tool-save" >/dev/null 2>&1 || continue
  rules="$("$tool-save" 2>/dev/null)" || continue
  if grep -Eq '^:KUBE-(SERVICES|PROXY-CANARY) ' <<<"$rules"; then
    grep -v KUBE <<<"$rules" | "$tool-restore" --wait
    echo "removed kube-proxy's rules ($tool)"
  fi
done
