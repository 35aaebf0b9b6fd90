# The backup script, the certificate the snapshots are encrypted to (the stack keeps the private key), the target's CA
# certificates, and the target's credentials from standard input, root only (none for the in-cluster target, whose
# credentials the script reads from its ObjectBucketClaim's Secret at each run); then the service and the timer.
install -d -m 0700 @@ETCD_BACKUP_CONFIG_DIR@@
# shellcheck disable=SC2016
write_file @@ETCD_BACKUP_SCRIPT_PATH@@ 0700 @@ETCD_BACKUP_SCRIPT@@
write_file @@ETCD_BACKUP_RECIPIENT_PATH@@ 0644 @@ETCD_BACKUP_RECIPIENT@@
ca_bundle=@@ETCD_BACKUP_CA_BUNDLE@@
if [ -n "$ca_bundle" ]; then
  write_file @@ETCD_BACKUP_CA_PATH@@ 0644 "$ca_bundle"
else
  rm -f @@ETCD_BACKUP_CA_PATH@@
fi
credentials="$(cat)"
if [ -n "$credentials" ]; then
  write_file @@ETCD_BACKUP_CREDENTIALS_PATH@@ 0600 "$credentials"
else
  rm -f @@ETCD_BACKUP_CREDENTIALS_PATH@@
fi
write_file @@ETCD_BACKUP_SERVICE_PATH@@ 0644 @@ETCD_BACKUP_SERVICE@@
write_file @@ETCD_BACKUP_TIMER_PATH@@ 0644 @@ETCD_BACKUP_TIMER@@
if [ -n "$changed" ]; then
  systemctl daemon-reload
  systemctl restart @@ETCD_BACKUP_TIMER_UNIT@@
fi
if ! systemctl is-enabled --quiet @@ETCD_BACKUP_TIMER_UNIT@@ || ! systemctl is-active --quiet @@ETCD_BACKUP_TIMER_UNIT@@; then
  systemctl enable --now @@ETCD_BACKUP_TIMER_UNIT@@
fi
systemctl list-timers @@ETCD_BACKUP_TIMER_UNIT@@ --no-pager || true
