#!/bin/sh
# Configures Vault (or OpenBao) for the External Secrets Operator: the secret-management layer's vault-config Job
# (components/Secrets/ExternalSecrets/VaultConfiguration.cs). POSIX sh, run by the server's own image.
# Every step reads the current state first and writes only what differs, so a second run changes nothing.
# From the environment: VAULT_CLI (vault or bao), VAULT_ADDR and VAULT_CACERT (and their BAO_ twins), AUTH_MOUNT,
# SETUP_ROLE, TOKEN_FILE (the ServiceAccount token), KV_MOUNT, ROLE_PREFIX, CONFIG_DIR (policy-*.hcl and role-* files).
set -eu

log() { printf 'vault-config: %s\n' "$*"; }
fail() { printf 'vault-config: %s\n' "$*" >&2; exit 1; }
cli() { "$VAULT_CLI" "$@"; }
# A JSON list or string as the CLI prints it (-format=json): its items joined by commas, quotes and blanks dropped.
flat() { tr -d ' \n\t"[]'; }

# The server answers once it is unsealed (status exits 0; 2 is sealed, 1 unreachable).
attempt=1
until cli status >/dev/null 2>&1; do
  [ "$attempt" -lt 60 ] || fail "$VAULT_ADDR is not reachable and unsealed after 60 attempts"
  attempt=$((attempt + 1))
  sleep 5
done

# The CLI reads the ServiceAccount token from its file (jwt=@file) and the Vault token goes to the environment:
# neither is ever on a command line.
VAULT_TOKEN=$(cli write -field=token "auth/$AUTH_MOUNT/login" role="$SETUP_ROLE" jwt=@"$TOKEN_FILE") \
  || fail "logging in with the role $SETUP_ROLE at auth/$AUTH_MOUNT failed"
BAO_TOKEN=$VAULT_TOKEN
export VAULT_TOKEN BAO_TOKEN

# The audit device: every request and response, to the server's standard output, which is its container's log (shipped
# with the other logs when log shipping is on). Audit devices cannot be changed once enabled: one already at file/ is
# left as it is. OpenBao refuses to create audit devices through the API (declared in its configuration instead).
if cli audit list -format=json 2>/dev/null | grep -q '"file/"'; then
  log "audit device file/ is enabled"
elif cli audit enable -path=file file file_path=stdout >/dev/null 2>"${TMPDIR:-/tmp}/audit-error"; then
  log "audit device file/ enabled (to stdout)"
elif [ "$VAULT_CLI" = bao ]; then
  log "OpenBao refused to enable the audit device through the API ($(cat "${TMPDIR:-/tmp}/audit-error")): declare it in the server's configuration (audit \"file\" \"file\" { options { file_path = \"stdout\" } })"
else
  cat "${TMPDIR:-/tmp}/audit-error" >&2
  fail "enabling the audit device file/ failed"
fi

# The KV version 2 engine at KV_MOUNT/.
if cli secrets list -format=json | grep -q "\"$KV_MOUNT/\""; then
  type=$(cli read -field=type -format=json "sys/mounts/$KV_MOUNT" | flat)
  options=$(cli read -field=options -format=json "sys/mounts/$KV_MOUNT" | tr -d ' \n\t')
  case "$type|$options" in
    'kv|{"version":"2"}') log "KV v2 engine $KV_MOUNT/ is enabled" ;;
    *) fail "$KV_MOUNT/ is mounted as $type $options, not KV version 2: move it, or upgrade it with '$VAULT_CLI kv enable-versioning $KV_MOUNT/'" ;;
  esac
else
  cli secrets enable -path="$KV_MOUNT" -version=2 kv >/dev/null
  log "KV v2 engine $KV_MOUNT/ enabled"
fi

# Policies: written when their text differs from the server's.
for file in "$CONFIG_DIR"/policy-*.hcl; do
  [ -e "$file" ] || continue
  name=${file#"$CONFIG_DIR"/policy-}
  name=${name%.hcl}
  current=$(cli policy read "$name" 2>/dev/null || true)
  if [ "$current" = "$(cat "$file")" ]; then
    log "policy $name is current"
  else
    cli policy write "$name" "$file" >/dev/null
    log "policy $name written"
  fi
done

# Kubernetes-auth roles: one field=value line per setting (lists comma-separated, durations in seconds), written when
# the role is missing or any field differs.
for file in "$CONFIG_DIR"/role-*; do
  [ -e "$file" ] || continue
  name=${file#"$CONFIG_DIR"/role-}
  path="auth/$AUTH_MOUNT/role/$name"
  differs=false
  if cli read "$path" >/dev/null 2>&1; then
    while IFS='=' read -r field value; do
      [ -n "$field" ] || continue
      current=$(cli read -field="$field" -format=json "$path" 2>/dev/null | flat || true)
      [ "$current" = "$value" ] || differs=true
    done < "$file"
  else
    differs=true
  fi
  if [ "$differs" = true ]; then
    set --
    while IFS= read -r line; do
      if [ -n "$line" ]; then set -- "$@" "$line"; fi
    done < "$file"
    cli write "$path" "$@" >/dev/null
    log "role $name written"
  else
    log "role $name is current"
  fi
done

# Roles and policies of teams that are gone (the ROLE_PREFIX names are the platform's own); their secrets stay.
for name in $(cli list -format=json "auth/$AUTH_MOUNT/role" 2>/dev/null | flat | tr ',' ' '); do
  case "$name" in
    "$ROLE_PREFIX"*)
      if [ ! -e "$CONFIG_DIR/role-$name" ]; then
        cli delete "auth/$AUTH_MOUNT/role/$name" >/dev/null
        log "role $name deleted (no such team)"
      fi
      ;;
  esac
done
for name in $(cli policy list -format=json | flat | tr ',' ' '); do
  case "$name" in
    "$ROLE_PREFIX"*)
      if [ ! -e "$CONFIG_DIR/policy-$name.hcl" ]; then
        cli policy delete "$name" >/dev/null
        log "policy $name deleted (no such team)"
      fi
      ;;
  esac
done
log "done"
