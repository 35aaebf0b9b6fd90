# The backup target inside the cluster: Rook's object store, reached at its Service's cluster IP (the host resolves no
# cluster DNS name), with the bucket and credentials of the ObjectBucketClaim @@BUCKET_CLAIM_NAMESPACE@@/@@BUCKET_CLAIM_NAME@@, read
# through the API at each run (its ConfigMap: BUCKET_HOST, BUCKET_PORT, BUCKET_NAME; its Secret: AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY) into a root-only curl config file under /run that is removed on exit. So the credentials
# never enter the stack's state, and the API must answer: an in-cluster target is no use once the cluster is gone.
s3_kubectl() {
  kubectl --kubeconfig @@ADMIN_KUBECONFIG@@ --request-timeout=30s -n @@BUCKET_CLAIM_NAMESPACE@@ "$@"
}
s3_connect() {
  s3_temporary=""
  s3_tls=()
  if ! s3_bucket="$(s3_kubectl get configmap @@BUCKET_CLAIM_NAME@@ -o jsonpath='{.data.BUCKET_HOST} {.data.BUCKET_PORT} {.data.BUCKET_NAME}')"; then
    echo "could not read the ObjectBucketClaim's ConfigMap @@BUCKET_CLAIM_NAMESPACE@@/@@BUCKET_CLAIM_NAME@@ through the API" >&2
    return 1
  fi
  read -r s3_host s3_port s3_name <<<"$s3_bucket"
  if [ -z "${s3_name:-}" ]; then
    echo "the ConfigMap @@BUCKET_CLAIM_NAMESPACE@@/@@BUCKET_CLAIM_NAME@@ has no BUCKET_HOST, BUCKET_PORT and BUCKET_NAME (is the bucket claim bound?)" >&2
    return 1
  fi
  # BUCKET_HOST is <service>.<namespace>.svc: the Service's cluster IP is what the host can reach.
  s3_service="${s3_host%%.*}"
  s3_service_namespace="${s3_host#*.}"
  s3_service_namespace="${s3_service_namespace%%.*}"
  s3_ip="$(kubectl --kubeconfig @@ADMIN_KUBECONFIG@@ --request-timeout=30s -n "$s3_service_namespace" get service "$s3_service" -o jsonpath='{.spec.clusterIP}' || true)"
  if [ -z "$s3_ip" ]; then
    echo "the object store's Service $s3_service_namespace/$s3_service has no cluster IP" >&2
    return 1
  fi
  case "$s3_ip" in *:*) s3_ip="[$s3_ip]" ;; esac
  s3_url="http://$s3_ip:$s3_port/$s3_name"
  s3_temporary="$(mktemp /run/platform-etcd-backup-s3.XXXXXX)"
  s3_config="$s3_temporary"
  s3_access="$(s3_kubectl get secret @@BUCKET_CLAIM_NAME@@ -o jsonpath='{.data.AWS_ACCESS_KEY_ID}' | base64 -d || true)"
  s3_secret="$(s3_kubectl get secret @@BUCKET_CLAIM_NAME@@ -o jsonpath='{.data.AWS_SECRET_ACCESS_KEY}' | base64 -d || true)"
  case "$s3_access$s3_secret" in
    *[!A-Za-z0-9+/=_-]*)
      echo "the credentials in the Secret @@BUCKET_CLAIM_NAMESPACE@@/@@BUCKET_CLAIM_NAME@@ have characters a curl config file would need escaped" >&2
      return 1 ;;
  esac
  if [ -z "$s3_access" ] || [ -z "$s3_secret" ]; then
    echo "the Secret @@BUCKET_CLAIM_NAMESPACE@@/@@BUCKET_CLAIM_NAME@@ has no AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY" >&2
    return 1
  fi
  # printf is bash's own: the credentials reach the file without a command line.
  printf 'user = "%s:%s"\n' "$s3_access" "$s3_secret" >"$s3_config"
}
