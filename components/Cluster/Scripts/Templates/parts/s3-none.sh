# The stack has no backup target: nothing to list or fetch.
s3_connect() {
  s3_temporary=""
  echo "this cluster has no backup target (platform:backup): use a snapshot on a control-plane node, under @@ETCD_SNAPSHOT_DIR@@" >&2
  return 1
}
