#!/usr/bin/env bash
# Platform: give the API server of control-plane node @@NODE@@ the cluster's authentication configuration
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
changed=""
@@WRITE_FILE@@
# The files step creates the folder (and the first configuration, with no issuer) before the node's init or join.
if [ ! -d @@AUTHENTICATION_CONFIG_DIR@@ ]; then
  echo "@@AUTHENTICATION_CONFIG_DIR@@ is missing: this node's files step has not run" >&2
  exit 1
fi
# Written through a file beside it and renamed over it, so the API server never reads half a file; the API server
# mounts the folder, so it sees the new file. Root only, though nothing in it is secret.
write_file @@AUTHENTICATION_CONFIG@@ 0600 @@AUTHENTICATION_CONFIGURATION@@
if [ -n "$changed" ]; then
  echo "wrote @@AUTHENTICATION_CONFIG@@"
else
  echo "@@AUTHENTICATION_CONFIG@@ is current"
fi
# A cluster created before the API server read the file gets the flag from this node's reconfigure step, and its API
# server starts with the file as it is now.
if ! grep -q -e '--authentication-config=' @@API_SERVER_MANIFEST@@ 2>/dev/null; then
  echo "the API server of @@NODE@@ does not read the file yet: it starts with it once the reconfigure step has given it --authentication-config"
  exit 0
fi
# The API server reloads the file when it changes (and checks it every minute); it keeps the configuration it had
# while the new one is invalid or an issuer's discovery cannot be reached with the CA given, and retries the latter.
# Its metric names the SHA-256 of the configuration it runs with.
want="sha256:$(sha256sum @@AUTHENTICATION_CONFIG@@ | cut -d ' ' -f 1)"
for _ in $(seq 1 60); do
  # This node's own API server, not the endpoint's: each API server reloads its own file. On the loopback address,
  # verified for the node's name, which kubeadm puts in the API server's certificate.
  metrics="$(kubectl --kubeconfig @@ADMIN_KUBECONFIG@@ --server @@LOCAL_API_SERVER@@ --tls-server-name @@NODE@@ get --raw /metrics 2>/dev/null || true)"
  if grep -q -E "^apiserver_authentication_config_controller_last_config_info\{([^}]*,)?hash=\"$want\"(,[^}]*)?\} 1$" <<<"$metrics"; then
    echo "the API server of @@NODE@@ authenticates with the configuration ($want)"
    exit 0
  fi
  sleep 5
done
echo "the API server of @@NODE@@ does not run with @@AUTHENTICATION_CONFIG@@ ($want) 5 minutes after it was written, and keeps the configuration it had. Its log says why (kubectl -n kube-system logs kube-apiserver-@@NODE@@ | grep 'authentication config'): a file it refuses, or an issuer whose discovery it cannot reach or verify with the CA given (it retries that every minute); apiserver_authentication_config_controller_automatic_reloads_total{status=\"failure\"} in kubectl get --raw /metrics counts the failures. Then run pulumi up again" >&2
exit 1
