#!/usr/bin/env bash
# Platform: give the API server of control-plane node cp-1 the cluster's authentication configuration
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
changed=""
# write_file PATH MODE CONTENT: writes PATH (through a temporary file beside it, renamed over it) only where its content
# differs, and sets "changed" when it wrote; an unchanged file only gets its mode. So a second run changes nothing.
write_file() {
  tmp="$(mktemp "$1.XXXXXX")"
  printf '%s' "$3" >"$tmp"
  chmod "$2" "$tmp"
  if [ -f "$1" ] && cmp -s "$tmp" "$1"; then
    rm -f "$tmp"
    chmod "$2" "$1"
  else
    mv -f "$tmp" "$1"
    changed=yes
  fi
}
# The files step creates the folder (and the first configuration, with no issuer) before the node's init or join.
if [ ! -d /etc/kubernetes/platform/authentication ]; then
  echo "/etc/kubernetes/platform/authentication is missing: this node's files step has not run" >&2
  exit 1
fi
# Written through a file beside it and renamed over it, so the API server never reads half a file; the API server
# mounts the folder, so it sees the new file. Root only, though nothing in it is secret.
write_file /etc/kubernetes/platform/authentication/authentication-config.yaml 0600 'apiVersion: apiserver.config.k8s.io/v1
kind: AuthenticationConfiguration
jwt:
- issuer:
    url: https://dex.staging.example.internal
    audiences:
    - kubernetes
    - headlamp
    audienceMatchPolicy: MatchAny
    certificateAuthority: >
      -----BEGIN CERTIFICATE-----

      bWVkaXVtLXN0YWdpbmctY2VydGlmaWNhdGVzLWludGVybmFsLWNh

      -----END CERTIFICATE-----
  claimMappings:
    username:
      claim: email
      prefix: '\''oidc:'\''
    groups:
      claim: groups
      prefix: '\''oidc:'\''
  userValidationRules:
  - expression: "!user.username.startsWith('\''system:'\'')"
    message: '\''username cannot use the reserved system: prefix'\''
  - expression: user.groups.all(group, !group.startsWith('\''system:'\''))
    message: '\''groups cannot use the reserved system: prefix'\''
'
if [ -n "$changed" ]; then
  echo "wrote /etc/kubernetes/platform/authentication/authentication-config.yaml"
else
  echo "/etc/kubernetes/platform/authentication/authentication-config.yaml is current"
fi
# A cluster created before the API server read the file gets the flag from this node's reconfigure step, and its API
# server starts with the file as it is now.
if ! grep -q -e '--authentication-config=' /etc/kubernetes/manifests/kube-apiserver.yaml 2>/dev/null; then
  echo "the API server of cp-1 does not read the file yet: it starts with it once the reconfigure step has given it --authentication-config"
  exit 0
fi
# The API server reloads the file when it changes (and checks it every minute); it keeps the configuration it had
# while the new one is invalid or an issuer's discovery cannot be reached with the CA given, and retries the latter.
# Its metric names the SHA-256 of the configuration it runs with.
want="sha256:$(sha256sum /etc/kubernetes/platform/authentication/authentication-config.yaml | cut -d ' ' -f 1)"
for _ in $(seq 1 60); do
  # This node's own API server, not the endpoint's: each API server reloads its own file. On the loopback address,
  # verified for the node's name, which kubeadm puts in the API server's certificate.
  metrics="$(kubectl --kubeconfig /etc/kubernetes/admin.conf --server https://127.0.0.1:6443 --tls-server-name cp-1 get --raw /metrics 2>/dev/null || true)"
  if grep -q -E "^apiserver_authentication_config_controller_last_config_info\{([^}]*,)?hash=\"$want\"(,[^}]*)?\} 1$" <<<"$metrics"; then
    echo "the API server of cp-1 authenticates with the configuration ($want)"
    exit 0
  fi
  sleep 5
done
echo "the API server of cp-1 does not run with /etc/kubernetes/platform/authentication/authentication-config.yaml ($want) 5 minutes after it was written, and keeps the configuration it had. Its log says why (kubectl -n kube-system logs kube-apiserver-cp-1 | grep 'authentication config'): a file it refuses, or an issuer whose discovery it cannot reach or verify with the CA given (it retries that every minute); apiserver_authentication_config_controller_automatic_reloads_total{status=\"failure\"} in kubectl get --raw /metrics counts the failures. Then run pulumi up again" >&2
exit 1
