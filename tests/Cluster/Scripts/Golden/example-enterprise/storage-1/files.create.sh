#!/usr/bin/env bash
# Platform: install files received on standard input (mode path base64)
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
umask 077
# The last line may lack a newline: read then reports end of input, but has filled the variables.
while read -r mode path data || [ -n "${path:-}" ]; do
  [ -n "${path:-}" ] || continue
  case "$path" in /*) ;; *) echo "refusing relative path $path" >&2; exit 1 ;; esac
  install -d -m 0755 "$(dirname "$path")"
  tmp="$(mktemp "$path.XXXXXX")"
  printf '%s' "$data" | base64 -d >"$tmp"
  chmod "$mode" "$tmp"
  if [ -f "$path" ] && cmp -s "$tmp" "$path"; then
    rm -f "$tmp"
  else
    mv -f "$tmp" "$path"
  fi
done
