#!/usr/bin/env bash
# Mounts one team's PostgreSQL secrets engine and a role whose credentials live 1 hour (at most 24), for the
# External Secrets Operator's VaultDynamicSecret generator (README: "Dynamic database credentials").
# Run by a Vault administrator, with VAULT_ADDR, VAULT_CACERT and VAULT_TOKEN in the environment (bao works the same:
# VAULT_CLI=bao). The database administrator's password comes on standard input, never as an argument, and is rotated
# at once, so afterwards only Vault knows it. Reading comes before writing: the mount and the connection are created
# once, the role is written only when one of its settings differs from the server's.
set -euo pipefail

: "${TEAM:?the team key (its name in lower case), e.g. team-a}"
: "${DATABASE:?a name for the connection, e.g. orders}"
: "${DB_HOST:?the database host, e.g. orders-db.team-a.svc}"
: "${DB_NAME:?the database, e.g. orders}"
: "${DB_ADMIN:?the PostgreSQL user Vault creates users with (CREATEROLE), e.g. vault}"
ROLE=${ROLE:-app}
DEFAULT_TTL=${DEFAULT_TTL:-3600}
MAX_TTL=${MAX_TTL:-86400}
SSL_MODE=${SSL_MODE:-require}
VAULT_CLI=${VAULT_CLI:-vault}
here=$(cd "$(dirname "$0")" && pwd)
mount="database/tenants/$TEAM"
cli() { "$VAULT_CLI" "$@"; }

# The team's own mount: its policy (tenant-<team>, kept by the platform) may read creds/* under it, nothing else.
if cli secrets list -format=json | grep -q "\"$mount/\""; then
  echo "$mount/ is mounted"
else
  cli secrets enable -path="$mount" database
  echo "$mount/ mounted"
fi

if cli read "$mount/config/$DATABASE" >/dev/null 2>&1; then
  echo "connection $DATABASE exists (its password is Vault's since the rotation)"
else
  cli write "$mount/config/$DATABASE" plugin_name=postgresql-database-plugin \
    connection_url="postgresql://{{username}}:{{password}}@$DB_HOST:5432/$DB_NAME?sslmode=$SSL_MODE" \
    username="$DB_ADMIN" password=- allowed_roles="$ROLE" password_authentication=scram-sha-256
  cli write -f "$mount/rotate-root/$DATABASE"
  echo "connection $DATABASE written, its password rotated"
fi

# The role: written when any setting differs from the server's.
want_statements=$(cat "$here/creation.sql")
current() { cli read -field="$1" "$mount/roles/$ROLE" 2>/dev/null || true; }
if [ "$(current db_name)" = "$DATABASE" ] && [ "$(current default_ttl)" = "$DEFAULT_TTL" ] && [ "$(current max_ttl)" = "$MAX_TTL" ] \
  && [ "$(current creation_statements)" = "[$want_statements]" ]; then
  echo "role $ROLE is current"
else
  cli write "$mount/roles/$ROLE" db_name="$DATABASE" creation_statements=@"$here/creation.sql" \
    default_ttl="$DEFAULT_TTL" max_ttl="$MAX_TTL"
  echo "role $ROLE written: credentials for ${DEFAULT_TTL}s, renewable to ${MAX_TTL}s"
fi
