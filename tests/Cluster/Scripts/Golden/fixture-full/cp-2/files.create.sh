#!/usr/bin/env bash
# Platform: install files received on standard input (mode path base64, and if-missing for a file written only where there is none)
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
umask 077
# The last line may lack a newline: read then reports end of input, but has filled the variables.
while read -r mode path data flag || [ -n "${path:-}" ]; do
  [ -n "${path:-}" ] || continue
  case "$path" in /*) ;; *) echo "refusing relative path $path" >&2; exit 1 ;; esac
  install -d -m 0755 "$(dirname "$path")"
  # A file another step keeps current once the node has it (the API server's authentication configuration).
  if [ "${flag:-}" = if-missing ] && [ -f "$path" ]; then
    continue
  fi
  tmp="$(mktemp "$path.XXXXXX")"
  printf '%s' "$data" | base64 -d >"$tmp"
  chmod "$mode" "$tmp"
  if [ -f "$path" ] && cmp -s "$tmp" "$path"; then
    rm -f "$tmp"
  else
    mv -f "$tmp" "$path"
  fi
done
