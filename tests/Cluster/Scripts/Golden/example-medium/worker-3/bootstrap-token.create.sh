#!/usr/bin/env bash
# Platform: make the bootstrap token on standard input valid while the node joins
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
node=worker-3
# The token arrives without a trailing newline: read reports end of input, but has read it.
read -r token || [ -n "${token:-}" ]
if ! [[ "$token" =~ ^[a-z0-9]{6}\.[a-z0-9]{16}$ ]]; then
  echo "the bootstrap token on standard input is not of kubeadm's form [a-z0-9]{6}.[a-z0-9]{16}" >&2
  exit 1
fi
id="${token%%.*}"
joined() {
  [ -n "$(kubectl get nodes --field-selector "metadata.name=$node" -o name 2>/dev/null)" ]
}
# A node that has joined and runs needs no token: a re-run (a changed connection, say) leaves the token as it is. A
# node that is there but not Ready may have been reset to join again (kubeadm reset leaves its Node object).
if joined && [ "$(kubectl get node "$node" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]; then
  echo "node $node has joined"
  exit 0
fi
# Valid for the next hour: this step runs with every attempt of the node's join and ends once the join has done with
# the token.
expiration="$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)"
b64() { printf '%s' "$1" | base64 -w0; }
# kubeadm's own Secret for the token, given to kubectl on standard input: the token never appears in a command line.
exec 9>/run/platform-bootstrap-token.lock
flock 9
kubectl apply --server-side --force-conflicts --field-manager=platform -f - >/dev/null <<EOF_SECRET
apiVersion: v1
kind: Secret
metadata:
  name: bootstrap-token-$id
  namespace: kube-system
type: bootstrap.kubernetes.io/token
data:
  description: $(b64 "Platform bootstrap token for node joins")
  token-id: $(b64 "$id")
  token-secret: $(b64 "${token#*.}")
  expiration: $(b64 "$expiration")
  usage-bootstrap-authentication: $(b64 true)
  usage-bootstrap-signing: $(b64 true)
  auth-extra-groups: $(b64 system:bootstrappers:kubeadm:default-node-token)
EOF_SECRET
exec 9>&-
# The node has done with the token once kubelet has used it to register the node and, on a control-plane node,
# kubeadm has marked the node as one. Until then this step waits, so a join that fails before leaves this step failed
# too: the next 'pulumi up' runs both again, with the token valid for another hour.
for _ in $(seq 1 120); do
  if joined; then
    echo "node $node has joined"
    exit 0
  fi
  sleep 10
done
echo "node $node has not joined within 20 minutes; this step runs again with its join on the next 'pulumi up', and makes the token valid again" >&2
exit 1
