#!/bin/sh
# Keeps Harbor's projects as platform:imageScanning.harbor.projects lists them, through Harbor's API (v2.0): the Docker
# Hub registry endpoint a proxy-cache project pulls through, each project (created when missing), and each project's
# metadata (public, scan on push, and "prevent vulnerable images from running" from a severity), set on every run.
# Safe to re-run: every object is looked up first and only created when missing; the metadata is PUT, which leaves a
# project as it is when nothing changed. Nothing is ever deleted: a project removed from the list stays in Harbor.
# Environment: HARBOR_URL (core's in-cluster URL), HARBOR_ADMIN_USER, HARBOR_ADMIN_PASSWORD (from the admin Secret; it
# reaches curl on its standard input as a config line, never on a command line) and PROJECTS, one project a line:
# name|public (true/false)|proxyCache (true/false)|severity (low, medium, high, critical, or none).
# With single sign-on: OIDC_CONFIGURATION (Harbor's OIDC settings as a JSON object, without the client secret),
# OIDC_CLIENT_SECRET (from its Secret; it reaches Harbor only in a request body written to a file) and OIDC_MEMBERS (one
# group a line, group|role id: 2 developer, 3 guest), which every project gets as OIDC group members (type 3); a member
# that exists already (409) is left as it is.
set -eu

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# api METHOD PATH [BODY]: prints the HTTP status (000 when Harbor cannot be reached); the response body is in
# $work/response.
api() {
  printf 'user = "%s:%s"\n' "$HARBOR_ADMIN_USER" "$HARBOR_ADMIN_PASSWORD" > "$work/auth"
  if [ $# -ge 3 ]; then
    printf '%s' "$3" > "$work/request"
    curl --silent --show-error --config - --request "$1" --header 'Content-Type: application/json' \
      --header 'X-Is-Resource-Name: true' --data-binary "@$work/request" --output "$work/response" \
      --write-out '%{http_code}' "$HARBOR_URL/api/v2.0$2" < "$work/auth" || true
  elif [ "$1" = HEAD ]; then
    curl --silent --show-error --config - --head --output "$work/response" --write-out '%{http_code}' \
      "$HARBOR_URL/api/v2.0$2" < "$work/auth" || true
  else
    curl --silent --show-error --config - --request "$1" --header 'X-Is-Resource-Name: true' \
      --output "$work/response" --write-out '%{http_code}' "$HARBOR_URL/api/v2.0$2" < "$work/auth" || true
  fi
}

fail() {
  echo "harbor-setup: $1 (HTTP $2): $(cat "$work/response" 2>/dev/null || true)" >&2
  exit 1
}

# Core answers once its database is migrated; the release is ready before, so wait up to 10 minutes.
tries=0
until [ "$(api GET /ping)" = 200 ]; do
  tries=$((tries + 1))
  if [ "$tries" -ge 120 ]; then
    echo "harbor-setup: Harbor's API at $HARBOR_URL did not answer within 10 minutes" >&2
    exit 1
  fi
  sleep 5
done

# Single sign-on: the OIDC auth mode and its settings (PUT replaces them with the same values on every run). Harbor
# refuses to switch the auth mode while it has users other than admin, so this is for a Harbor that starts with it.
if [ -n "${OIDC_CONFIGURATION:-}" ]; then
  secret=$(printf '%s' "$OIDC_CLIENT_SECRET" | sed 's/[\\"]/\\&/g')
  status=$(api PUT /configurations "$(printf '{"oidc_client_secret":"%s",%s' "$secret" "${OIDC_CONFIGURATION#\{}")")
  [ "$status" = 200 ] || fail "setting the OIDC configuration failed" "$status"
  echo "harbor-setup: the OIDC auth mode is set"
fi

# members NAME: the OIDC groups of OIDC_MEMBERS as members of the project NAME.
members() {
  printf '%s\n' "${OIDC_MEMBERS:-}" | while IFS='|' read -r group role; do
    [ -n "$group" ] || continue
    status=$(api POST "/projects/$1/members" "$(printf '{"role_id":%s,"member_group":{"group_name":"%s","group_type":3}}' "$role" "$group")")
    case "$status" in
      201) echo "harbor-setup: project $1: group $group has role $role" ;;
      409) ;;
      *) fail "adding the group $group to the project $1 failed" "$status" ;;
    esac
  done
}

# The id of the registry endpoint in the response of GET /registries?q=name=...: the first "id" (a registry object has
# one; its credential has none).
first_id() {
  tr -c '[:alnum:]_":' '\n' < "$work/response" | sed -n 's/^"id":\([0-9][0-9]*\)$/\1/p' | head -n 1
}

registry_id=""
dockerhub_registry() {
  status=$(api GET "/registries?q=name%3Ddockerhub")
  [ "$status" = 200 ] || fail "listing the registry endpoints failed" "$status"
  registry_id=$(first_id)
  if [ -z "$registry_id" ]; then
    status=$(api POST /registries '{"name":"dockerhub","type":"docker-hub","url":"https://hub.docker.com","insecure":false,"description":"Docker Hub, for the proxy-cache project (platform)"}')
    [ "$status" = 201 ] || fail "creating the Docker Hub registry endpoint failed" "$status"
    echo "harbor-setup: created the registry endpoint dockerhub"
    status=$(api GET "/registries?q=name%3Ddockerhub")
    [ "$status" = 200 ] || fail "listing the registry endpoints failed" "$status"
    registry_id=$(first_id)
    [ -n "$registry_id" ] || fail "the registry endpoint dockerhub has no id" "$status"
  fi
}

metadata() {
  if [ "$4" = none ]; then
    printf '{"public":"%s","auto_scan":"true","prevent_vul":"false"}' "$2"
  else
    printf '{"public":"%s","auto_scan":"true","prevent_vul":"true","severity":"%s"}' "$2" "$4"
  fi
}

while IFS='|' read -r name public proxy severity; do
  [ -n "$name" ] || continue
  meta=$(metadata "$name" "$public" "$proxy" "$severity")
  status=$(api HEAD "/projects?project_name=$name")
  case "$status" in
    200) ;;
    404)
      if [ "$proxy" = true ]; then
        [ -n "$registry_id" ] || dockerhub_registry
        body=$(printf '{"project_name":"%s","registry_id":%s,"metadata":%s}' "$name" "$registry_id" "$meta")
      else
        body=$(printf '{"project_name":"%s","metadata":%s}' "$name" "$meta")
      fi
      status=$(api POST /projects "$body")
      [ "$status" = 201 ] || fail "creating the project $name failed" "$status"
      echo "harbor-setup: created the project $name"
      ;;
    *) fail "looking up the project $name failed" "$status" ;;
  esac
  status=$(api PUT "/projects/$name" "$(printf '{"metadata":%s}' "$meta")")
  [ "$status" = 200 ] || fail "setting the metadata of the project $name failed" "$status"
  echo "harbor-setup: project $name: public $public, proxy cache $proxy, prevent vulnerable images from $severity"
  members "$name"
done <<PROJECTS
$PROJECTS
PROJECTS
