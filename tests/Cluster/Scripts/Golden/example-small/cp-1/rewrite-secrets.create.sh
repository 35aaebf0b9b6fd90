#!/usr/bin/env bash
# Platform: store every Secret the way the encryption configuration writes them (secretbox), once every API server does
# Idempotent: every step checks before it acts, so running it again is safe.
set -euo pipefail
export KUBECONFIG=/etc/kubernetes/admin.conf
writer=secretbox
# This control-plane node's etcd member (kubeadm's stacked etcd, a static pod). The host has no etcdctl, so the etcd
# container's own etcdctl and etcdutl do the work (registry.k8s.io/etcd is etcd's release image: distroless, etcd,
# etcdctl and etcdutl in /usr/local/bin, no shell), with kubeadm's healthcheck-client certificate. find_local_etcd sets
# etcd_endpoint (the member's local client URL) and etcd_container, or etcd_problem and fails.
find_local_etcd() {
  etcd_endpoint="$(sed -n 's/^ *- --listen-client-urls=\([^,]*\).*$/\1/p' /etc/kubernetes/manifests/etcd.yaml 2>/dev/null || true)"
  if [ -z "$etcd_endpoint" ]; then
    etcd_problem="no local etcd client URL in /etc/kubernetes/manifests/etcd.yaml (kubeadm's etcd static pod)"
    return 1
  fi
  if ! etcd_containers="$(crictl --runtime-endpoint unix:///run/containerd/containerd.sock ps --name '^etcd$' --label io.kubernetes.pod.namespace=kube-system --state running -q)"; then
    etcd_problem="crictl could not list the containers"
    return 1
  fi
  etcd_container="${etcd_containers%%$'\n'*}"
  if [ -z "$etcd_container" ]; then
    etcd_problem="the etcd container is not running (see crictl ps -a --name etcd)"
    return 1
  fi
}
# etcdctl in the etcd container, on the local member.
local_etcdctl() {
  crictl --runtime-endpoint unix:///run/containerd/containerd.sock exec "$etcd_container" etcdctl --endpoints="$etcd_endpoint" \
    --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt \
    --key=/etc/kubernetes/pki/etcd/healthcheck-client.key "$@"
}
# First, every control-plane node's API server runs with the encryption configuration that writes with $writer (its
# static pod says which, PLATFORM_SECRETS_WRITER) and is ready: a Secret rewritten through one that does not yet
# would be stored the old way again. Five minutes at most.
api_servers_write() {
  # Ready ones only: a dead node keeps its Node (NotReady) until it leaves the inventory, and runs no API server.
  nodes="$(kubectl get nodes -l node-role.kubernetes.io/control-plane -o jsonpath='{range .items[*]}{.metadata.name} {.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | awk '$2 == "True" { print $1 }')"
  pods="$(kubectl -n kube-system get pods -l component=kube-apiserver -o jsonpath='{range .items[*]}{.spec.nodeName} {.spec.containers[0].env[?(@.name=="PLATFORM_SECRETS_WRITER")].value} {.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}')"
  [ -n "$nodes" ] || return 1
  for cp in $nodes; do
    grep -qxF "$cp $writer True" <<<"$pods" || { lagging="$cp"; return 1; }
  done
}
ok=0
for _ in $(seq 1 60); do
  if api_servers_write; then ok=1; break; fi
  sleep 5
done
if [ "$ok" -ne 1 ]; then
  echo "the API server on ${lagging:-the control-plane nodes} does not write Secrets with $writer 5 minutes after the control-plane reconfiguration; no Secret was rewritten. See its reconfigure step, then run pulumi up again" >&2
  exit 1
fi
# Then the Secrets etcd does not hold the way $writer stores them, read from this node's member (keys and the start of
# each value only reach awk, nothing is printed but the keys): encrypted ones start with k8s:enc:<provider>:v1:<key>:.
# etcdctl's fields output prints each key and value Go-quoted on a line of its own ("Key" : "...", "Value" : "...").
case "$writer" in
  identity) want="" ;;
  *) want="k8s:enc:$writer:v1:key1:" ;;
esac
stale_secrets() {
  find_local_etcd || { echo "cannot read the Secrets from etcd: $etcd_problem; no Secret was rewritten" >&2; exit 1; }
  if ! local_etcdctl get /registry/secrets/ --prefix -w fields | awk -v want="$want" '
    /^"Key" : "/ { key = substr($0, 10, length($0) - 10) }
    /^"Value" : "/ {
      value = substr($0, 12)
      if (want == "" ? index(value, "k8s:enc:") == 1 : index(value, want) != 1) print key
    }'; then
    echo "etcd at $etcd_endpoint did not list the Secrets; no more Secrets were rewritten" >&2
    exit 1
  fi
}
# Each of them read and written back through the API, one namespace at a time (so no more than one namespace's Secrets
# are held at once): the API server stores what it writes with $writer. A Secret changed or deleted meanwhile is no
# longer in the list the next round reads from etcd; after 5 rounds the step gives up.
for round in 1 2 3 4 5; do
  stale="$(stale_secrets)"
  if [ -z "$stale" ]; then
    echo "every Secret is stored with $writer"
    exit 0
  fi
  namespaces="$(awk -F/ '{ print $4 }' <<<"$stale" | sort -u)"
  for namespace in $namespaces; do
    names="$(awk -F/ -v ns="$namespace" '$4 == ns { print $5 }' <<<"$stale")"
    # shellcheck disable=SC2086 # names are DNS subdomains: one word each
    secrets="$(kubectl -n "$namespace" get secret $names --ignore-not-found -o json)"
    if [ -n "$secrets" ]; then
      printf '%s\n' "$secrets" | kubectl replace -f - >/dev/null || echo "some Secrets in $namespace changed meanwhile; the next round looks at them again"
    fi
  done
  echo "round $round: the Secrets to rewrite in ${namespaces//$'\n'/, } rewritten"
done
echo "Secrets are still not stored with $writer after 5 rounds: $(stale_secrets | tr '\n' ' ')" >&2
exit 1
