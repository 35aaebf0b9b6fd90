# The backup target outside the cluster, its credentials written by the etcd-backup step (root only).
s3_connect() {
  s3_url=@@S3_URL@@
  s3_config=@@ETCD_BACKUP_CREDENTIALS_PATH@@
  s3_temporary=""
  s3_tls=()
  if [ -f @@ETCD_BACKUP_CA_PATH@@ ]; then
    s3_tls=(--cacert @@ETCD_BACKUP_CA_PATH@@)
  fi
  if [ ! -r "$s3_config" ]; then
    echo "the backup target's credentials are not at $s3_config (the etcd-backup step of pulumi up writes them)" >&2
    return 1
  fi
}
